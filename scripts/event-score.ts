/**
 * Scoring a corpus's timeline against gold events written by reading its
 * articles (test/data/events.json for the seeds, test/data/news/NAME/events.json
 * for the newswire corpora; the format is in test/data/news/README.md).
 *
 * A timeline line (a milestone) matches a gold event when its date agrees
 * with the gold's [date, until] and its summary or one of its sources'
 * sentences holds one of the gold's `match` phrases. Recall: the gold events
 * (not optional) some line matches. Precision: the lines that match a gold
 * event (optional ones too). Dates right: matched lines whose date lies within
 * the gold's span at the precision both have. Duplicates: lines beyond the
 * first that match an event already matched. Fragments: lines whose summary
 * does not end as a sentence does, or is cut ("…").
 */
import { readFileSync } from 'node:fs';
import type { StoryEvent } from '../src/events/events';
import { startOf } from '../src/language/dates';
import { foldTypography } from '../src/language/text';
import type { PartialDate } from '../src/types';

export interface GoldEvent {
  id: string;
  date: string;
  until?: string;
  kind: string;
  status: 'happened' | 'planned';
  place?: string;
  participants?: string[];
  decisions?: string[];
  match: string[];
  optional?: boolean;
}

export interface EventScore {
  gold: number;
  found: number;
  lines: number;
  matchedLines: number;
  datesRight: number;
  placesKnown: number;
  placesRight: number;
  duplicates: number;
  fragments: number;
  missed: string[];
  unmatched: string[];
  wrongDates: string[];
  /** Each gold event's matching lines, for reading the duplicates. */
  matches: Map<string, string[]>;
}

export function readGold(file: string): GoldEvent[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { events: GoldEvent[] }).events;
}

const fold = (s: string) => foldTypography(s).toLowerCase();

/** The first and last day a gold date names ("1987-03" → 1 to 31 March). */
function span(from: string, until?: string): [number, number] {
  const end = until ?? from;
  const a = startOf({ iso: from, precision: from.length === 4 ? 'year' : from.length === 7 ? 'month' : 'day' });
  const e = startOf({ iso: end, precision: end.length === 4 ? 'year' : end.length === 7 ? 'month' : 'day' });
  if (end.length === 4) e.setUTCFullYear(e.getUTCFullYear() + 1);
  else if (end.length === 7) e.setUTCMonth(e.getUTCMonth() + 1);
  else e.setUTCDate(e.getUTCDate() + 1);
  return [a.getTime(), e.getTime() - 1];
}

/** Does a line's date (at its precision) overlap the gold's span? */
export function dateFits(d: PartialDate | undefined, until: PartialDate | undefined, g: Pick<GoldEvent, 'date' | 'until'>): boolean {
  if (!d) return false;
  const [a, b] = span(d.iso, until?.iso);
  const [ga, gb] = span(g.date, g.until);
  return a <= gb && ga <= b;
}

/** A summary that is a whole sentence: it ends as one and is not cut. */
export function isFragment(summary: string): boolean {
  return /…$/.test(summary) || !/[.!?]["'’”)]?$/.test(summary.trim());
}

export function scoreEvents(lines: readonly StoryEvent[], gold: readonly GoldEvent[]): EventScore {
  const s: EventScore = {
    gold: 0,
    found: 0,
    lines: lines.length,
    matchedLines: 0,
    datesRight: 0,
    placesKnown: 0,
    placesRight: 0,
    duplicates: 0,
    fragments: 0,
    missed: [],
    unmatched: [],
    wrongDates: [],
    matches: new Map(),
  };
  const hit = new Set<string>();
  for (const line of lines) {
    if (isFragment(line.summary)) s.fragments++;
    const texts = [line.summary, ...line.sources.map((x) => x.sentence)].map(fold);
    const holds = (g: GoldEvent) => g.match.some((m) => texts.some((t) => t.includes(fold(m))));
    // The gold event it is about: one whose phrase it holds, its date agreeing first.
    const candidates = gold.filter(holds);
    const g = candidates.find((x) => dateFits(line.date, line.until, x)) ?? undefined;
    if (!g) {
      s.unmatched.push(`${line.date?.iso ?? 'undated'} ${line.summary.slice(0, 90)}`);
      if (candidates.length) s.wrongDates.push(`${line.date?.iso ?? 'undated'} (gold ${candidates[0].id} ${candidates[0].date}) ${line.summary.slice(0, 70)}`);
      continue;
    }
    s.matchedLines++;
    s.datesRight++;
    if (hit.has(g.id)) s.duplicates++;
    hit.add(g.id);
    s.matches.set(g.id, [...(s.matches.get(g.id) ?? []), `${line.date?.iso} ${line.summary.slice(0, 80)}`]);
    if (g.place) {
      s.placesKnown++;
      if (line.place && fold(g.place).includes(fold(line.place).split(' ')[0])) s.placesRight++;
    }
  }
  for (const g of gold) {
    if (g.optional) continue;
    s.gold++;
    if (hit.has(g.id)) s.found++;
    else s.missed.push(`${g.id} (${g.date})`);
  }
  return s;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');

export function eventTableOf(rows: { name: string; s: EventScore }[]): string {
  const head = ['corpus', 'gold events', 'recall', 'timeline lines', 'precision', 'dates right', 'places right', 'duplicates', 'fragments'];
  const body = rows.map(({ name, s }) => [
    name,
    String(s.gold),
    `${pct(s.found, s.gold)} (${s.found})`,
    String(s.lines),
    `${pct(s.matchedLines, s.lines)}`,
    `${pct(s.datesRight, s.datesRight + s.wrongDates.length)}`,
    s.placesKnown ? `${s.placesRight}/${s.placesKnown}` : '–',
    String(s.duplicates),
    String(s.fragments),
  ]);
  return [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
