/**
 * Dated statements in a sentence: every date it states, resolved against its
 * article's publication date with chrono-node (news copy's "last September",
 * bare years, "by the end of the year"), and whether it points after the
 * article (a plan). Used by the timeline and by questions that look ahead.
 * chrono is loaded on first use (about 20 ms): a start from the cached corpus
 * answering a question that needs no date never pays for it.
 */
import type * as chrono from 'chrono-node/en';
import { makePartialDate, MONTH_NAMES, monthOf, startOf } from './dates';
import type { PartialDate } from '../types';

const MONTH_RE = MONTH_NAMES.join('|');

/** chrono's English parser plus the phrases news copy uses that it leaves out. */
function makeParser(): chrono.Chrono {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const c = (require('chrono-node/en') as typeof chrono).casual.clone();
  // "last September" / "next May": the month before / after the reference, never the nearest one (wanasit/chrono#560).
  c.parsers.unshift({
    pattern: () => new RegExp(`\\b(last|next)\\s+(${MONTH_RE})\\b`, 'i'),
    extract: (ctx, m) => {
      const month = monthOf(m[2], { includeMay: true });
      if (month === undefined) return null;
      const ref = ctx.refDate;
      const refMonth = ref.getUTCMonth() + 1;
      let year = ref.getUTCFullYear();
      if (m[1].toLowerCase() === 'last' && month >= refMonth) year--;
      if (m[1].toLowerCase() === 'next' && month <= refMonth) year++;
      return { year, month };
    },
  });
  // "February last year", "in June next year": the month in the year before / after the reference.
  c.parsers.unshift({
    pattern: () => new RegExp(`\\b(${MONTH_RE})\\s+(last|next|this)\\s+year\\b`, 'i'),
    extract: (ctx, m) => {
      const month = monthOf(m[1], { includeMay: true });
      if (month === undefined) return null;
      const shift = { last: -1, next: 1, this: 0 }[m[2].toLowerCase() as 'last' | 'next' | 'this'];
      return { year: ctx.refDate.getUTCFullYear() + shift, month };
    },
  });
  // "last month", "earlier this month", "next month": the month before, of, or after the reference.
  c.parsers.push({
    pattern: () => /\b(?:(?:early|earlier|late|later)\s+)?(last|this|next)\s+month\b/i,
    extract: (ctx, m) => {
      const shift = { last: -1, this: 0, next: 1 }[m[1].toLowerCase() as 'last' | 'this' | 'next'];
      const d = new Date(Date.UTC(ctx.refDate.getUTCFullYear(), ctx.refDate.getUTCMonth() + shift, 1));
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
    },
  });
  // "last year", "a year ago", "two years ago", "next year": a year's precision only.
  c.parsers.push({
    pattern: () => /\b(?:(last|next)\s+year|(a|one|two|three|four|five|\d)\s+years?\s+ago)\b/i,
    extract: (ctx, m) => {
      const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };
      const shift = m[1] ? (m[1].toLowerCase() === 'last' ? -1 : 1) : -(words[m[2].toLowerCase()] ?? Number(m[2]));
      return { year: ctx.refDate.getUTCFullYear() + shift };
    },
  });
  // "this weekend" (ahead), "last weekend", "over the weekend" (behind): its Saturday.
  c.parsers.unshift({
    pattern: () => /\b(this|last|next|over\s+the)\s+weekend\b/i,
    extract: (ctx, m) => {
      const ref = ctx.refDate;
      const back = /^(?:last|over)/i.test(m[1]);
      const diff = 6 - ref.getUTCDay();
      const shift = back ? (diff === 0 ? -7 : diff - 7) : m[1].toLowerCase() === 'next' ? diff + 7 : diff;
      const d = new Date(ref.getTime() + shift * 86_400_000);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    },
  });
  // Bare years: "in 2010", "of 2016", "since 2014".
  c.parsers.push({
    pattern: () => /\b(?:in|of|since|by|during|until|from|early|late|mid-?)\s+((?:19|20)\d{2})\b(?!\s*(?:companies|people|sites|times))/i,
    extract: (_ctx, m) => ({ year: Number(m[1]) }),
  });
  // "by the end of the year" / "later this year".
  c.parsers.push({
    pattern: () => /\b(?:by\s+)?the\s+end\s+of\s+(?:the|this)\s+year\b|\blater\s+this\s+year\b/i,
    extract: (ctx) => ({ year: ctx.refDate.getUTCFullYear(), month: 12 }),
  });
  return c;
}

