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
  /** BM25+'s lower bound (Lv & Zhai 2011): a matched term adds at least this times its idf, however long its sentence. Default 0, plain BM25 (docs/decisions.md). */
  delta?: number;
}

export const DEFAULT_BM25: Bm25Options = { k1: 2, b: 0.9, delta: 0 };

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
  /** The index in flat arrays: as it was loaded, or made on the first `serialize` (it never changes after). */
  private flat?: SerializedIndex;
  /** Scratch space for one query at a time (JavaScript runs one at a time). */
  readonly scratch: { score: Float64Array; mass: Float64Array; best: Float64Array; bestWeight: Float64Array; stamp: Int32Array; touched: Int32Array; hits: Uint16Array; direct: Uint16Array };

  /**
   * @param docs each document's terms, read when the index is built and for `tf` (kept by reference, not copied):
   *   an array, or anything with a length that gives a document's terms by number (sentences stored by column)
   * @param extra more terms for a document (facets such as its article's year and month)
   */
  constructor(
    private readonly docs: DocTerms,
    readonly options: Bm25Options = DEFAULT_BM25,
    extra: (doc: number) => readonly string[] = () => [],
    prebuilt?: SerializedIndex,
  ) {
    this.size = docs.length;
    if (prebuilt && prebuilt.lengths.length === docs.length) {
      this.lengths = prebuilt.lengths;
      this.avgLength = prebuilt.avgLength;
      this.flat = prebuilt;
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
      const len = terms.length + x.reduce((n, t) => n + Number(countsInLength(t)), 0);
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
      direct: new Uint16Array(n),
      touched: new Int32Array(n),
      hits: new Uint16Array(n),
    };
  }

  /** The index in flat arrays (shared, not copied: neither it nor its arrays may be changed). */
  serialize(): SerializedIndex {
    this.flat ??= this.flatten();
    return this.flat;
  }

  private flatten(): SerializedIndex {
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
    const { k1, b, delta = 0 } = this.options;
    return idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.lengths[doc]) / this.avgLength)) + delta);
  }

  /** How often a term occurs in one document (a scan of its terms: for a few candidate documents). */
  tf(term: string, doc: number): number {
    // A facet ("@published:2015", "@number:3") is in no document's words: its postings say (a binary search).
    if (term.startsWith('@')) {
      const p = this.postings(term);
      if (!p) return 0;
      let lo = 0;
      let hi = p.ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (p.ids[mid] === doc) return p.tfs[mid];
        if (p.ids[mid] < doc) lo = mid + 1;
        else hi = mid - 1;
      }
      return 0;
    }
    let n = 0;
    for (const t of this.docs.at(doc) ?? []) if (t === term) n++;
    return n;
  }

  terms(): IterableIterator<string> {
    return this.termIds.keys();
  }
}

/**
 * Does a term count in its document's length? Its words and its article's facets (year and month of
 * publication, the same few on every sentence) do; the facets of what it says (the periods,
 * numbers and acronyms it names, `@year:`, `@decade:`, `@century:`, `@number:`, `@acronym:`) do not: they are found, not
 * read, and a sentence naming a span of years is no longer for it. (Measured: leaving the article's
 * facets out as well cost the seed questions asked of the 10,000-article benchmark corpus nine of 68.)
 */
export function countsInLength(term: string): boolean {
  return !/^@(?:year|decade|century|number|acronym):/.test(term);
}

/**
 * The index of a corpus changed by a few documents, made from the index before instead of from
 * every document's terms: the kept documents' postings renumbered by `map` (old document → new,
 * -1 for a removed one; it must keep their order), and the added documents' terms put in at their
 * numbers. The postings, lengths and average length are those an index built anew would have;
 * only the order of the terms differs (terms new to the corpus come last, terms no document holds
 * any more are dropped). Linear in the postings.
 */
export function spliceIndex(old: SerializedIndex, map: Int32Array, size: number, added: ReadonlyMap<number, readonly string[]>): SerializedIndex {
  const lengths = new Uint16Array(size);
  for (let d = 0; d < map.length; d++) if (map[d] >= 0) lengths[map[d]] = old.lengths[d];
  // The added documents' postings by term, in document order.
  const termIds = new Map<string, number>(old.terms.map((t, k) => [t, k]));
  const terms = [...old.terms];
  const more = new Map<number, { ids: number[]; tfs: number[] }>();
  for (const doc of [...added.keys()].sort((a, b) => a - b)) {
    const list = added.get(doc)!;
    lengths[doc] = Math.min(
      list.reduce((n, t) => n + Number(countsInLength(t)), 0),
      65535,
    );
    const counts = new Map<string, number>();
    for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, n] of counts) {
      let k = termIds.get(t);
      if (k === undefined) termIds.set(t, (k = terms.push(t) - 1));
      let p = more.get(k);
      if (!p) more.set(k, (p = { ids: [], tfs: [] }));
      p.ids.push(doc);
      p.tfs.push(Math.min(n, 65535));
    }
  }
  // How many postings each term keeps; terms left with none are dropped.
  const kept = new Int32Array(terms.length);
  for (let k = 0; k < old.terms.length; k++) {
    let n = 0;
    for (let i = old.offsets[k]; i < old.offsets[k + 1]; i++) if (map[old.ids[i]] >= 0) n++;
    kept[k] = n;
  }
  const outTerms: string[] = [];
  const sizes: number[] = [];
  terms.forEach((t, k) => {
    const n = kept[k] + (more.get(k)?.ids.length ?? 0);
    if (n === 0) return;
    outTerms.push(t);
    sizes.push(n);
  });
  const offsets = new Int32Array(outTerms.length + 1);
  sizes.forEach((n, j) => (offsets[j + 1] = offsets[j] + n));
  const ids = new Int32Array(offsets[outTerms.length]);
  const tfs = new Uint16Array(ids.length);
  let j = 0;
  terms.forEach((_, k) => {
    if (kept[k] + (more.get(k)?.ids.length ?? 0) === 0) return;
    let at = offsets[j++];
    const extra = more.get(k);
    let e = 0;
    // Merge the kept postings (renumbered, still in order) with the added ones.
    const [from, to] = k < old.terms.length ? [old.offsets[k], old.offsets[k + 1]] : [0, 0];
    for (let i = from; i < to; i++) {
      const d = map[old.ids[i]];
      if (d < 0) continue;
      while (extra && e < extra.ids.length && extra.ids[e] < d) {
        ids[at] = extra.ids[e];
        tfs[at++] = extra.tfs[e++];
      }
      ids[at] = d;
      tfs[at++] = old.tfs[i];
    }
    while (extra && e < extra.ids.length) {
      ids[at] = extra.ids[e];
      tfs[at++] = extra.tfs[e++];
    }
  });
  let total = 0;
  for (let d = 0; d < size; d++) total += lengths[d];
  return { terms: outTerms, avgLength: size ? total / size : 1, offsets, ids, tfs, lengths };
}
