/**
 * Questions about events, read once: what the question asks of an event
 * (when, where, who, what was decided, what happened in a period), which way
 * in time it looks (the last, the next, the first), the date and the place it
 * names, and the words that single the event out. And the story event that
 * answers it: the milestones that fit its date, place and direction, the one
 * whose reports hold most of its words first.
 */
import { latestPlanFirst, type StoryEvent } from '../events/events';
import { SHARED_EVENT_KINDS, type EventKind, type EventKinds } from '../events/kinds';
import { MONTH_NAMES, makePartialDate, monthOf } from '../language/dates';
import { readWords } from '../language/segment';
import { isStopWord, termOf, termsOf } from '../language/text';
import { isDictionaryWord } from '../language/wordnet';
import type { PartialDate } from '../types';
import type { AnalyzedQuestion } from './question';

export type EventAsk = 'when' | 'where' | 'who' | 'decided' | 'happened' | 'about' | 'changed';

export interface EventQuestion {
  ask: EventAsk;
  /** "the last meeting", "when will they meet next", "how did it start". */
  direction?: 'last' | 'next' | 'first';
  /** "in June 2015", "the 2013 talks", "in December". A month without a year is any year's. */
  date?: PartialDate | { month: number };
  /** The kind of event it names ("talks" a meeting, "deal" an agreement). */
  kind?: EventKind;
  /** "What changed between the 2013 talks and the 2015 deal": the other date; without one, "this" is the story's central event. */
  versus?: PartialDate | { month: number };
  /** Its words that single the event out (not the event word, the date, the direction, the question word, or the story's own words), as search terms. */
  terms: string[];
}

const MONTH_RE = new RegExp(`\\b(${MONTH_NAMES.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\b\\.?(?:\\s+(?:of\\s+)?((?:19|20)\\d\\d))?`, 'i');
const YEAR_RE = /\b((?:19|20)\d\d)\b/;
const DIRECTION: [RegExp, NonNullable<EventQuestion['direction']>][] = [
  [/\b(?:next|upcoming|again|coming|planned|will|going to)\b/, 'next'],
  [/\b(?:last|latest|most recent|previous|recently)\b/, 'last'],
  [/\b(?:first|start|started|begin|began|beginning|all start)\b/, 'first'],
];
/** The months' names and their short forms, as search terms: a date, not a word that singles an event out. */
const DATE_WORDS = new Set(termsOf(MONTH_NAMES.join(' ') + ' jan feb mar apr jun jul aug sep sept oct nov dec'));
/** Words of the question that are about asking, not about the event. */
const ASKING = new Set(['happen', 'happened', 'anything', 'step', 'planned', 'plan', 'next', 'last', 'first', 'latest', 'recent', 'again', 'start', 'begin', 'took', 'place', 'held', 'hold']);

/** The date a question names: a month and year, a year, or a month alone. */
export function questionDate(text: string): EventQuestion['date'] {
  const m = MONTH_RE.exec(text);
  // "may" names the month only beside a year ("may 2016"); alone it is the verb.
  if (m && !(m[1].toLowerCase() === 'may' && !m[2])) {
    const month = monthOf(m[1], { includeMay: true });
    if (month !== undefined) return m[2] ? makePartialDate(Number(m[2]), month) : { month };
  }
  const y = YEAR_RE.exec(text);
  return y ? makePartialDate(Number(y[1])) : undefined;
}

/**
 * Read a question as one about an event, or undefined when it is not: it must name an event (a
 * meeting, talks, a deal, a decision…) or ask what happened, and ask when, where, who, what was
 * decided, or what happened in a period.
 */
