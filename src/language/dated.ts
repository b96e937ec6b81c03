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
const DEICTIC = /^(?:today|yesterday|tonight|this\s+(?:week|morning|afternoon|evening)|last\s+night|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?)$/i;
/** Relative expressions with no anchor we can trust ("A month later"), and durations. */
const UNANCHORED = /\b(?:later|earlier|after|before|ago|past|several|few|recent|now|currently|next\s+(?:week|month|year)|last\s+(?:week|month|year))\b/i;

/** A cheap test that a sentence may hold a date, so chrono runs on few sentences of a large corpus. */
export const DATEISH = new RegExp(
  `\\b(?:${MONTH_RE}|(?:19|20)\\d\\d|today|yesterday|tonight|this\\s+week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end\\s+of\\s+the\\s+year|later\\s+this\\s+year)\\b`,
  'i',
);

const FUTURE = /\b(?:will|shall|plans?\s+to|planned|to\s+be\s+held|scheduled|expected\s+to|due\s+to|is\s+to|are\s+to|next)\b/i;

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
    if (DEICTIC.test(text)) {
      out.push({ date: published, approximate: false, deictic: true, text });
      continue;
    }
    if (UNANCHORED.test(text)) continue;
    const s = r.start;
    const year = s.get('year');
    if (year === null || year === undefined) continue;
    const hasMonth = s.isCertain('month') || (s.isCertain('year') === false && s.isCertain('month'));
    const month = hasMonth ? (s.get('month') ?? undefined) : undefined;
    const day = hasMonth && s.isCertain('day') ? (s.get('day') ?? undefined) : undefined;
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

/** Is the event's date after the article's (at the precision both have)? */
export function isAfter(event: PartialDate, published: PartialDate): boolean {
  const n = Math.min(event.iso.length, published.iso.length);
  return event.iso.slice(0, n) > published.iso.slice(0, n);
}