let parser: chrono.Chrono | undefined;

/** Expressions whose anchor is the article itself: they date the article's own event. */
const DEICTIC = /^(?:today|yesterday|tonight|this\s+(?:week|morning|afternoon|evening)|last\s+night|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?,?)$/i;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Relative expressions with no anchor we can trust ("A month later"), and durations. */
const UNANCHORED = /\b(?:later|earlier|after|before|past|several|few|recent|now|currently|next\s+week|last\s+week)\b/i;
/** Anchored relative phrases the parser resolves itself ("last month", "a year ago"): not UNANCHORED whatever words they hold. */
const RELATIVE_PERIOD = /\b(?:last|this|next)\s+(?:month|year)\b|\byears?\s+ago\b/i;
/**
 * What the parser reads as a date but is not one: a quantity or a range of them ("16.8-16.9 mln",
 * "1.22"), a duration ("for 12 months"), numbers with no word of a date ("3/4"). A date holds a month's
 * or a weekday's name, a relative word, or a year of four digits.
 */
const DATE_WORD = new RegExp(
  `\\b(?:${MONTH_RE}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|today|yesterday|tonight|tomorrow|week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b|\\b(?:1[89]|20)\\d\\d\\b`,
  'i',
);
const DURATION = /^(?:for|within|over|during)\s+(?:the\s+)?(?:next\s+|past\s+)?\d+|\b\d+\s+(?:days?|weeks?|months?|years?)\b(?!\s+ago)/i;

/** Is what the parser read (`text`, at `index` of `sentence`) a date at all? */
function readsAsDate(text: string, sentence: string, index: number): boolean {
  if (!DATE_WORD.test(text) || DURATION.test(text)) return false;
  // A decimal or a number range run into the match ("16.8-16.9 mln", "1/Sept 30") is a quantity or a season.
  if (/\d[.,]\d/.test(text) || /\d\s*\/\s*[a-z]/i.test(text)) return false;
  const before = sentence.slice(Math.max(0, index - 2), index);
  const after = sentence.slice(index + text.length, index + text.length + 2);
  return !/[\d.,/-]$/.test(before) && !/^[.,]?\d/.test(after);
}

/**
 * A cheap test that a sentence may hold a date, so chrono runs on few sentences of a large corpus: a
 * month's name written as one (with its capital: "may" is a verb), a year, or a word of time.
 */
const MONTH_WORD = new RegExp(`\\b(?:${MONTH_NAMES.map((m) => m[0].toUpperCase() + m.slice(1)).join('|')}|${MONTH_NAMES.map((m) => m.toUpperCase()).join('|')})\\b`);
const TIME_WORD =
  /\b(?:(?:19|20)\d\d|today|yesterday|tonight|this\s+week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end\s+of\s+the\s+year|later\s+this\s+year|(?:last|this|next)\s+(?:month|year)|years?\s+ago|weekend)\b/i;
export const DATEISH = { test: (s: string): boolean => MONTH_WORD.test(s) || TIME_WORD.test(s) };

export const FUTURE = /\b(?:will|shall|plans?\s+to|planned|to\s+be\s+held|scheduled|expected\s+to|due\s+to|is\s+to|are\s+to|next)\b/i;

/** Words that look ahead without a future tense: a prospect, a deadline, a modal ("could", "until September"). */
const PROSPECT = /\b(?:would|could|might|must|should|until|before|unlikely|likely|expects?|hopes?|aims?|aimed|meets|starts|begins|upcoming|coming)\b/i;
/** A prospect in words, or the modal "may" (in lower case: "May" is the month). */
const isProspect = (text: string): boolean => PROSPECT.test(text) || /\bmay\b/.test(text);
/** Words that tell of the past: a past form of "be" or "have", "ago", "earlier". */
const PAST = /\b(?:was|were|had|did|ago|earlier|previously|ended|failed|agreed|held|met|began|broke)\b/i;

export interface DatedStatement {
  date: PartialDate;
  approximate: boolean;
  /** The date came from "today", "Wednesday" …: it is the article's own event. */
  deictic: boolean;
  text: string;
}

