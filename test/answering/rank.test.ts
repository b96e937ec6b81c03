import { Briefing, DEFAULT_BRIEFING_OPTIONS, type BriefingOptions } from '../../src/answering/briefing';
import { buildCorpus, type Corpus } from '../../src/corpus/corpus';
import { analyzeQuestion } from '../../src/answering/question';
import { holdsAnswerType, proximity, statesCount, type Ranked, type TermGroup } from '../../src/answering/rank';
import { parseSeeds } from '../../src/corpus/seeds';
import { DEFAULT_LEXICON } from '../../src/language/lexicon';
import { seedFile } from '../helpers';

function corpusOf(...bodies: string[]): Corpus {
  const files = bodies.map((body, i) => ({ file: `a${i}.txt`, content: seedFile(`Article ${i}`, body) }));
  return buildCorpus(parseSeeds(files).articles, { wordnet: null });
}

function withRank(over: Partial<BriefingOptions['rank']>): BriefingOptions {
  return { ...DEFAULT_BRIEFING_OPTIONS, rank: { ...DEFAULT_BRIEFING_OPTIONS.rank, ...over } };
}

/** The ranking of a question over a corpus with some rank options changed: a sentence's result by its text. */
function rankedIn(c: Corpus, over: Partial<BriefingOptions['rank']>, question: string): (text: string) => Ranked | undefined {
  const { results } = Briefing.fromCorpus(c, withRank(over))['ranker'].rank(analyzeQuestion(question), 10);
  return (text) => results.find((r) => c.sentences[r.idx].text === text);
}

const group = (word: string, ...terms: string[]): TermGroup => ({ word, idf: 1, known: true, factor: 1, alternatives: terms.map((term) => ({ term, weight: 1, via: 'exact' })) });

