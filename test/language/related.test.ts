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

  it("places a corpus word in WordNet's taxonomy: kinds of a question's word, more general words, opposites", () => {
    const { related } = buildWordKnowledge(vocab('pledge', 'agreement', 'deny'), wn, termOf);
    // A pledge is a kind of promise; a deal is a kind of agreement; to deny is the opposite of to admit.
    expect(related.get(termOf('promise'))).toEqual(expect.arrayContaining([{ term: termOf('pledge'), via: 'hyponym' }]));
    expect(related.get(termOf('deal'))).toEqual(expect.arrayContaining([{ term: termOf('agreement'), via: 'hypernym' }]));
    expect(related.get(termOf('admit'))).toEqual(expect.arrayContaining([{ term: termOf('deny'), via: 'antonym' }]));
    // No relation when the taxonomy is off.
    const none = buildWordKnowledge(vocab('pledge'), wn, termOf, { senses: 3, taxonomySenses: 0, maxHyponyms: 40 }).related;
    expect(none.get(termOf('promise'))?.some((r) => r.term === termOf('pledge'))).toBeFalsy();
  });

  it('knows which nouns name people, places, times and groups', () => {
    const k = buildWordKnowledge(vocab('minister', 'student', 'city', 'bridge', 'decade', 'network', 'team'), wn, termOf);
    expect(k.nounClasses.get(termOf('team'))).toBe('group');
    expect(k.nounClasses.get(termOf('network'))).toBe('group');
    expect(k.nounClasses.get(termOf('minister'))).toBe('person');
    expect(k.nounClasses.get(termOf('student'))).toBe('person');
    expect(k.nounClasses.get(termOf('city'))).toBe('place');
    expect(k.nounClasses.get(termOf('decade'))).toBe('time');
    expect(k.nounClasses.has(termOf('bridge'))).toBe(false);
  });

  it('survives the cache round trip', () => {
    const { related } = buildWordKnowledge([...vocab('chinese', 'theft', 'pledge', 'agreement', 'deny'), ['write', termOf('wrote')]], wn, termOf);
    expect(new Set([...related.values()].flat().map((r) => r.via))).toEqual(new Set(['inflected', 'derived', 'synonym', 'hyponym', 'hypernym', 'antonym']));
    expect(deserializeRelated(serializeRelated(related))).toEqual(related);
  });

  it('answers a yes/no question with its opposite, and no other kind of question', () => {
    const files = [{ file: 'a.txt', content: seedFile('Claims', 'The company denied the claims about its accounts. The weather was fine that week.') }];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    expect(b.ask('did the company admit the claims').answers[0]?.text).toContain('denied the claims');
    const ranked = b.ask('which company admitted the claims');
    // Not by "denied": the sentence may still be found by "claims" and "company", but not as a match for "admitted".
    expect(ranked.answers[0]?.score ?? 0).toBeLessThan(b.ask('did the company admit the claims').answers[0]!.score);
  });

  it('lets a question find a sentence by a kind of the word it uses', () => {
    const files = [{ file: 'a.txt', content: seedFile('Talks', 'The two leaders pledged to cooperate on trade. The weather was fine that week.') }];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    expect(b.ask('what did the leaders promise').answers[0]?.text).toContain('pledged to cooperate');
  });

  it('refuses a question whose own words the corpus never uses, however related its words are', () => {
    const files = [{ file: 'a.txt', content: seedFile('Repairs', 'The automobile was repaired in the garage on Monday. Officials met at noon.') }];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    // "car" ~ automobile and "fixed" ~ repaired in WordNet; neither word itself is in the articles.
    expect(b.ask('was the car fixed').kind).toBe('no_answer');
    expect(b.withOptions({ requireDirectMatch: false }).ask('was the car fixed').answers[0]?.text).toContain('automobile was repaired');
    // One of the question's own words is enough.
    expect(b.ask('was the automobile fixed').answers[0]?.text).toContain('automobile was repaired');
  });

  it("reaches a word's irregular forms through its dictionary form, which the tagger gives", () => {
    // The corpus's vocabulary pairs each form with its lemma ("wrote" with "write"), as vocabularyOf does.
    const { related } = buildWordKnowledge(
      [
        ['wrote', termOf('wrote')],
        ['write', termOf('wrote')],
      ],
      wn,
      termOf,
    );
    expect(related.get(termOf('write'))).toEqual(expect.arrayContaining([{ term: termOf('wrote'), via: 'inflected' }]));
    const files = [
      { file: 'a.txt', content: seedFile('Songs', 'Anna Berg wrote the music in 1908. Each adult in the town received a copy. Each child in the town received a copy. The weather was fine.') },
    ];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    // "writing" is found as "wrote" (through the corpus's lemma), "children" as "child" (through the question's).
    expect(b.ask('who was responsible for writing the music').answers[0]?.text).toContain('wrote the music');
    expect(b.ask('what did the children receive').answers[0]?.text).toContain('Each child');
  });

  it('lets a question find a sentence in other words', () => {
    const files = [{ file: 'a.txt', content: seedFile('Thefts', 'The theft of the paintings shocked the town. The weather was fine.') }];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    expect(b.ask('who stole the paintings').answers[0]?.text).toContain('theft of the paintings');
  });
});
