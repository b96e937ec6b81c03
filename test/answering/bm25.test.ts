import { SearchIndex, spliceIndex } from '../../src/answering/bm25';

describe('BM25 index', () => {
  const docs = [['hotline', 'open'], ['hotline', 'talk', 'talk', 'talk', 'long', 'long', 'long', 'long'], ['talk', 'beij'], ['sanction']];
  const ix = new SearchIndex(docs, { k1: 1.2, b: 0.75 });

  it('a rarer term has the larger idf; an unseen term the largest', () => {
    expect(ix.idf('sanction')).toBeGreaterThan(ix.idf('talk'));
    expect(ix.idf('never')).toBeGreaterThanOrEqual(ix.idf('sanction'));
    expect(ix.df('talk')).toBe(2);
  });

  it('term frequency saturates, and a longer document weighs a match less', () => {
    const idf = ix.idf('talk');
    const once = ix.weight(idf, 1, 2);
    const thrice = ix.weight(idf, 3, 1);
    expect(thrice).toBeGreaterThan(once * 0.9);
    expect(thrice).toBeLessThan(once * 3);
    // Same tf, shorter document → higher weight.
    expect(ix.weight(idf, 1, 0)).toBeGreaterThan(ix.weight(idf, 1, 1));
  });

  it("BM25+ (delta) adds delta × idf to every match: a long document's match keeps a floor", () => {
    const plus = new SearchIndex(docs, { k1: 1.2, b: 0.75, delta: 0.5 });
    const idf = ix.idf('talk');
    expect(plus.weight(idf, 1, 1)).toBeCloseTo(ix.weight(idf, 1, 1) + 0.5 * idf);
    expect(plus.weight(idf, 1, 1)).toBeGreaterThan(0.5 * idf);
  });

  it('postings list each document once, with its count, in document order', () => {
    expect(Array.from(ix.postings('talk')!.ids)).toEqual([1, 2]);
    expect(Array.from(ix.postings('talk')!.tfs)).toEqual([3, 1]);
    expect(ix.tf('talk', 1)).toBe(3);
  });

  it('facets count as terms of their document', () => {
    const withFacets = new SearchIndex(docs, undefined, (d) => (d === 3 ? ['@published:2016'] : []));
    expect(withFacets.has('@published:2016')).toBe(true);
    expect(withFacets.tf('@published:2016', 3)).toBe(1);
  });

  it('a serialized index loads back with the same weights', () => {
    const again = new SearchIndex(docs, { k1: 1.2, b: 0.75 }, () => [], ix.serialize());
    for (const t of ['hotline', 'talk', 'sanction']) {
      expect(again.idf(t)).toBe(ix.idf(t));
      expect(Array.from(again.postings(t)!.ids)).toEqual(Array.from(ix.postings(t)!.ids));
    }
    expect(again.weight(ix.idf('talk'), 2, 1)).toBe(ix.weight(ix.idf('talk'), 2, 1));
  });

  it('an index spliced for removed and inserted documents has the postings, lengths and average of one built anew', () => {
    // A small prng, so the documents are the same on every run.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const doc = () => Array.from({ length: 1 + rand(9) }, () => `t${rand(rand(2) ? 6 : 40)}`);
    const before = Array.from({ length: 60 }, doc);
    const removed = new Set([0, 7, 8, 9, 31, 59]);
    // The new corpus: the kept documents in order, with new ones inserted at the front, in the middle and at the end.
    const after: string[][] = [];
    const map = new Int32Array(before.length).fill(-1);
    const added = new Map<number, string[]>();
    const insert = () => {
      const d = [...doc(), 'brandnew'];
      added.set(after.length, d);
      after.push(d);
    };
    insert();
    before.forEach((d, i) => {
      if (i === 30) insert();
      if (removed.has(i)) return;
      map[i] = after.length;
      after.push(d);
    });
    insert();
    const spliced = spliceIndex(new SearchIndex(before).serialize(), map, after.length, added);
    const fresh = new SearchIndex(after);
    const again = new SearchIndex(after, undefined, () => [], spliced);
    expect(new Set(spliced.terms)).toEqual(new Set([...fresh.terms()]));
    expect(spliced.avgLength).toBeCloseTo(fresh.serialize().avgLength, 12);
    expect(Array.from(spliced.lengths)).toEqual(Array.from(fresh.serialize().lengths));
    for (const t of fresh.terms()) {
      expect([t, Array.from(again.postings(t)!.ids), Array.from(again.postings(t)!.tfs)]).toEqual([t, Array.from(fresh.postings(t)!.ids), Array.from(fresh.postings(t)!.tfs)]);
    }
    // A term only the removed documents held is gone.
    const onlyRemoved = [...new SearchIndex(before).terms()].filter((t) => !fresh.has(t));
    for (const t of onlyRemoved) expect(again.has(t)).toBe(false);
  });
});
