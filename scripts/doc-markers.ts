/**
 * Tables in docs/ that scripts write: the text between `<!-- NAME:begin -->`
 * and `<!-- NAME:end -->` is the script's output, never typed by hand
 * (`npm run eval -- --markdown` writes docs/answers.md's, `npm run bench --
 * --markdown` docs/performance.md's).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const begin = (name: string) => `<!-- ${name}:begin -->`;
const end = (name: string) => `<!-- ${name}:end -->`;

/** The text between a file's markers of that name (without the marker lines), or undefined when it has none. */
export function betweenMarkers(text: string, name: string): string | undefined {
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from < 0 || to < from) return undefined;
  return text.slice(from + begin(name).length, to).trim();
}

/** Puts `content` between the file's markers of that name; throws, naming the file, when it has none. */
export function writeBetweenMarkers(file: string, name: string, content: string): void {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin(name)} … ${end(name)} markers`);
  writeFileSync(file, `${text.slice(0, from + begin(name).length)}\n${content.trim()}\n${text.slice(to)}`);
}
