/**
 * Tables in docs/ that scripts write: the text between `<!-- NAME:begin -->`
 * and `<!-- NAME:end -->` is the script's output, never typed by hand
 * (`npm run eval -- --markdown` writes docs/answers.md's, `npm run bench --
 * --markdown` docs/performance.md's).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const begin = (name: string) => `<!-- ${name}:begin -->`;
const end = (name: string) => `<!-- ${name}:end -->`;

/** Where the markers of that name stand in a text: the end of the first and the start of the second; undefined when it has none. */
function markers(text: string, name: string): { inside: number; close: number } | undefined {
  const from = text.indexOf(begin(name));
  const close = text.indexOf(end(name));
  return from < 0 || close < from ? undefined : { inside: from + begin(name).length, close };
}

/** The text between a file's markers of that name (without the marker lines), or undefined when it has none. */
export function betweenMarkers(text: string, name: string): string | undefined {
  const at = markers(text, name);
  return at && text.slice(at.inside, at.close).trim();
}

/** Puts `content` between the file's markers of that name; throws, naming the file, when it has none. */
export function writeBetweenMarkers(file: string, name: string, content: string): void {
  const text = readFileSync(file, 'utf8');
  const at = markers(text, name);
  if (!at) throw new Error(`${file} has no ${begin(name)} … ${end(name)} markers`);
  writeFileSync(file, `${text.slice(0, at.inside)}\n${content.trim()}\n${text.slice(at.close)}`);
}