describe('answer types', () => {
  const c = corpusOf('The bridge was opened by Mayor Alice Brown in Springfield in March 1931. It carried 4,000 cars a day.');
  const [opened, carried] = c.sentences;

  it('tags names, places, dates and numbers from the tagger', () => {
    expect(opened.answers.name).toEqual(expect.arrayContaining(['alic', 'brown']));
    expect(opened.answers.place).toContain('springfield');
    expect(opened.answers.date).toEqual(expect.arrayContaining(['1931']));
    expect(carried.answers.number).toContain('4000');
    expect(carried.answers.name).toEqual([]);
  });

  it('a frequency is a time expression or a count: "twice a year", "semi-annual", "over 100 times"', () => {
    const [twice, semi, times, none] = corpusOf('The magazine is released twice a year. The talks are semi-annual. Mass is said over 100 times a week. The magazine is read widely.').sentences;
    expect(holdsAnswerType(twice, 'frequency', new Set())).toBe(true);
    expect(holdsAnswerType(semi, 'frequency', new Set())).toBe(true);
    expect(holdsAnswerType(times, 'frequency', new Set())).toBe(true);
    expect(holdsAnswerType(none, 'frequency', new Set())).toBe(false);
    expect(analyzeQuestion('how often is the magazine released').answerType).toBe('frequency');
  });

  it('a sentence holds the type only with something the question does not already name', () => {
    expect(holdsAnswerType(opened, 'name', new Set(['bridg', 'open']))).toBe(true);
    expect(holdsAnswerType(opened, 'name', new Set(['mayor', 'alic', 'brown', 'springfield']))).toBe(false);
    expect(holdsAnswerType(carried, 'date', new Set())).toBe(false);
    expect(holdsAnswerType(carried, 'number', new Set(['car']))).toBe(true);
  });

  it("nor with what its article's title names (the topic is no answer about the topic)", () => {
    expect(holdsAnswerType(opened, 'name', new Set(['mayor']), DEFAULT_LEXICON, new Set(['alic', 'brown']))).toBe(true);
    expect(holdsAnswerType(opened, 'name', new Set(['mayor']), DEFAULT_LEXICON, new Set(['alic', 'brown', 'springfield']))).toBe(false);
    expect(holdsAnswerType(opened, 'year', new Set(), DEFAULT_LEXICON, new Set(['1931']))).toBe(false);
  });

  it('the boost reaches a sentence ranked at the bottom before it (only sentences it cannot lift are skipped)', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `Bridge ${i + 2} was painted green.`);
    const c = corpusOf([...filler, 'The bridge was painted in 1931.'].join(' '));
    const q = analyzeQuestion('when was the bridge painted green');
    const scoreOf = (b: Briefing, limit: number) => b.ranker.rank(q, limit).results.find((x) => c.sentences[x.idx].text.includes('1931'))?.score ?? 0;
    // The paragraph's share (passageMix) is the same for every sentence here: at 0.8 it keeps the
    // last sentence within a factor of two of the others, so doubling lifts it.
    const plain = Briefing.fromCorpus(c, withRank({ answerTypeBoost: 1, rerank: 60, passageMix: 0.8 }));
    // Unboosted it is the last of 61, out of the top 60; boosted it is in, with its score doubled.
    expect(scoreOf(plain, 60)).toBe(0);
    expect(scoreOf(plain, 61)).toBeGreaterThan(0);
    expect(scoreOf(Briefing.fromCorpus(c, withRank({ answerTypeBoost: 2, rerank: 60, passageMix: 0.8 })), 60)).toBeCloseTo(2 * scoreOf(plain, 61));
  });

  it('"how much did it cost" asks for an amount of money, which only a sentence stating one holds', () => {
    expect(analyzeQuestion('how much did it cost to build the bridge').answerType).toBe('money');
    expect(analyzeQuestion('how many lanes does the bridge have').answerType).toBe('number');
    const [opened, costly] = corpusOf('The bridge opened in 1931 with 4 lanes and 2 towers across the wide river.', 'The $12 million bridge has towers.').sentences;
    expect(holdsAnswerType(costly, 'money', new Set())).toBe(true);
    expect(holdsAnswerType(opened, 'money', new Set())).toBe(false);
    const [words] = corpusOf('Theft has cost American firms tens of billions of dollars.').sentences;
    expect(holdsAnswerType(words, 'money', new Set())).toBe(true);
    // Both state a number; only one an amount of money.
    const b = Briefing.fromCorpus(corpusOf('The bridge cost 2 lives.', 'In all, the long new bridge over the river cost the state $12 million.'));
    expect(b.ask('how much did the bridge cost').answers[0].text).toContain('$12 million');
  });

  it('"in what year" asks for a year, which a sentence naming only a month or a frequency does not hold', () => {
    expect(analyzeQuestion('in what year was the magazine first published').answerType).toBe('year');
    expect(analyzeQuestion('when was the magazine first published').answerType).toBe('date');
    const [monthly, year] = corpusOf('The magazine is published twice a month.', 'The magazine was first published in 1876.').sentences;
    expect(holdsAnswerType(monthly, 'date', new Set())).toBe(true);
    expect(holdsAnswerType(monthly, 'year', new Set())).toBe(false);
    expect(holdsAnswerType(year, 'year', new Set())).toBe(true);
    expect(holdsAnswerType(year, 'year', new Set(['1876']))).toBe(false);
  });

  it('"how many X" prefers the sentence that counts X to one that only holds some number', () => {
    expect(analyzeQuestion('How many times was the ferry late?').counted).toBe('time');
    expect(analyzeQuestion('How many children were on board?').counted).toBe('child');
    expect(analyzeQuestion('How late was the ferry?').counted).toBeUndefined();
    const numbers = new Set(['seven', 'three', 'twenti']);
    expect(statesCount(['sack', 'seven', 'time'], 'time', numbers)).toBe(true);
    expect(statesCount(['2249', 'yard'], 'yard', numbers)).toBe(true);
    expect(statesCount(['8', 'super', 'bowl', 'appear'], 'appear', numbers)).toBe(true);
    expect(statesCount(['time', 'seven'], 'time', numbers)).toBe(false);
    expect(statesCount(['seven', 'a', 'b', 'c', 'time'], 'time', numbers)).toBe(false);
    const c = corpusOf('The ferry was late many times, once at 9.', 'Last winter the ferry was late three times.');
    const top = (countBoost: number) => {
      const b = new Briefing(c, Briefing.surfaceOf(c), withRank({ countBoost }));
      const { results } = b['ranker'].rank(analyzeQuestion('how many times was the ferry late'), 2);
      return c.sentences[results[0].idx].text;
    };
    expect(top(1)).toBe('The ferry was late many times, once at 9.');
    expect(top(DEFAULT_BRIEFING_OPTIONS.rank.countBoost)).toBe('Last winter the ferry was late three times.');
  });

  it('a who-question prefers the sentence with a name to one with the same words and none', () => {
    const b = Briefing.fromCorpus(corpusOf('The new library was designed with care.', 'The new library was designed by Maria Lopez.'));
    expect(b.ask('who designed the new library').answers[0].text).toContain('Maria Lopez');
  });

  it('"what does X stand for" is answered by the sentence that defines the acronym, not one that only uses it', () => {
    const b = Briefing.fromCorpus(
      corpusOf('The FRA inspected the line.', 'Since 1967 the Federal Railroad Administration (FRA) has set the safety rules for every railroad in the country.', 'The FRA fined the company.'),
    );
    expect(b.ask('what does FRA stand for').answers[0].text).toContain('Federal Railroad Administration');
    // A corpus that never defines it answers from the sentences that use it, as before.
    const plain = Briefing.fromCorpus(corpusOf('The FRA inspected the line.', 'The FRA fined the company.'));
    expect(plain.ask('what does FRA stand for').kind).toBe('answer');
  });

  it('"the current president" is the one the text calls current', () => {
    const b = Briefing.fromCorpus(corpusOf('Anna Smith was president of the club.', 'Since last spring the current president of the old rowing club has been Tom Jones of Leeds.'));
    expect(b.ask('who is the current president of the club').answers[0].text).toContain('Tom Jones');
  });

  it('a name the ranker only linked to the question (the people a role names) is still an answer, not something the question states', () => {
    const c = corpusOf('The college was founded in 1865 by president Patrick Dillon.');
    const q = analyzeQuestion('which president founded the college');
    const hints = {
      expansions: new Map([
        [
          'presid',
          [
            { term: 'patrick', weight: 0.85 },
            { term: 'dillon', weight: 0.85 },
          ],
        ],
      ]),
    };
    const scoreWith = (boost: number) => Briefing.fromCorpus(c, withRank({ answerTypeBoost: boost })).ranker.rank(q, 5, hints).results[0].score;
    expect(scoreWith(2)).toBeCloseTo(2 * scoreWith(1));
    // Named in the question itself, the same name is no answer to it.
    const named = analyzeQuestion('when did Patrick Dillon found the college');
    expect(holdsAnswerType(c.sentences[0], 'name', new Set(named.words.map((w) => w.term)))).toBe(false);
  });
});