/** Dates a sentence states, resolved against the article's publication date. */
export function datesIn(sentence: string, published: PartialDate): DatedStatement[] {
  parser ??= makeParser();
  const ref = startOf(published);
  // Mid-period reference, so "February" in an April article is the February before it.
  if (published.precision === 'month') ref.setUTCDate(15);
  if (published.precision === 'year') ref.setUTCMonth(6);
  const out: DatedStatement[] = [];
  // Future-tense statements ("will meet in October") point forward from the article's date.
  const forwardDate = FUTURE.test(sentence);
  for (const r of parser.parse(sentence, ref, { forwardDate })) {
    const text = r.text.trim().replace(/[,.]$/, '');
    if (!readsAsDate(text, sentence, r.index)) continue;
    if (DEICTIC.test(text)) {
      out.push({ date: weekdayDate(text, published, forwardDate) ?? published, approximate: false, deictic: true, text });
      continue;
    }
    if (UNANCHORED.test(text) && !RELATIVE_PERIOD.test(text)) continue;
    const s = r.start;
    let year = s.get('year');
    if (year === null || year === undefined) continue;
    const hasMonth = s.isCertain('month') || (s.isCertain('year') === false && s.isCertain('month'));
    const month = hasMonth ? (s.get('month') ?? undefined) : undefined;
    const day = hasMonth && s.isCertain('day') ? (s.get('day') ?? undefined) : undefined;
    // A month named without a year is the one the verb's tense allows: the next such month for a
    // plan or a prospect ("meets in September"), the last one for what is told as past ("agreed in
    // December" in March); with neither, the nearer ("April 1" in March is this April).
    if (month !== undefined && !s.isCertain('year') && !RELATIVE_PERIOD.test(text) && published.precision !== 'year') {
      const [py, pm] = published.iso.split('-').map(Number);
      const ahead = (month - pm + 12) % 12;
      const behind = (pm - month + 12) % 12;
      // The words just before the date speak for it first ("… was examining a plan to meet again in September").
      const near = sentence.slice(Math.max(0, r.index - 40), r.index);
      const nearAhead = FUTURE.test(near) || isProspect(near) || /\bto\s+[a-z]+\s+(?:[a-z]+\s+)?(?:in|on|from|by|before|until)\s*$/i.test(near);
      const nearPast = PAST.test(near);
      const past = nearPast || (!nearAhead && !forwardDate && PAST.test(sentence));
      const goAhead = !nearPast && (nearAhead || forwardDate || (!past && (isProspect(sentence) || ahead <= behind)));
      year = goAhead ? (month >= pm ? py : py + 1) : month <= pm ? py : py - 1;
    }
    // A year far from the article's is a number, not a date it speaks of ("1900gmt").
    const py = Number(published.iso.slice(0, 4));
    if (year < 1800 || year > py + 30) continue;
    // Month-only references inside a day-precise article carry month precision, not the article's day.
    out.push({
      date: makePartialDate(year, month, day),
      approximate: /\bend\s+of\b|\bby\b/i.test(r.text) || /\bby\s+the\s+end\b/i.test(sentence.slice(Math.max(0, r.index - 4), r.index + r.text.length)),
      deictic: false,
      text,
    });
  }
  return out;
}

/**
 * The day a weekday names, in the week around a day-precise article: the one before it (or the
 * day itself) for a past event, the one after it for a planned one. "today"/"tonight" are the
 * article's day, "yesterday" the day before; undefined when the article has no day to count from.
 */
export function weekdayDate(text: string, published: PartialDate, future: boolean): PartialDate | undefined {
  if (published.precision !== 'day') return undefined;
  const pub = startOf(published);
  const word = text
    .toLowerCase()
    .replace(/^on\s+/, '')
    .replace(/(?:'s)?,?$/, '');
  let shift: number;
  if (word === 'yesterday' || word === 'last night') shift = -1;
  else {
    const wd = WEEKDAYS.indexOf(word);
    if (wd < 0) return published;
    const diff = wd - pub.getUTCDay();
    shift = future ? (diff <= 0 ? diff + 7 : diff) : diff > 0 ? diff - 7 : diff;
  }
  const d = new Date(pub.getTime() + shift * 86_400_000);
  return makePartialDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Is the event's date after the article's (at the precision both have)? */
export function isAfter(event: PartialDate, published: PartialDate): boolean {
  const n = Math.min(event.iso.length, published.iso.length);
  return event.iso.slice(0, n) > published.iso.slice(0, n);
}
