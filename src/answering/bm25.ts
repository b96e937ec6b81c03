/**
 * Inverted index over sentences with BM25 term weighting. Postings are typed
 * arrays, and scoring reuses preallocated accumulators, so a query costs the
 * length of its terms' postings lists, not the size of the corpus.
 */

export interface Bm25Options {
  /** Term-frequency saturation. Default 2 (scripts/tune.ts). */
  k1: number;
  /** Length normalisation, 0 (none) … 1 (full). Default 0.9 (scripts/tune.ts). */
  b: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 2, b: 0.9 };

/** An index in flat arrays, to store next to the corpus and load without rebuilding. */
export interface SerializedIndex {
  terms: string[];
  avgLength: number;
  /** Postings of term k are ids/tfs[offsets[k] .. offsets[k + 1]). */
  offsets: Int32Array;
  ids: Int32Array;
  tfs: Uint16Array;
  lengths: Uint16Array;
}

/** Documents' terms by number: an array of term lists, or a view that makes each list when asked. */
export interface DocTerms {
  readonly length: number;
  at(doc: number): readonly string[] | undefined;
}

interface Postings {
  ids: Int32Array;
  tfs: Uint16Array;
}

export class SearchIndex {
  readonly size: number;
  private readonly termIds = new Map<string, number>();
  private readonly postingsList: Postings[] = [];
  private readonly lengths: Uint16Array;
  private readonly avgLength: number;
  /** Scratch space for one query at a time (JavaScript runs one at a time). */
  readonly scratch: { score: Float64Array; mass: Float64Array; best: Float64Array; bestWeight: Float64Array; stamp: Int32Array; touched: Int32Array; hits: Uint16Array };

  /**
   * @param docs each document's terms, read when the index is built and for `tf` (kept by reference, not copied):
   *   an array, or anything with a length that gives a document's terms by number (sentences stored by column)
   * @param extra more terms for a document (facets such as its article's year and month)
   */
  constructor(
    private readonly docs: DocTerms,
    readonly options: Bm25Options = DEFAULT_BM25,
    private readonly extra: (doc: number) => readonly string[] = () => [],
    prebuilt?: SerializedIndex,
  ) {
    this.size = docs.length;
    if (prebuilt && prebuilt.lengths.length === docs.length) {
      this.lengths = prebuilt.lengths;
      this.avgLength = prebuilt.avgLength;
      prebuilt.terms.forEach((t, k) => {
        this.termIds.set(t, k);
        const [a, b] = [prebuilt.offsets[k], prebuilt.offsets[k + 1]];
        this.postingsList.push({ ids: prebuilt.ids.subarray(a, b), tfs: prebuilt.tfs.subarray(a, b) });
      });
      this.scratch = SearchIndex.scratchFor(docs.length);
      return;
    }
    this.lengths = new Uint16Array(docs.length);
    // One pass in document order: postings come out sorted; a term seen again in the same
    // document bumps the count of its last posting.
    const ids: number[][] = [];
    const tfs: number[][] = [];
    const last: number[] = [];
    let total = 0;
    const add = (t: string, d: number) => {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = ids.length;
        this.termIds.set(t, id);
        ids.push([]);
        tfs.push([]);
        last.push(-1);
      }
      if (last[id] === d) tfs[id][tfs[id].length - 1]++;
      else {
        ids[id].push(d);
        tfs[id].push(1);
        last[id] = d;
      }
    };
    for (let d = 0; d < docs.length; d++) {
      const terms = docs.at(d) ?? [];
      for (let k = 0; k < terms.length; k++) add(terms[k], d);
      const x = extra(d);
      for (const t of x) add(t, d);
      const len = terms.length + x.length;
      this.lengths[d] = Math.min(len, 65535);
      total += len;
    }
    this.avgLength = docs.length ? total / docs.length : 1;
    for (let id = 0; id < ids.length; id++) {
      this.postingsList.push({ ids: Int32Array.from(ids[id]), tfs: Uint16Array.from(tfs[id], (n) => Math.min(n, 65535)) });
    }
    this.scratch = SearchIndex.scratchFor(docs.length);
  }

  private static scratchFor(n: number): SearchIndex['scratch'] {
    return {
      score: new Float64Array(n),
      mass: new Float64Array(n),
      best: new Float64Array(n),
      bestWeight: new Float64Array(n),
      stamp: new Int32Array(n),
      touched: new Int32Array(n),
      hits: new Uint16Array(n),
    };
  }

  serialize(): SerializedIndex {
    const terms = [...this.termIds.keys()];
    const offsets = new Int32Array(terms.length + 1);
    let n = 0;
    terms.forEach((_, k) => {
      offsets[k] = n;
      n += this.postingsList[k].ids.length;
    });
    offsets[terms.length] = n;
    const ids = new Int32Array(n);
    const tfs = new Uint16Array(n);
    terms.forEach((_, k) => {
      ids.set(this.postingsList[k].ids, offsets[k]);
      tfs.set(this.postingsList[k].tfs, offsets[k]);
    });
    return { terms, avgLength: this.avgLength, offsets, ids, tfs, lengths: this.lengths };
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postingsList[id].ids.length;
  }

  /** BM25 inverse document frequency; a term never seen gets the rarest term's idf. */
  idf(term: string): number {
    const n = this.df(term);
    return Math.log(1 + (this.size - Math.max(n, 1) + 0.5) / (Math.max(n, 1) + 0.5));
  }

  /** The documents holding a term and how often, for scoring loops. */
  postings(term: string): { ids: Int32Array; tfs: Uint16Array } | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : this.postingsList[id];
  }

  /** BM25 weight of a term occurring tf times in a document. */
  weight(idf: number, tf: number, doc: number): number {
    const { k1, b } = this.options;
    return (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.lengths[doc]) / this.avgLength));
  }

  /** How often a term occurs in one document (a scan of its terms: for a few candidate documents). */
  tf(term: string, doc: number): number {
    let n = this.extra(doc).includes(term) ? 1 : 0;
    for (const t of this.docs.at(doc) ?? []) if (t === term) n++;
    return n;
  }

  terms(): IterableIterator<string> {
    return this.termIds.keys();
  }
}
