/**
 * The platform-neutral reply model. Text in blocks is plain (no markup); each
 * adapter escapes and formats it for its platform and splits it to fit.
 */
import { formatPartialDate, parsePartialDate } from './language/dates';
import type { Citation } from './types';

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  /** A sentence quoted from an article, with its source. */
  | { type: 'quote'; text: string; source: Citation; label?: string }
  | { type: 'list'; items: ListItem[] }
  /** Small print: citations, hints. */
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface ListItem {
  text: string;
  source?: Citation;
  /** Further sources that report the same (a milestone's other articles). */
  more?: Citation[];
}

/** Further sources in a line: "also The Stack, 14 Jun 2016; CNET, Jun 2015 and 2 more". */
export function alsoText(more: readonly Citation[], max = 3): string {
  const shown = more.slice(0, max).map((c) => `${c.publisher}, ${formatIso(c.published)}`);
  return `also ${shown.join('; ')}${more.length > max ? ` and ${more.length - max} more` : ''}`;
}

export type ReplyKind = 'answer' | 'no_answer' | 'help' | 'error' | 'info' | 'digest';

export interface Reply {
  kind: ReplyKind;
  /** Public replies are seen by the channel; private ones only by the asker. */
  visibility: 'public' | 'private';
  blocks: Block[];
  /** One-line plain text for notifications and fallbacks. */
  summary: string;
}

export function citationText(c: Citation): string {
  return `${c.title} — ${c.publisher}, ${formatIso(c.published)}`;
}

/**
 * A citation's address made safe to put inside link markup (Slack's `<url|text>`, Markdown's
 * `[text](url)`): the characters that could end the link or start other markup are percent-encoded.
 * Undefined when the citation has no http(s) address.
 */
export function linkTarget(c: Citation): string | undefined {
  if (!c.url || !/^https?:\/\//i.test(c.url)) return undefined;
  return c.url.replace(/[<>|()[\]\s"'`\\*_~]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** "2015-09" → "Sep 2015"; "2016-06-14" → "14 Jun 2016"; "2013" → "2013". */
export function formatIso(iso: string): string {
  const d = parsePartialDate(iso);
  return d ? formatPartialDate(d) : iso;
}

/** What the wording of a refusal or a greeting needs to know about the loaded corpus. */
export interface CorpusFacts {
  articles: number;
  /** Years of the oldest and the newest article. */
  firstYear?: string;
  lastYear?: string;
  newest?: { title: string; publisher: string };
}

/** What the loaded corpus is, in a sentence: how many articles, from when, and the newest one's title. */
export function describeCorpus(c: CorpusFacts): string {
  if (!c.articles || !c.newest) return 'I have no articles loaded.';
  const span = c.firstYear === c.lastYear ? c.firstYear : `${c.firstYear}–${c.lastYear}`;
  return `I answer from ${c.articles} article${c.articles === 1 ? '' : 's'} (${span}), the newest “${c.newest.title}” (${c.newest.publisher}).`;
}

/** Why a question is refused: none of its words are in the articles, they do not answer it, or the names it asks about are in none of them. */
export function refusalReason(why: 'unknown' | 'weak', c: CorpusFacts, missing: readonly string[] = []): string {
  if (missing.length) return `The articles don't mention ${listOf(missing.map(asName))}. ${describeCorpus(c)}`;
  return (why === 'unknown' ? "I don't find those words in my sources. " : "My sources don't answer that. ") + describeCorpus(c);
}

/** "trump" → "Trump": a name as a name is written (a year stays as it is). */
const asName = (w: string) => w.replace(/(^|[\s-])(\p{Ll})/gu, (_m, a: string, b: string) => a + b.toUpperCase());

/** "A", "A or B", "A, B or C". */
function listOf(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** The answer to small talk: thanks, goodbye, or a greeting that says what the bot does. */
export function smallTalkMessage(said: string, c: CorpusFacts): string {
  if (/thank|thx|^ty\b|cheers/i.test(said)) return "You're welcome! Ask me anything else about the articles.";
  if (/bye|night|see you/i.test(said)) return 'Bye! Ask me any time.';
  return `Hi! I answer questions from ${c.articles} news article${c.articles === 1 ? '' : 's'}, citing the one each answer comes from. I can also give a summary, the latest news, the timeline and a weekly digest.`;
}
