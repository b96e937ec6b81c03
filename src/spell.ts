/**
 * Spelling correction of query words against the corpus vocabulary with
 * fuse.js. Fuse scans linearly, which is cheap over a word list (not over
 * sentences), and the list is bucketed by first letter so a query word is
 * compared with a few hundred words, not the whole vocabulary.
 */
import Fuse from 'fuse.js';

export interface SpellOptions {
  /** Fuse threshold: 0 is exact, 1 matches anything. Default 0.34. */
  threshold: number;
  /** Words shorter than this are never corrected. Default 4. */
  minLength: number;
}

export const DEFAULT_SPELL_OPTIONS: SpellOptions = { threshold: 0.34, minLength: 4 };

export interface Correction {
  word: string;
  /** 0 (worst accepted) … 1 (exact). */
  similarity: number;
}

export class Speller {
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly words = new Map<string, string[]>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly options: SpellOptions = DEFAULT_SPELL_OPTIONS,
  ) {
    for (const w of vocabulary) {
      if (w.length < options.minLength - 1 || !/^[a-z]/.test(w)) continue;
      const k = w[0];
      const list = this.words.get(k) ?? [];
      list.push(w);
      this.words.set(k, list);
    }
  }

  private fuse(k: string): Fuse<string> | undefined {
    let f = this.buckets.get(k);
    if (!f) {
      const list = this.words.get(k);
      if (!list) return undefined;
      f = new Fuse(list, { includeScore: true, threshold: this.options.threshold, ignoreLocation: true, minMatchCharLength: 2 });
      this.buckets.set(k, f);
    }
    return f;
  }

  /** The closest vocabulary word, if one is close enough; similar length is required. */
  correct(word: string): Correction | undefined {
    if (word.length < this.options.minLength || !/^[a-z]/.test(word)) return undefined;
    const f = this.fuse(word[0]);
    if (!f) return undefined;
    const hits = f.search(word, { limit: 8 });
    for (const h of hits) {
      const cand = h.item;
      if (Math.abs(cand.length - word.length) > Math.max(1, Math.floor(word.length / 4))) continue;
      if (editDistance(word, cand) > (word.length >= 8 ? 2 : 1)) continue;
      return { word: cand, similarity: 1 - (h.score ?? 0) };
    }
    return undefined;
  }
}

/** Optimal string alignment distance, bounded work for short words. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}