describe('a word neither the corpus nor the dictionary knows', () => {
  const b = Briefing.fromCorpus(corpusOf('The river committee met in Riga on Monday. The committee said the budget for the river would rise next year.'));

  it('is a name the corpus never mentions, typed in lower case or not: what the question is about is missing', () => {
    expect(b.ask('what did Kowalczyk say about the river budget').kind).toBe('no_answer');
    expect(b.ask('what did kowalczyk say about the river budget').kind).toBe('no_answer');
    expect(b.withOptions({ rank: { ...b.options.rank, lowerCaseNames: false } }).ask('what did kowalczyk say about the river budget').kind).toBe('answer');
  });

  it('nor is a word the dictionary knows only as a name ("oslo": WordNet knows Oslo, a capital)', () => {
    expect(b.ask('what did the committee decide in oslo about the river budget').kind).toBe('no_answer');
    expect(b.withOptions({ rank: { ...b.options.rank, lowerCaseNames: false } }).ask('what did the committee decide in oslo about the river budget').kind).toBe('answer');
  });

  it('an English word the corpus lacks is only a word in other terms', () => {
    expect(b.ask('what did the committee say about the river budget increase').answers[0]?.text).toContain('budget for the river');
  });
});

describe('numbers', () => {
  const b = Briefing.fromCorpus(
    corpusOf(
      'The town library opened in 1850. By 1879 it had grown to ten thousand volumes. In 1900 it held 500 maps.',
      'Students spend the third year of the course in Rome. The first year is spent at home.',
    ),
  );

  it('a number in digits finds it in words, and an ordinal in digits finds it in words', () => {
    expect(b.ask('when did the library reach 10,000 volumes').answers[0].text).toContain('ten thousand volumes');
    expect(b.ask('where do students spend their 3rd year').answers[0].text).toContain('third year');
  });
});