export function readEventQuestion(
  q: AnalyzedQuestion,
  vocabulary: { common?: ReadonlySet<string>; known?: ReadonlySet<string> } = {},
  kinds: EventKinds = SHARED_EVENT_KINDS,
): EventQuestion | undefined {
  const common = vocabulary.common ?? new Set<string>();
  const text = q.text.toLowerCase();
  const { lemmas, tags } = readWords(text);
  let kind: EventKind | undefined;
  let verb = false;
  const eventWords = new Set<string>();
  for (const [word, tag] of tags) {
    if (tag !== 'NOUN' && tag !== 'VERB') continue;
    // A question's word in its commonest sense ("the opening" of a building is no meeting; "talks" are);
    // a short question's verb is often tagged a noun ("when did they last meet"): its verb's sense then.
    const lemma = lemmas.get(word) ?? word;
    const k = kinds.of(lemma, tag === 'NOUN' ? 'n' : 'v', tag === 'NOUN' ? 1 : 2) ?? (tag === 'NOUN' && /\b(?:did|do|does|will|to)\b/.test(text) ? kinds.of(lemma, 'v', 2) : undefined);
    // Meetings, agreements and decisions: what a briefing's events are about.
    if (k !== 'meeting' && k !== 'agreement' && k !== 'decision') continue;
    eventWords.add(termOf(word));
    if (!kind) [kind, verb] = [k, tag === 'VERB'];
  }
  const happened =
    /\b(?:what|anything)\s+(?:has\s+)?happen(?:ed|s)?\b|\bwhat\s+(?:was|is)\s+(?:planned|the\s+(?:next|first|last)\s+step)|\bwhat'?s\s+the\s+(?:next|first)\s+step\b|\bdid\s+it\s+all\s+start\b|\bhow\s+did\s+it\s+(?:all\s+)?start\b/.test(
      text,
    );
  if (!kind && !happened) return undefined;
  let direction = DIRECTION.find(([re]) => re.test(text))?.[1];
  // "Where did they meet again" tells of the past: "again" looks ahead only in a question that does.
  if (direction === 'next' && /\b(?:did|was|were|had)\b/.test(text) && !/\b(?:next|upcoming)\b/.test(text)) direction = undefined;
  const date = questionDate(text);
  let ask: EventAsk;
  // "What changed between …", "how is this different from …": two events side by side.
  const compares = /\b(?:chang\w*|differen\w*|compare\w*|versus|vs)\b/.test(text) && kind !== undefined;
  const dates = [...text.matchAll(new RegExp(MONTH_RE.source + '|' + YEAR_RE.source, 'gi'))].map((m) => questionDate(m[0])).filter((d) => d !== undefined);
  if (compares && dates.length) ask = 'changed';
  else if (q.kind === 'when') ask = 'when';
  else if (q.kind === 'where') ask = 'where';
  else if (q.kind === 'who') ask = 'who';
  else if (happened && !kind) ask = 'happened';
  // "What did they agree", "what was decided": a verb of agreeing asks what was agreed ("the value of the contract" does not).
  else if ((kind === 'agreement' || kind === 'decision') && verb && /^(?:what|which)\b/.test(text)) ask = 'decided';
  else if (/^what\b.*\b(?:come|came)\s+out\b/.test(text)) ask = 'decided';
  else if (/^(?:what|tell)\b/.test(text) && (date || direction)) ask = happened ? 'happened' : 'about';
  else return undefined;
  // The words that single the event out.
  const named = q.words.map((w) => w.term).filter((t) => !eventWords.has(t) && !DATE_WORDS.has(t) && !/^\d/.test(t) && !ASKING.has(t) && !isStopWord(t) && !t.startsWith('@'));
  // A name the articles never use (written with a capital, or no English word: "broncos" is, "mandiant"
  // is not): the question is about something else, and the sentences (or a refusal) answer it.
  const unknown = q.words.filter((w) => named.includes(w.term) && vocabulary.known && !vocabulary.known.has(w.term));
  if (unknown.some((w) => tags.get(w.raw.toLowerCase()) !== 'VERB' && (w.name || !isDictionaryWord(w.raw.toLowerCase())))) return undefined;
  // The words that single the event out: the articles' own, less the story's common words.
  const terms = named.filter((t) => !common.has(t) && (!vocabulary.known || vocabulary.known.has(t)));
  // Two events compared are named by their dates; their words belong to one or the other ("the 2015 deal").
  const out: EventQuestion = { ask, terms: ask === 'changed' ? [] : [...new Set(terms)] };
  // An event question names which event: a date, a direction, or words its reports hold. Without any it is the sentences'.
  if (!date && !direction && !out.terms.length) return undefined;
  if (direction) out.direction = direction;
  if (date) out.date = date;
  if (ask === 'changed' && dates.length > 1) out.versus = dates[dates.length - 1];
  if (kind) out.kind = kind;
  return out;
}

