import { WordBuckets } from '../../src/language/word-buckets';

describe('words by first letter and length', () => {
  const b = new WordBuckets();
  for (const w of ['meeting', 'meetings', 'meting', 'mention', 'meeting', 'hotline', 'met']) b.add(w);

  it('keeps each word once, in its bucket, in the order added', () => {
    expect(b.bucket('m', 7)).toEqual(['meeting', 'mention']);
    expect(b.bucket('h', 7)).toEqual(['hotline']);
    expect(b.bucket('x', 7)).toEqual([]);
  });

  it('gives the words of the same first letter within the spread of lengths, shortest first', () => {
    expect([...b.around('meetng', 1)]).toEqual(['meting', 'meeting', 'mention']);
    expect([...b.around('meetng', 2)]).toEqual(['meting', 'meeting', 'mention', 'meetings']);
  });
});