describe('periods', () => {
  const b = Briefing.fromCorpus(
    corpusOf(
      'Carl Diaz was mayor in 1953.',
      'The old market opened in 1887. A theatre opened in 1924 on the square. A cinema opened in 2004.',
      'Alice Brown served as mayor from 1946 to 1952. The bridge was built in 1931.',
    ),
  );

  it('a year in the question finds the span that holds it', () => {
    expect(b.ask('who was mayor in 1947').answers[0].text).toContain('Alice Brown');
  });

  it('a decade or a century in the question finds the years inside it', () => {
    expect(b.ask('what opened in the 1920s').answers[0].text).toContain('theatre');
    expect(b.ask('what opened in the 19th century').answers[0].text).toContain('market');
    expect(b.ask('what opened in the 21st century').answers[0].text).toContain('cinema');
  });
});

describe('passage mix', () => {
  // The answer sentence does not repeat its subject: its paragraph names it. (It also points back to
  // the sentence naming it, which the anaphor and neighbour weights read: off here, to see the passage mix alone.)
  const text = ['The Harbor Museum stands on the old pier. It was founded in 1952 by local sailors.', 'The city archive keeps records of many things. The archive was founded in 1880.'].join('\n\n');
  const museum = 'It was founded in 1952 by local sailors.';
  const archive = 'The archive was founded in 1880.';

  const order = (passageMix: number) => {
    const c = corpusOf(text);
    const b = new Briefing(c, Briefing.surfaceOf(c), withRank({ passageMix, anaphorWeight: 0, neighbourWeight: 0 }));
    const { results } = b['ranker'].rank(analyzeQuestion('when was the harbor museum founded'), 5);
    return results.map((r) => c.sentences[r.idx].text).filter((t) => t === museum || t === archive);
  };

  it('ranks a sentence by its paragraph as well as by itself', () => {
    expect(order(0)).toEqual([archive, museum]);
    expect(order(0.5)).toEqual([museum, archive]);
  });

  it("reports the paragraph's coverage beside the sentence's", () => {
    const c = corpusOf(text);
    const b = Briefing.fromCorpus(c, withRank({ anaphorWeight: 0, neighbourWeight: 0 }));
    const { results } = b['ranker'].rank(analyzeQuestion('harbor museum founded'), 5);
    const founded = results.find((r) => c.sentences[r.idx].text === museum)!;
    expect(founded.coverage).toBeLessThan(0.5);
    expect(founded.passageCoverage).toBeCloseTo(1, 5);
  });
});

describe("the article's title", () => {
  // Two articles: one about the dam, whose sentences call it "the dam"; one about a road of the same name.
  const files = [
    { file: 'dam.txt', content: seedFile('Kessler Dam', 'Work began in 1931. The dam was finally finished by its many hundreds of tired workers in the summer of 1936.') },
    { file: 'road.txt', content: seedFile('Roads', 'The Kessler road was finished in 1950. It was paved later.') },
  ];
  const c = buildCorpus(parseSeeds(files).articles, { wordnet: null });
  const rank = (titleWeight: number) => {
    const b = new Briefing(c, Briefing.surfaceOf(c), withRank({ titleWeight, passageMix: 0, anaphorWeight: 0 }));
    return b['ranker'].rank(analyzeQuestion('when was the Kessler Dam finished'), 5).results.map((r) => ({ text: c.sentences[r.idx].text, coverage: r.coverage }));
  };

  it('holds the question words a sentence leaves unsaid: the dam is the Kessler Dam', () => {
    const off = rank(0);
    const on = rank(0.5);
    expect(off[0].text).toBe('The Kessler road was finished in 1950.');
    expect(on[0].text).toBe('The dam was finally finished by its many hundreds of tired workers in the summer of 1936.');
    const dam = (list: typeof on) => list.find((r) => r.text === 'The dam was finally finished by its many hundreds of tired workers in the summer of 1936.')!.coverage;
    expect(dam(on)).toBeGreaterThan(dam(off));
    expect(dam(on)).toBeLessThan(1);
  });

  it('never makes a sentence a candidate by itself', () => {
    expect(rank(0.5).map((r) => r.text)).not.toContain('Work began in 1931.');
  });

  it('counts nothing twice: a sentence that says the word gets nothing more from the title', () => {
    const road = (w: number) => rank(w).find((r) => r.text === 'The Kessler road was finished in 1950.')!.coverage;
    expect(road(0.5)).toBeCloseTo(road(0), 10);
  });
});

