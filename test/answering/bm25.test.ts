import { SearchIndex } from '../../src/answering/bm25';

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
});
