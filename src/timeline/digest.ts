/**
 * The weekly digest and the timeline as replies. They carry structure
 * (headings and cited list items); each adapter renders and splits them
 * within its platform's limits.
 */
import { dayIn, formatPartialDate, parsePartialDate } from '../language/dates';
import type { Milestone } from './timeline';
import { eventWhen } from '../events/events';
import type { Block, ListItem, Reply } from '../reply';
import type { Citation } from '../types';

export interface DigestOptions {
  /** Milestones shown in the timeline section, newest first (the rest: `timeline`). Default 5. */
  maxTimeline: number;
  /** New articles listed before "and N more". Default 10. */
  maxNew: number;
  /** Days ahead that count as "this week". Default 7. */
  windowDays: number;
}

export const DEFAULT_DIGEST_OPTIONS: DigestOptions = { maxTimeline: 5, maxNew: 10, windowDays: 7 };

export interface DigestInput {
  timeline: Milestone[];
  articles: Citation[];
  /** Articles the channel's previous digest covered; undefined for its first digest. */
  previousArticleIds?: readonly string[];
  now: Date;
  /** The schedule's time zone: which day "today" is, for the heading and "this week". Default UTC. */
  timeZone?: string;
  /** The sentence that best sums up an article (its lede), for the new articles. */
  summaryOf?: (articleId: string) => string | undefined;
  /** When the feed reader took an article in (ISO), if it did: a channel's first digest lists those of the past week as new. */
  addedOf?: (articleId: string) => string | undefined;
  /** What the articles are about, in their titles' words ("US and China agree to work together on cybersecurity"): the digest's title. */
  subject?: string;
  /** The story in brief: its central event, what followed, what comes next, as cited lines. */
  brief?: ListItem[];
}

function when(m: Milestone): string {
  const d = parsePartialDate(m.date);
  const until = m.until ? parsePartialDate(m.until) : undefined;
  return eventWhen({ date: d, until, approximate: m.approximate }).replace(/^undated$/, m.date);
}

/** A milestone as a line: when, what happened, whether it was planned, its source and the other articles that report it. */
export function milestoneItem(m: Milestone): ListItem {
  const planned = m.status === 'planned' ? ' (planned)' : '';
  const others: Citation[] = [];
  for (const s of m.sources.slice(1)) if (s.id !== m.sources[0].id && !others.some((o) => o.id === s.id)) others.push(s);
  const item: ListItem = { text: `${when(m)} — ${m.summary}${planned}`, source: m.sources[0] };
  if (others.length) item.more = others;
  return item;
}

/**
 * Milestones whose anniversary falls within the `days` days from today (the
 * day `now` is in `timeZone`). Day precision by its day; month precision by the 1st.
 */
export function anniversaries(timeline: Milestone[], now: Date, days: number, timeZone = 'UTC'): { m: Milestone; years: number }[] {
  const [ty, tm, td] = dayIn(now, timeZone).split('-').map(Number);
  const start = Date.UTC(ty, tm - 1, td);
  const end = start + days * 86_400_000;
  const out: { m: Milestone; years: number }[] = [];
  for (const m of timeline) {
    if (m.precision === 'year' || m.status === 'planned') continue;
    const [y, mo, d] = m.date.split('-').map(Number);
    for (const year of [ty, ty + 1]) {
      const t = Date.UTC(year, mo - 1, d ?? 1);
      if (t >= start && t < end && year > y) {
        out.push({ m, years: year - y });
        break;
      }
    }
  }
  return out;
}