describe('proximity', () => {
  const groups = [group('hotline', 'hotline'), group('open', 'open'), group('crisis', 'crisi')];

  it('is 1 when every question word stands next to the other', () => {
    expect(proximity(groups, ['hotline', 'open', 'crisi'])).toBe(1);
  });

  it('falls as the words spread out, and as fewer of them are present', () => {
    const spread = proximity(groups, ['hotline', 'x', 'y', 'open', 'z', 'crisi']);
    const two = proximity(groups, ['hotline', 'open']);
    expect(spread).toBeGreaterThan(0);
    expect(spread).toBeLessThan(1);
    expect(two).toBeLessThan(1);
    expect(proximity(groups, ['hotline'])).toBe(0);
    expect(proximity([groups[0]], ['hotline', 'open'])).toBe(0);
  });
});

describe('frequent words (frequentShare, frequentMin)', () => {
  // "river" is in 8 of 10 sentences, "budget" in one of them and in one without the river.
  const c = corpusOf(
    'The river rose in spring. The river froze in winter. The river budget was cut by half. The river has a ferry. The river feeds the lake.',
    'The river flows north. The river floods the town. The river is wide. The budget of the school grew. Farmers sell wheat.',
  );
  const texts = (over: Partial<BriefingOptions['rank']>) => {
    const { results } = Briefing.fromCorpus(c, withRank(over))['ranker'].rank(analyzeQuestion('river budget'), 10);
    return results.map((r) => c.sentences[r.idx].text);
  };

  it('below the floor every sentence holding a word is scored (the defaults, on a small corpus)', () => {
    expect(texts({})).toHaveLength(9);
    expect(texts({})[0]).toBe('The river budget was cut by half.');
  });

  it('above it, a frequent word only scores the sentences its rarer words found', () => {
    const pruned = texts({ frequentMin: 0, frequentShare: 0.5 });
    expect(pruned).toEqual(['The river budget was cut by half.', 'The budget of the school grew.']);
  });
});
describe('refusal', () => {
  it('describes the corpus actually loaded', () => {
    const b = Briefing.fromCorpus(corpusOf('Bees make honey in hives.'));
    const r = b.ask('who won the world cup in 2018');
    expect(r.kind).toBe('no_answer');
    expect(r.reason).toMatch(/I answer from 1 article \(2016\), the newest “Article 0” \(Test Wire\)/);
  });
});

describe('words that merely share a stem', () => {
  const b = Briefing.fromCorpus(corpusOf('The statement strikes a promising note for the talks. The two sides made a promise to meet again in May.'));

  it('a question about a promise does not find the adjective "promising"', () => {
    expect(b.ask('what promise did the two sides make').answers[0]?.text).toContain('made a promise');
    expect(b.ask('what did the sides promise').answers.map((a) => a.text)).not.toContainEqual(expect.stringContaining('promising note'));
  });

  it('a question that says "promising" still finds it', () => {
    expect(b.ask('is the statement promising').answers[0]?.text).toContain('promising note');
  });

  it('the verb in -ing is still the verb', () => {
    const v = Briefing.fromCorpus(corpusOf('The officials were promising to meet every month. The weather was fine.'));
    expect(v.ask('what did the officials promise').answers[0]?.text ?? '').toContain('promising to meet');
  });
});

describe('kinds of a word (WordNet hyponyms)', () => {
  const files = [{ file: 'a.txt', content: seedFile('Talks', 'The two leaders pledged to cooperate on trade. The weather was fine that week.') }];
  const c = buildCorpus(parseSeeds(files).articles);

  it('count, at their weight, while the word has few kinds in the corpus', () => {
    const b = Briefing.fromCorpus(c);
    const r = b.ask('what did the leaders promise');
    expect(r.answers[0]?.text).toContain('pledged');
  });

  it('do not count for a word with more kinds than maxKinds', () => {
    const b = Briefing.fromCorpus(c, withRank({ maxKinds: 0 }));
    const q = analyzeQuestion('what did the leaders promise');
    const groups = (b as unknown as { ranker: { groups: (q: ReturnType<typeof analyzeQuestion>) => TermGroup[] } }).ranker.groups(q);
    expect(groups.flatMap((g) => g.alternatives.map((a) => a.term))).not.toContain('pledg');
    expect(Briefing.fromCorpus(c).ask('what did the leaders promise').answers[0]?.text).toContain('pledged');
  });
});

