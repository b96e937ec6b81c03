/** Partial dates (year, month or day precision) and their formatting. */
import type { PartialDate, Precision } from '../types';

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parse "2015", "2015-09" or "2015-09-25"; undefined when it is not a real date. */
export function parsePartialDate(s: string): PartialDate | undefined {
  const m = ISO.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return undefined;
  if (d !== undefined) {
    const dt = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (dt.getUTCDate() !== Number(d)) return undefined;
  }
  const precision: Precision = d !== undefined ? 'day' : mo !== undefined ? 'month' : 'year';
  return { iso: m[0], precision };
}

export function makePartialDate(year: number, month?: number, day?: number): PartialDate {
  const p2 = (n: number) => String(n).padStart(2, '0');
  if (month === undefined) return { iso: String(year), precision: 'year' };
  if (day === undefined) return { iso: `${year}-${p2(month)}`, precision: 'month' };
  return { iso: `${year}-${p2(month)}-${p2(day)}`, precision: 'day' };
}

/** The months' names in lower case, January first. */
export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
const MONTH_ABBREVIATIONS = MONTH_NAMES.map((m) => m[0].toUpperCase() + m.slice(1, 3));

/**
 * The month (1–12) a word names ("june", "Sept", "sep"), or undefined. "may"
 * names May only with `includeMay`: in a question it is more often the verb.
 */
export function monthOf(word: string, { includeMay = false } = {}): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w === 'may') return includeMay ? 5 : undefined;
  const i = MONTH_NAMES.findIndex((m) => m === w || (m.startsWith(w) && (w.length === 3 || w === 'sept')));
  return i < 0 ? undefined : i + 1;
}

/** "Sep 2015", "14 Jun 2016" or "2013". */
export function formatPartialDate(d: PartialDate): string {
  const [y, m, day] = d.iso.split('-');
  if (d.precision === 'year') return y;
  const mon = MONTH_ABBREVIATIONS[Number(m) - 1];
  return d.precision === 'month' ? `${mon} ${y}` : `${Number(day)} ${mon} ${y}`;
}

/** What to say of a value that is not a time zone. */
export const NOT_A_TIME_ZONE = 'is not an IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)';

/** Does the runtime know this IANA time zone ("UTC", "Europe/Berlin")? */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone ("UTC", "America/New_York"). */
export function dayIn(now: Date, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The first instant of a partial date (UTC), for ordering and anniversaries. */
export function startOf(d: PartialDate): Date {
  let t = starts.get(d.iso);
  if (t === undefined) {
    const [y, m, day] = d.iso.split('-').map(Number);
    t = Date.UTC(y, (m ?? 1) - 1, day ?? 1);
    if (starts.size < 100_000) starts.set(d.iso, t);
  }
  return new Date(t);
}

/** Instants of the partial dates seen (events compare the same few thousand dates many times). */
const starts = new Map<string, number>();