export function buildDigest(input: DigestInput, options: DigestOptions = DEFAULT_DIGEST_OPTIONS): Reply {
  const { timeline, articles, previousArticleIds, now, timeZone = 'UTC' } = input;
  const day = dayIn(now, timeZone);
  const title = input.subject ? `Weekly digest: ${input.subject}` : 'Weekly digest';
  const blocks: Block[] = [{ type: 'heading', text: `${title} — ${formatPartialDate({ iso: day, precision: 'day' })}` }];
  const historyHeading = "This week in the story's history";
  // What is coming: plans dated on or after today, soonest first.
  const coming = timeline.filter((m) => m.status === 'planned' && (m.until ?? m.date) >= day.slice(0, (m.until ?? m.date).length)).sort((a, b) => a.date.localeCompare(b.date));
  const first = previousArticleIds === undefined;
  const seen = new Set(previousArticleIds ?? []);
  // A first digest has no last one to compare with: the articles taken in from feeds this past week are its news.
  const weekAgo = now.getTime() - options.windowDays * 86_400_000;
  const addedThisWeek = (id: string) => {
    const t = Date.parse(input.addedOf?.(id) ?? '');
    return t >= weekAgo && t <= now.getTime();
  };
  const fresh = articles.filter((a) => (first ? addedThisWeek(a.id) : !seen.has(a.id))).sort((a, b) => b.published.localeCompare(a.published));
  const freshIds = new Set(fresh.map((a) => a.id));
  // Milestones that only new articles report (one an older article reported too is not news).
  const newMilestones = [...timeline].reverse().filter((m) => m.sources.every((src) => freshIds.has(src.id)));
  const anniv = anniversaries(timeline, now, options.windowDays, timeZone);
  const historyItems = (): ListItem[] => anniv.map(({ m, years }) => ({ ...milestoneItem(m), text: `${years} year${years === 1 ? '' : 's'} ago — ${milestoneItem(m).text}` }));

  if (!first && !fresh.length) {
    // Nothing new: one line, not the same timeline again.
    blocks.push({ type: 'paragraph', text: 'Nothing new since the last digest: no new articles and no new milestones. Ask `timeline` for every milestone.' });
    if (coming.length) blocks.push({ type: 'heading', text: 'Coming up' }, { type: 'list', items: coming.slice(0, options.maxTimeline).map(milestoneItem) });
    if (anniv.length) blocks.push({ type: 'heading', text: historyHeading }, { type: 'list', items: historyItems() });
    return { kind: 'digest', visibility: 'public', summary: `${title}: nothing new this week`, blocks };
  }

  blocks.push({ type: 'heading', text: first ? (fresh.length ? 'New this week' : 'What the briefing holds') : 'New since the last digest' });
  if (first)
    blocks.push({
      type: 'paragraph',
      text: `First digest in this channel: the briefing draws on ${articles.length} article${articles.length === 1 ? '' : 's'}. Later digests open with what is new since the one before.`,
    });
  if (fresh.length) {
    const items: ListItem[] = fresh.slice(0, options.maxNew).map((a) => {
      const lede = input.summaryOf?.(a.id);
      return { text: lede ? `${a.title} — ${lede}` : a.title, source: a };
    });
    blocks.push({ type: 'paragraph', text: `${fresh.length} new article${fresh.length === 1 ? '' : 's'}:` }, { type: 'list', items });
    if (fresh.length > options.maxNew) blocks.push({ type: 'context', text: `…and ${fresh.length - options.maxNew} more. The full list: sources.` });
    if (newMilestones.length) {
      blocks.push({ type: 'paragraph', text: `New milestones reported:` }, { type: 'list', items: newMilestones.slice(0, options.maxNew).map(milestoneItem) });
    }
  }

  blocks.push({ type: 'heading', text: 'Coming up' });
  if (coming.length) blocks.push({ type: 'list', items: coming.slice(0, options.maxTimeline).map(milestoneItem) });
  else blocks.push({ type: 'paragraph', text: 'No plans dated ahead in the articles.' });

  blocks.push({ type: 'heading', text: historyHeading });
  if (anniv.length) blocks.push({ type: 'list', items: historyItems() });
  else blocks.push({ type: 'paragraph', text: 'No anniversaries this week.' });

  if (input.brief?.length) blocks.push({ type: 'heading', text: 'The story in brief' }, { type: 'list', items: input.brief });

  blocks.push({ type: 'heading', text: 'Latest milestones' });
  const newest = [...timeline].reverse();
  if (newest.length) {
    blocks.push({ type: 'list', items: newest.slice(0, options.maxTimeline).map(milestoneItem) });
    if (newest.length > options.maxTimeline) blocks.push({ type: 'context', text: `${newest.length - options.maxTimeline} earlier milestones: ask \`timeline\` for all ${newest.length}.` });
  } else blocks.push({ type: 'paragraph', text: 'No dated milestones in the articles yet.' });

  return { kind: 'digest', visibility: 'public', summary: `${title}: ${fresh.length} new article${fresh.length === 1 ? '' : 's'}, ${timeline.length} milestones`, blocks };
}

export function timelineReply(timeline: Milestone[], subject?: string): Reply {
  const blocks: Block[] = [{ type: 'heading', text: `Timeline${subject ? `: ${subject}` : ''} (${timeline.length} milestones)` }];
  const years = new Map<string, Milestone[]>();
  for (const m of timeline) years.set(m.date.slice(0, 4), [...(years.get(m.date.slice(0, 4)) ?? []), m]);
  for (const [year, ms] of years) {
    blocks.push({ type: 'heading', text: year });
    blocks.push({ type: 'list', items: ms.map(milestoneItem) });
  }
  if (!timeline.length) blocks.push({ type: 'paragraph', text: 'No dated milestones in the articles yet.' });
  return { kind: 'info', visibility: 'public', summary: `Timeline: ${timeline.length} milestones`, blocks };
}
