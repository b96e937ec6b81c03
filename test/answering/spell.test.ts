import { editDistance, Speller } from '../../src/answering/spell';

describe('spelling correction', () => {
  const counts = new Map([
    ['president', 12],
    ['present', 2],
    ['hotline', 3],
    ['meeting', 5],
  ]);
  const speller = new Speller(counts.keys(), undefined, (w) => counts.get(w) ?? 0);

  it('among equally close words, takes the one the corpus uses most ("presdent" is the president, not "present")', () => {
    expect(speller.correct('presdent')?.word).toBe('president');
    expect(new Speller(counts.keys(), undefined, (w) => (w === 'present' ? 99 : 1)).correct('presdent')?.word).toBe('present');
  });

  it('prefers fewer edits over frequency, and corrects nothing too far or too short', () => {
    expect(speller.correct('hotlne')?.word).toBe('hotline');
    expect(speller.correct('meetng')?.word).toBe('meeting');
    expect(speller.correct('xylophone')).toBeUndefined();
    expect(speller.correct('mtng')).toBeUndefined();
  });

  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('hotlien', 'hotline')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