describe('a name in the question', () => {
  it('is not the common noun WordNet knows, but keeps its derivations', () => {
    const files = [{ file: 'a.txt', content: seedFile('Visit', 'John Smith toured the new toilet block at the Chinese embassy. China sent a delegation.') }];
    const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
    const groupsOf = (text: string) => (b as unknown as { ranker: { groups: (q: ReturnType<typeof analyzeQuestion>) => TermGroup[] } }).ranker.groups(analyzeQuestion(text));
    const terms = (text: string, word: string) =>
      groupsOf(text)
        .find((g) => g.word === word)
        ?.alternatives.map((a) => a.term) ?? [];
    // "john" is a toilet to WordNet; "John" in a question is a person.
    expect(terms('what did John see', 'john')).not.toContain('toilet');
    expect(terms('what did the john look like', 'john')).toContain('toilet');
    // A name's derivations still count: "China" → Chinese.
    expect(terms('what did China send', 'china')).toContain('chines');
  });
});

describe('verbs weigh less than the nouns they are said of', () => {
  // Each sentence holds one of the question's two words; only the tagger tells them apart.
  const c = corpusOf('The old treaty was signed in Geneva by both envoys.', 'The border deal became law in Oslo after a long debate.');
  const scores = (verbWeight: number) => {
    const b = Briefing.fromCorpus(c, withRank({ verbWeight }));
    const { results } = b['ranker'].rank(analyzeQuestion('where was the deal signed'), 5);
    const of = (word: string) => results.find((r) => c.sentences[r.idx].text.includes(word))?.score ?? 0;
    return { noun: of('deal'), verb: of('signed') };
  };

  it('at the default weight the sentence with the noun answers', () => {
    expect(DEFAULT_BRIEFING_OPTIONS.rank.verbWeight).toBeLessThan(1);
    expect(Briefing.fromCorpus(c).ask('where was the deal signed').answers[0].text).toContain('border deal');
  });

  it('the lower the weight, the further the verb’s sentence falls behind', () => {
    const even = scores(1);
    const light = scores(0.5);
    expect(even.verb).toBeGreaterThan(0);
    expect(light.verb).toBeGreaterThan(0);
    expect(light.noun / light.verb).toBeGreaterThan((even.noun / even.verb) * 1.5);
  });
});

describe('in a what-question the verb keeps its weight', () => {
  const c = corpusOf('The council agreed on a new budget for the harbor.', 'The harbor budget was large.');
  it('the verb is what the question asks the object of', () => {
    const b = Briefing.fromCorpus(c);
    const groups = b['ranker'].groups(analyzeQuestion('what was agreed on the harbor budget'));
    const when = b['ranker'].groups(analyzeQuestion('when was the harbor budget agreed'));
    expect(groups.find((g) => g.word === 'agreed')?.factor).toBe(1);
    expect(when.find((g) => g.word === 'agreed')?.factor).toBe(DEFAULT_BRIEFING_OPTIONS.rank.verbWeight);
  });
});

describe('a sentence that points back to the one before it', () => {
  // Paragraph one: the antecedent, then a sentence opening "It"; paragraph two opens "It" too, with nothing before it in its paragraph.
  const c = corpusOf('The harbor museum signed a lease with the city council. It pays rent every spring.\n\nIt pays rent to nobody else.', 'The old mill pays rent every spring as well.');
  // The neighbour weight (any sentence continuing the one before it) is off here, to see the anaphor alone.
  const matched = (anaphorWeight: number, neighbourWeight = 0) => {
    const of = rankedIn(c, { anaphorWeight, neighbourWeight }, 'when does the harbor museum pay rent');
    return { pointing: of('It pays rent every spring.'), nextParagraph: of('It pays rent to nobody else.'), mill: of('The old mill pays rent every spring as well.') };
  };

  it('matches the question words the sentence before it holds, at a lower weight, none of them as its own', () => {
    const on = matched(DEFAULT_BRIEFING_OPTIONS.rank.anaphorWeight);
    expect(DEFAULT_BRIEFING_OPTIONS.rank.anaphorWeight).toBeGreaterThan(0);
    expect(on.pointing?.matched).toBe(4);
    expect(on.pointing?.matchedDirect).toBe(2);
    expect(on.pointing!.score).toBeGreaterThan(on.mill!.score);
  });

  it('not across a paragraph, nor for a sentence that does not point back, nor when off', () => {
    const on = matched(DEFAULT_BRIEFING_OPTIONS.rank.anaphorWeight);
    expect(on.nextParagraph?.matched).toBe(2);
    expect(on.mill?.matched).toBe(2);
    const off = matched(0);
    expect(off.pointing?.matched).toBe(2);
    expect(off.pointing!.score).toBeLessThan(on.pointing!.score);
  });

  it('with the neighbour weight on, the sentence that points back takes the higher of the two weights', () => {
    const both = matched(DEFAULT_BRIEFING_OPTIONS.rank.anaphorWeight, DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight);
    expect(DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight).toBeLessThan(DEFAULT_BRIEFING_OPTIONS.rank.anaphorWeight);
    expect(both.pointing!.score).toBeCloseTo(matched(DEFAULT_BRIEFING_OPTIONS.rank.anaphorWeight).pointing!.score, 10);
    expect(matched(0, DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight).pointing!.score).toBeLessThan(both.pointing!.score);
  });

  it('a pronoun subject after a phrase put first points back too ("Every spring, it pays rent")', () => {
    const c2 = corpusOf('The harbor museum signed a lease with the city council. Every spring since then, it pays rent.');
    const b = Briefing.fromCorpus(c2);
    const r = b['ranker'].rank(analyzeQuestion('when does the harbor museum pay rent'), 10).results.find((x) => c2.sentences[x.idx].text.startsWith('Every spring'));
    expect(r?.matched).toBe(4);
    expect(DEFAULT_LEXICON.anaphor.test('In 2010, the council met.')).toBe(false);
  });
});

