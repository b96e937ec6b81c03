import { Briefing } from '../../src/answering/briefing';
import { buildCorpus } from '../../src/corpus/corpus';
import { buildWordKnowledge, deserializeRelated, serializeRelated } from '../../src/language/related';
import { parseSeeds } from '../../src/corpus/seeds';
import { termOf } from '../../src/language/text';
import { WordNet } from '../../src/language/wordnet';
import { seedFile } from '../helpers';

let wn: WordNet;
beforeAll(() => {
  wn = WordNet.open();
});

const vocab = (...words: string[]) => words.map((w) => [w, termOf(w)] as const);

describe('WordNet reader', () => {
  it('finds senses, base forms and synsets', () => {
    expect(wn.senses('agree', 'v').length).toBeGreaterThan(0);
    expect(wn.baseForms('agreed', 'v')).toContain('agree');
    expect(wn.baseForms('hackers', 'n')).toContain('hacker');
    const s = wn.synset('v', wn.senses('attend', 'v')[0])!;
    expect(s.words).toContain('attend');
  });
});

describe('related words, reduced to a vocabulary', () => {
  it('turns derivations and pertainyms around: a question word → the corpus terms it stands for', () => {
    const { related } = buildWordKnowledge(vocab('chinese', 'theft', 'hacker'), wn, termOf);
    expect(related.get(termOf('china'))).toEqual(expect.arrayContaining([{ term: termOf('chinese'), via: 'derived' }]));
    expect(related.get(termOf('hack'))).toEqual(expect.arrayContaining([{ term: termOf('hacker'), via: 'derived' }]));
    expect(related.get(termOf('steal'))?.map((r) => r.term)).toContain(termOf('theft'));
  });

  it('knows which nouns name people, places and times', () => {
    const k = buildWordKnowledge(vocab('minister', 'student', 'city', 'bridge', 'decade'), wn, termOf);
    expect(k.nounClasses.get(termOf('minister'))).toBe('person');
    expect(k.nounClasses.get(termOf('student'))).toBe('person');
    expect(k.nounClasses.get(termOf('city'))).toBe('place');
    expect(k.nounClasses.get(termOf('decade'))).toBe('time');
    expect(k.nounClasses.has(termOf('bridge'))).toBe(false);
  });

  it('survives the cache round trip', () => {
    const { related } = buildWordKnowledge(vocab('chinese', 'theft'), wn, termOf);
    expect(deserializeRelated(serializeRelated(related))).toEqual(related);
  });

  it('lets a question find a sentence in other words', () => {
    const files = [{ file: 'a.txt', content: seedFile('Thefts', 'The theft of the paintings shocked the town. The weather was fine.') }];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    expect(b.ask('who stole the paintings').answers[0]?.text).toContain('theft of the paintings');
  });
});
