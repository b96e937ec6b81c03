/**
 * A text file that says whether it is still as written: a first line of JSON
 * naming what it holds and the SHA-256 of the text below it, then that text.
 * The per-article cache entries and a corpus's kept events are written so: a
 * byte changed since (a disk fault, a cut-short write) is found when read.
 */
import { createHash } from 'node:crypto';

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** `header` (with the body's `sum` added) on the first line, `body` below it. */
export function checksummed(header: Record<string, unknown>, body: string): string {
  return `${JSON.stringify({ ...header, sum: sha256(body) })}\n${body}`;
}

/**
 * The first line's header, the body below it, and whether the body still matches the sum the header
 * gives (never, for a text of one line: it is all header). Throws when the header is no JSON.
 */
export function readChecksummed(text: string): { header: Record<string, unknown>; body: string; intact: boolean } {
  const newline = text.indexOf('\n');
  const parsed: unknown = JSON.parse(newline < 0 ? text : text.slice(0, newline));
  const header = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const body = newline < 0 ? '' : text.slice(newline + 1);
  return { header, body, intact: newline >= 0 && header.sum === sha256(body) };
}