describe('a sentence continues the one before it in its paragraph', () => {
  // "The event" names no subject of its own: the sentence before it says what the event was.
  const c = corpusOf('The harbor festival moved to a new week this year. The event was held on a Monday in March.\n\nThe event was held on a Friday in May.');
  const ranked = (neighbourWeight: number) => {
    const of = rankedIn(c, { neighbourWeight }, 'when was the harbor festival held');
    return { march: of('The event was held on a Monday in March.'), may: of('The event was held on a Friday in May.') };
  };

  it('matches the question words of the sentence before it, at the neighbour weight, none of them as its own', () => {
    const on = ranked(DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight);
    expect(DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight).toBeGreaterThan(0);
    expect(on.march?.matched).toBe(3);
    expect(on.march?.matchedDirect).toBe(1);
    expect(on.march!.score).toBeGreaterThan(on.may!.score);
  });

  it('never makes a sentence a candidate by itself: one holding no question word of its own is not ranked', () => {
    const c2 = corpusOf('The harbor festival moved to a new week this year. Nobody minded much.');
    const b = Briefing.fromCorpus(c2);
    const { results } = b['ranker'].rank(analyzeQuestion('when was the harbor festival held'), 10);
    expect(results.map((r) => c2.sentences[r.idx].text)).toEqual(['The harbor festival moved to a new week this year.']);
  });

  it('not across a paragraph, and not when off', () => {
    const on = ranked(DEFAULT_BRIEFING_OPTIONS.rank.neighbourWeight);
    expect(on.may?.matched).toBe(1);
    const off = ranked(0);
    expect(off.march?.matched).toBe(1);
    expect(off.march!.score).toBeLessThan(on.march!.score);
  });
});

describe('spelling correction leaves real words alone', () => {
  const files = [{ file: 'a.txt', content: seedFile('Harbor', 'The north section of the harbor was closed for repairs. Officials endorsed the plan.') }];
  const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
  const groups = (q: string) => b['ranker'].groups(analyzeQuestion(q));

  it('a word WordNet knows ("sanctions") is not corrected into another ("section")', () => {
    const g = groups('sanctions on the harbor').find((x) => x.word === 'sanctions');
    expect(g?.alternatives.some((a) => a.via === 'spelling')).toBe(false);
  });

  it('nor is a word WordNet knows that it relates to nothing here ("sedition" is not "section")', () => {
    const g = groups('sedition in the harbor').find((x) => x.word === 'sedition');
    expect(g?.alternatives.some((a) => a.via === 'spelling')).toBe(false);
  });

  it('a misspelling still is ("harbr" → harbor)', () => {
    const g = groups('sanctions on the harbr').find((x) => x.word === 'harbr');
    expect(g?.alternatives).toEqual([expect.objectContaining({ via: 'spelling' })]);
  });
});

