import { editDistance, readSlips, Speller, withinEdits } from '../../src/answering/spell';

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

describe('reading a question’s slips (English word frequencies and the corpus’s words)', () => {
  const corpus = new Set(['agreement', 'china', 'hotline', 'obama', 'signed', 'meeting', 'tech']);
  const read = (q: string) => readSlips(q, { holds: (w) => corpus.has(w) });

  it('reads function words, question words and content words typed with slips', () => {
    expect(read('wen was teh agreemnt signed')).toBe('when was the agreement signed');
    expect(read('wat did chian say abuot the hotlien')).toBe('what did china say about the hotline');
    expect(read('did chian admit anythign')).toBe('did china admit anything');
    expect(read('nxt meeting wehn')).toBe('next meeting when');
    expect(read('whats new')).toBe("what's new");
  });

  it('a corpus word prefers itself to a commoner English one, a name is read only as a corpus name', () => {
    expect(read('did Chian sign')).toBe('did China sign');
    expect(read('did Obma sign')).toBe('did Obama sign');
    expect(read('did Putinn sign')).toBe('did Putinn sign');
  });

  it('leaves what is no slip: English words, corpus words, acronyms, short tokens, names, other scripts', () => {
    for (const q of ['who is the ceo of tesla', 'opm hack data breach', 'lol', 'the PLA indictment', 'what was Ivan Meštrović known for', 'did the tech sector react', 'For whose glory'])
      expect(read(q)).toBe(q);
  });
});

describe('withinEdits', () => {
  it('agrees with the edit distance', () => {
    for (const [a, b] of [
      ['crashloop', 'crashlogs'],
      ['agreemnt', 'agreement'],
      ['teh', 'the'],
      ['kubernetes', 'kubernetis'],
      ['abc', 'xyz'],
    ])
      for (const k of [0, 1, 2]) expect(withinEdits(a, b, k)).toBe(editDistance(a, b) <= k);
  });
});