const fitsDate = (e: StoryEvent, d: NonNullable<EventQuestion['date']>): boolean => {
  if (!e.date) return false;
  if ('month' in d) return e.date.precision !== 'year' && Number(e.date.iso.slice(5, 7)) === d.month;
  // "In June 1987" asks for events known to the month: one dated only "1987" may not have been in June.
  if (e.date.iso.length < d.iso.length) return false;
  const n = d.iso.length;
  if (e.date.iso.slice(0, n) === d.iso.slice(0, n)) return true;
  return e.until !== undefined && e.until.iso.slice(0, n) >= d.iso.slice(0, n) && e.date.iso.slice(0, n) <= d.iso.slice(0, n);
};

/** How much of what singles the event out its reports hold: the share of the question's terms found in its sentences, places and names. */
export function eventMatch(e: StoryEvent, terms: readonly string[]): number {
  if (!terms.length) return 0;
  const held = termsOfEvent(e);
  return terms.filter((t) => held.has(t)).length / terms.length;
}

const eventTerms = new WeakMap<StoryEvent, Set<string>>();

/** The terms of an event's sentences, names, place and decisions, read once per event. */
function termsOfEvent(e: StoryEvent): Set<string> {
  let held = eventTerms.get(e);
  if (!held) {
    held = new Set<string>();
    for (const s of e.sources) for (const t of termsOf(s.sentence)) held.add(t);
    for (const p of [...e.participants, e.place ?? '', ...e.decisions]) for (const t of termsOf(p)) held.add(t);
    eventTerms.set(e, held);
  }
  return held;
}

/** Kinds a question's event word may be answered by: talks are a meeting, a deal an agreement or a decision. */
const SAME: Partial<Record<EventKind, EventKind[]>> = {
  meeting: ['meeting', 'agreement', 'decision', 'proposal'],
  agreement: ['agreement', 'decision', 'meeting'],
  decision: ['decision', 'agreement', 'meeting'],
};

/**
 * The events that answer a question, best first: milestones whose date fits the one it names,
 * of a kind its event word allows, in the direction it looks (the latest happened, the plan from
 * the newest report, the earliest), holding most of its singling words. None when it names words
 * none of them holds (then the sentences answer it).
 */
export function findEvents(q: EventQuestion, events: readonly StoryEvent[]): StoryEvent[] {
  let pool = events.filter((e) => e.milestone && e.date);
  if (q.date) pool = pool.filter((e) => fitsDate(e, q.date!));
  if (q.kind && q.ask !== 'happened') {
    const allowed = SAME[q.kind] ?? [q.kind];
    pool = pool.filter((e) => allowed.includes(e.kind));
  }
  // "Where": the events whose reports name a place.
  if (q.ask === 'where') pool = pool.filter((e) => e.place);
  if (q.direction === 'next') pool = pool.filter((e) => e.status === 'planned');
  else if (q.direction === 'last') pool = pool.filter((e) => e.status === 'happened');
  if (!pool.length) return [];
  const scored = pool.map((e) => ({ e, match: eventMatch(e, q.terms) }));
  const best = Math.max(...scored.map((s) => s.match));
  // Words the question singles its event out by must be there: all of them when they alone single it
  // out, half of them beside a date or a direction.
  if (q.terms.length && best < (q.date || q.direction ? 0.5 : 1)) return [];
  const order = (a: { e: StoryEvent; match: number }, b: { e: StoryEvent; match: number }) => {
    // The words they hold first, then the way it looks in time.
    if (b.match !== a.match) return b.match - a.match;
    if (q.direction === 'next') return latestPlanFirst(a.e, b.e);
    if (q.direction === 'last') return b.e.date!.iso.localeCompare(a.e.date!.iso);
    if (q.direction === 'first') return a.e.date!.iso.localeCompare(b.e.date!.iso);
    return b.e.leads - a.e.leads || b.e.articles - a.e.articles;
  };
  const need = q.terms.length ? (q.direction ? 0.5 : best) : 0;
  return scored
    .filter((s) => s.match >= need || q.ask === 'happened')
    .sort(order)
    .map((s) => s.e);
}
