/**
 * Spelling correction of query words against the corpus vocabulary with
 * fuse.js. Fuse scans linearly, which is cheap over a word list (not over
 * sentences), and the list is bucketed by first letter so a query word is
 * compared with a few hundred words, not the whole vocabulary.
 */
import Fuse from 'fuse.js';
import { DEFAULT_LEXICON } from '../language/lexicon';

export interface SpellOptions {
  /** Fuse threshold: 0 is exact, 1 matches anything. Default 0.34. */
  threshold: number;
  /** Words shorter than this are never corrected (one slip in a short word makes another word too often). Default 5. */
  minLength: number;
}

export const DEFAULT_SPELL_OPTIONS: SpellOptions = { threshold: 0.34, minLength: 5 };

export interface Correction {
  word: string;
  /** 0 (worst accepted) … 1 (exact). */
  similarity: number;
}

export class Speller {
  /** Words by first letter and length: a query word is compared only with words it could be a slip of. */
  private readonly words = new Map<string, string[]>();
  private readonly buckets = new Map<string, Fuse<string>>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly options: SpellOptions = DEFAULT_SPELL_OPTIONS,
    /** How common a vocabulary word is in the corpus: among equally close candidates, the commoner wins. */
    private readonly frequency: (word: string) => number = () => 0,
  ) {
    const seen = new Set<string>();
    for (const w of vocabulary) {
      if (w.length < options.minLength - 1 || !/^[a-z]/.test(w) || seen.has(w)) continue;
      seen.add(w);
      const k = `${w[0]}${w.length}`;
      const list = this.words.get(k);
      if (list) list.push(w);
      else this.words.set(k, [w]);
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

  /**
   * The closest vocabulary word, if one is close enough (one slip; two for long words): fewest
   * edits first, then the word the corpus uses most ("presdent" → "president", not "present"),
   * then fuse.js's similarity.
   */
  correct(word: string): Correction | undefined {
    if (word.length < this.options.minLength || !/^[a-z]/.test(word)) return undefined;
    const spread = word.length >= 8 ? 2 : 1;
    const maxEdits = word.length >= 8 ? 2 : 1;
    let best: (Correction & { edits: number; freq: number }) | undefined;
    for (let len = word.length - spread; len <= word.length + spread; len++) {
      const f = this.fuse(`${word[0]}${len}`);
      if (!f) continue;
      for (const h of f.search(word, { limit: 5 })) {
        const edits = editDistance(word, h.item);
        if (edits > maxEdits) continue;
        const c = { word: h.item, similarity: 1 - (h.score ?? 0), edits, freq: this.frequency(h.item) };
        if (!best || c.edits < best.edits || (c.edits === best.edits && (c.freq > best.freq || (c.freq === best.freq && c.similarity > best.similarity)))) best = c;
      }
    }
    return best && { word: best.word, similarity: best.similarity };
  }

  /**
   * Is the word a slip of some vocabulary word: within one edit (two from eight letters, as `correct`
   * allows) of a word of about its length that starts as it does? A word no correction was chosen for
   * may still be one.
   */
  near(word: string): boolean {
    if (!/^[a-z]/.test(word)) return false;
    const maxEdits = word.length >= 8 ? 2 : 1;
    for (let len = word.length - maxEdits; len <= word.length + maxEdits; len++) for (const w of this.words.get(`${word[0]}${len}`) ?? []) if (editDistance(word, w) <= maxEdits) return true;
    return false;
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

/**
 * A function word typed without its apostrophe ("whats", "dont") or one slip away from one ("whic",
 * "wat"): never a name, never a word to correct into something else.
 */
export function nearFunctionWord(word: string, stopWords: ReadonlySet<string> = DEFAULT_LEXICON.stopWords): boolean {
  if (stopWords.has(word)) return true;
  const contraction = /^(.+?)(?:s|nt|ll|re|ve|d)$/.exec(word);
  if (contraction && stopWords.has(contraction[1])) return true;
  for (const w of stopWords) if (w.length >= 3 && Math.abs(w.length - word.length) <= 1 && editDistance(word, w) <= 1) return true;
  return false;
}
