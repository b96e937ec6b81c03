/**
 * Inverted index over sentences with BM25 term weighting. Postings are typed
 * arrays, and scoring reuses preallocated accumulators, so a query costs the
 * length of its terms' postings lists, not the size of the corpus.
 */

export interface Bm25Options {
  /** Term-frequency saturation. Default 1.2. */
  k1: number;
  /** Length normalisation, 0 (none) … 1 (full). Default 0.75. */
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

interface Postings {
  ids: Int32Array;
  tfs: Uint16Array;
}

export class SearchIndex {
  readonly size: number;
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  private readonly lengths: Uint16Array;
  private readonly avgLength: number;
  /** Scratch space for one query at a time (JavaScript runs one at a time). */
  readonly scratch: { score: Float64Array; mass: Float64Array; groupsHit: Uint16Array; touched: Int32Array };

  constructor(
    docs: readonly (readonly string[])[],
    readonly options: Bm25Options = DEFAULT_BM25,
  ) {
    this.size = docs.length;
    this.lengths = new Uint16Array(docs.length);
    const df: number[] = [];
    let total = 0;
    docs.forEach((terms, d) => {
      this.lengths[d] = Math.min(terms.length, 65535);
      total += terms.length;
      const seen = new Set<string>();
      for (const t of terms) {
        if (seen.has(t)) continue;
        seen.add(t);
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = df.length;
          this.termIds.set(t, id);
          df.push(0);
        }
        df[id]++;
      }
    });
    this.avgLength = docs.length ? total / docs.length : 1;
    for (const n of df) this.postings.push({ ids: new Int32Array(n), tfs: new Uint16Array(n) });
    const fill = new Int32Array(df.length);
    docs.forEach((terms, d) => {
      const counts = new Map<number, number>();
      for (const t of terms) {
        const id = this.termIds.get(t)!;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, c] of counts) {
        const k = fill[id]++;
        this.postings[id].ids[k] = d;
        this.postings[id].tfs[k] = Math.min(c, 65535);
      }
    });
    this.scratch = {
      score: new Float64Array(docs.length),
      mass: new Float64Array(docs.length),
      groupsHit: new Uint16Array(docs.length),
      touched: new Int32Array(docs.length),
    };
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postings[id].ids.length;
  }

  /** BM25 inverse document frequency; a term never seen gets the rarest term's idf. */
  idf(term: string): number {
    const n = this.df(term);
    return Math.log(1 + (this.size - Math.max(n, 1) + 0.5) / (Math.max(n, 1) + 0.5));
  }

  /** Call fn(doc, termScore) for every document holding the term. */
  forEachPosting(term: string, fn: (doc: number, score: number) => void): void {
    const id = this.termIds.get(term);
    if (id === undefined) return;
    const { ids, tfs } = this.postings[id];
    const idf = this.idf(term);
    const { k1, b } = this.options;
    for (let i = 0; i < ids.length; i++) {
      const d = ids[i];
      const tf = tfs[i];
      const norm = k1 * (1 - b + (b * this.lengths[d]) / this.avgLength);
      fn(d, (idf * tf * (k1 + 1)) / (tf + norm));
    }
  }

  terms(): IterableIterator<string> {
    return this.termIds.keys();
  }
}
