/**
 * Periods of time a text names, as search terms: a year belongs to its decade
 * and its century, and a span of years ("from 1946 to 1952", "(1952–87)")
 * holds each year inside it. So "the 1920s" finds "in 1924", "the early 20th
 * century" finds "in 1919" and "the early 1900s", and "in 1947" finds
 * "served as president from 1946 to 1952". Plain English, true of any text.
 *
 * The terms start with "@" (no word does), so they only ever meet each other.
 */

import { ordinalValue } from './numbers';

/** A year the periods count: 1000–2099 (four digits, the range news and encyclopaedias write). */
const YEAR = String.raw`(?:1\d{3}|20\d{2})`;
/**
 * A span longer than this is not a time something held but a lifetime or an era ("Theodore Hesburgh
 * (1917–2015)"): its years are not listed. A term of office or a war fits.
 */
const MAX_SPAN = 40;

const DASH = String.raw`\s*[-–—]\s*`;
/** "1946–1952", "1952–87", "1916–20", "from 1946 to 1952", "between 1946 and 1952", "1946 through 1952". */
const SPAN = new RegExp(String.raw`\b(${YEAR})(?:${DASH}|\s+(?:to|until|till|through|and)\s+)(\d{4}|\d{2})\b`, 'g');
const YEARS = new RegExp(String.raw`\b(${YEAR})(s)?\b`, 'g');
/** "20th century", "twentieth century", "19th-century". */
const CENTURY = /\b(\d{1,2})(?:st|nd|rd|th)[\s-]+centur(?:y|ies)\b/gi;
const CENTURY_WORDS = /\b(eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+centur(?:y|ies)\b/gi;

export const decadeTerm = (decade: number): string => `@decade:${decade}s`;
export const centuryTerm = (century: number): string => `@century:${century}`;
/** A year inside a span the text gives (not the span's ends, which are written out). */
export const spannedYearTerm = (year: number): string => `@year:${year}`;

const centuryOf = (year: number) => Math.floor((year - 1) / 100) + 1;

/** The period terms of a text: the decade and century of each year, each year inside a span, each century named. */
export function periodTerms(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(YEARS)) {
    const year = Number(m[1]);
    out.add(decadeTerm(year - (year % 10)));
    // "The 1900s" is the century as often as the decade.
    if (m[2] && year % 100 === 0) out.add(centuryTerm(centuryOf(year + 1)));
    else out.add(centuryTerm(centuryOf(year)));
  }
  for (const m of text.matchAll(SPAN)) {
    const from = Number(m[1]);
    // "1952–87": the end written with two digits is in the start's century.
    const to = m[2].length === 2 ? from - (from % 100) + Number(m[2]) : Number(m[2]);
    if (to <= from || to - from > MAX_SPAN) continue;
    for (let y = from + 1; y < to; y++) {
      out.add(spannedYearTerm(y));
      out.add(decadeTerm(y - (y % 10)));
    }
  }
  for (const m of text.matchAll(CENTURY)) out.add(centuryTerm(Number(m[1])));
  for (const m of text.matchAll(CENTURY_WORDS)) out.add(centuryTerm(ordinalValue(m[1])!));
  return [...out];
}

/** A period a question names as a whole ("the 1920s", "the 20th century"): the term it is searched by, and the words it is written with. */
export interface NamedPeriod {
  term: string;
  /** The words of the phrase, lower case, as a question's tokenizer splits them ("20", "th", "century"). */
  words: string[];
}

/** The decades and centuries a question names ("in the 1920s", "early 20th century"); a year alone is a word of its own. */
export function namedPeriods(text: string): NamedPeriod[] {
  const out: NamedPeriod[] = [];
  for (const m of text.matchAll(YEARS)) {
    if (!m[2]) continue;
    const year = Number(m[1]);
    out.push({ term: year % 100 === 0 ? centuryTerm(centuryOf(year + 1)) : decadeTerm(year - (year % 10)), words: [m[1], 's'] });
  }
  for (const m of text.matchAll(CENTURY)) out.push({ term: centuryTerm(Number(m[1])), words: [m[1], m[0].slice(m[1].length, m[1].length + 2).toLowerCase(), 'century'] });
  for (const m of text.matchAll(CENTURY_WORDS)) out.push({ term: centuryTerm(ordinalValue(m[1])!), words: [...m[1].toLowerCase().split('-'), 'century'] });
  return out;
}