describe('one word of a sentence is evidence for one word of the question', () => {
  const files = [{ file: 'a.txt', content: seedFile('Match', 'The first match was played in May. The home team kicked off.') }];
  const b = Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));

  it('a word the question states is not also a related word for another of its words', () => {
    const groups = b['ranker'].groups(analyzeQuestion('which team had the first kickoff'));
    // WordNet relates kickoff to "first" (the beginning); the question says "first" itself.
    expect(
      b['ranker']
        .groups(analyzeQuestion('which team had the kickoff'))
        .find((g) => g.word === 'kickoff')
        ?.alternatives.map((a) => a.term),
    ).toContain('first');
    expect(groups.find((g) => g.word === 'kickoff')?.alternatives.map((a) => a.term) ?? []).not.toContain('first');
    expect(groups.find((g) => g.word === 'first')?.alternatives.map((a) => a.term)).toContain('first');
  });
});

describe('a name the corpus always writes whole is one concept', () => {
  const c = corpusOf(
    'Alder Point has a lighthouse. The lighthouse at Alder Point was rebuilt in 1901. Fatima House stands near the harbor.',
    'The harbor house was sold. Every house on the hill is old. Visitors to Alder Point climb the lighthouse.',
  );
  const b = Briefing.fromCorpus(c);
  const groups = (q: string, over: Partial<BriefingOptions['rank']> = {}) => {
    const ranker = Briefing.fromCorpus(c, withRank(over))['ranker'];
    return ranker.groups(analyzeQuestion(q)).map((g) => g.word);
  };

  it('"Alder Point", always together, is one group; "Fatima House" is not (the corpus has other houses)', () => {
    expect(groups('When was the lighthouse at Alder Point rebuilt?')).toEqual(['lighthouse', 'alder point', 'rebuilt']);
    expect(groups('Who lives in Fatima House?')).toEqual(['lives', 'fatima', 'house']);
    expect(b.options.rank.mergeNames).toBe(true);
  });

  it('only words written next to each other, capitalised, and off when switched off', () => {
    expect(groups('Is the Alder lighthouse at Point Reyes?')).not.toContain('alder point');
    expect(groups('When was the lighthouse at alder point rebuilt?')).toEqual(['lighthouse', 'alder', 'point', 'rebuilt']);
    expect(groups('When was the lighthouse at Alder Point rebuilt?', { mergeNames: false })).toEqual(['lighthouse', 'alder', 'point', 'rebuilt']);
  });
});

describe('a verb the corpus lacks', () => {
  it('weighs in full: a word the corpus never uses says the question is about something else', () => {
    const c = corpusOf('The harbor museum opened in 1901. The museum keeps old maps.');
    const b = Briefing.fromCorpus(c);
    const smuggle = b['ranker'].groups(analyzeQuestion('when did the museum smuggle maps')).find((g) => g.word === 'smuggle');
    expect(smuggle?.known).toBe(false);
    expect(smuggle?.factor).toBe(DEFAULT_BRIEFING_OPTIONS.rank.verbWeight);
    // The full weight of a word the corpus lacks, not halved as a verb's would be.
    expect(smuggle!.idf).toBeCloseTo(b.options.rank.unknownWeight * b.index.idf('\u0000never'), 9);
  });
});

describe("the caller's boost (RankHints.boost)", () => {
  it('with its most (boostMax), is read only for sentences it could lift into the top, and ranks exactly as when read for all', () => {
    // Sixty sentences about what was asked, and two hundred that share one word of it.
    const bodies = [
      ...Array.from({ length: 60 }, (_, i) => `Officials of the harbour said the ferry ${i % 2 ? 'ran late' : 'was on time'} on day ${i + 1}.`),
      ...Array.from({ length: 200 }, (_, i) => `The harbour of village ${i + 1} was quiet.`),
    ];
    const c = corpusOf(...bodies);
    const b = Briefing.fromCorpus(c);
    const q = analyzeQuestion('what did the harbour officials say about the ferry');
    // A boost for every seventh sentence; the calls counted.
    let calls = 0;
    const boost = (idx: number) => {
      calls++;
      return idx % 7 === 0 ? 4 : 1;
    };
    const every = b.ranker.rank(q, 10, { boost }).results;
    const all = calls;
    calls = 0;
    const bounded = b.ranker.rank(q, 10, { boost, boostMax: 4 }).results;
    expect(bounded).toEqual(every);
    expect(calls).toBeLessThan(all);
    expect(every.some((r) => r.idx % 7 === 0)).toBe(true);
  });
});
