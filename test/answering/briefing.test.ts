import { Briefing, mainShare } from '../../src/answering/briefing';
import type { TermGroup } from '../../src/answering/rank';
import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeeds } from '../../src/corpus/seeds';
import { seedBriefing, seedFile } from '../helpers';

const top = async (q: string) => (await seedBriefing()).ask(q);

describe('answering', () => {
  it.each([
    ['is there a hotline?', 'hotline'],
    ['hotlne', 'hotline'],
    ['what is CISP', 'Cyber Security Information Sharing Partnership'],
    ['what is the PLA accused of', "People's Liberation Army"],
    ['how much has cyber theft cost american firms', 'tens of billions of dollars'],
    ['when will they meet again?', 'May of 2016'],
    ['what did the Chinese president say about friction', 'Confrontation and friction'],
    ['why did Jeh Johnson withdraw', 'Orlando mass shooting'],
    ['who took part in the talks', 'scheduled to attend the talks'],
    // The month and year an article was published stand for the words: talks reported in June 2016.
    // "whose" is a question word, not a topic.
    ['tell me who was at the talks', 'scheduled to attend the talks'],
  ])('%s → a sentence containing "%s"', async (q, expected) => {
    const r = await top(q);
    expect(r.kind).toBe('answer');
    expect(r.answers[0].text).toContain(expected);
  });

  it('cites every answer with title, publisher and date', async () => {
    const r = await top('what did the US and China agree to?');
    expect(r.answers.length).toBeGreaterThanOrEqual(2);
    expect(r.answers.length).toBeLessThanOrEqual(3);
    for (const a of r.answers) {
      expect(a.source).toEqual({ id: expect.any(String), title: expect.any(String), publisher: expect.any(String), published: expect.stringMatching(/^\d{4}(-\d\d){0,2}$/) });
      expect(a.score).toBeGreaterThan(0);
    }
    expect(r.answers[0].score).toBeGreaterThanOrEqual(r.answers[1].score);
  });

  it('prefers supporting sentences from other articles', async () => {
    const r = await top('what did the US and China agree to?');
    expect(new Set(r.answers.map((a) => a.source.id)).size).toBeGreaterThan(1);
  });

  it('treats typos in several words at once ("who atended the meetng")', async () => {
    const r = await top('who atended the meetng');
    expect(r.kind).toBe('answer');
    expect(r.answers[0].text).toMatch(/attend|present/);
  });

  it('"Xi Jingping" and "Xi Jinping" are one person', async () => {
    const b = await seedBriefing();
    const xi = b.people().filter((p) => /^Xi /.test(p.name));
    expect(xi).toHaveLength(1);
    expect([xi[0].name, ...xi[0].variants].sort()).toEqual(['Xi Jingping', 'Xi Jinping']);
    expect(xi[0].sources.length).toBe(2);
    const a = await top('what did Xi Jingping agree with Obama');
    const b2 = await top('what did Xi Jinping agree with Obama');
    expect(a.answers[0].text).toBe(b2.answers[0].text);
  });

  it('"who attended" answers who was at which meeting, with roles', async () => {
    const r = await top('who attended');
    expect(r.kind).toBe('answer');
    const stack = r.roster!.find((e) => e.source.publisher === 'The Stack')!;
    expect(stack.present).toEqual(
      expect.arrayContaining([
        { name: 'Max Baucus', role: 'U.S. ambassador to China' },
        { name: 'Guo Shengkun', role: 'Chinese Minister of Public Security' },
      ]),
    );
    expect(stack.withdrew.map((p) => p.name).sort()).toEqual(['Jeh Johnson', 'Loretta Lynch']);
    const washington = r.roster!.find((e) => e.source.publisher === 'ITProPortal')!;
    expect(washington.sentence).toContain('Top-level U.S. and Chinese officials were present');
    const whiteHouse = r.roster!.find((e) => e.source.publisher === 'TechWeek Europe')!;
    expect(whiteHouse.present.map((p) => p.name).sort()).toEqual(['Barack Obama', 'Xi Jinping']);
    // Meetings in date order.
    const dates = r.roster!.map((e) => e.source.published);
    expect([...dates].sort()).toEqual(dates);
  });

  it.each(['who participated', 'who were the participants', 'list the attendees', 'who showed up', 'name the participants'])('"%s" is the "who attended" question in other words', async (q) => {
    const [want, got] = [await top('who attended'), await top(q)];
    expect(got.roster?.length).toBeGreaterThan(0);
    expect(got.answers[0].text).toBe(want.answers[0].text);
  });

  it('a meeting named by its place is the only one on the roster', async () => {
    const r = await top('who was at the Washington meeting?');
    expect(r.roster?.map((e) => e.source.publisher)).toEqual(['ITProPortal']);
    expect((await top('who attended'))?.roster?.length).toBeGreaterThan(1);
  });

  it('people: merged across articles, with roles', async () => {
    const b = await seedBriefing();
    const kerry = b.people().find((p) => p.name === 'John Kerry')!;
    expect(kerry.roles.map((r) => r.role)).toContain('US Secretary of State');
    expect(kerry.sources.length).toBe(2);
    expect(b.people().map((p) => p.name)).not.toContain('Anthony');
  });
});

describe('refusing what the corpus cannot answer', () => {
  it.each([
    'what is the weather today',
    'who won the 2018 world cup',
    'how do I bake sourdough bread',
    'tell me a joke',
    'what is the capital of France',
    'kubernetes pod crashloop',
    'asdf qwer zxcv',
  ])('%s → no_answer with suggestions', async (q) => {
    const r = await top(q);
    expect(r.kind).toBe('no_answer');
    expect(r.answers).toEqual([]);
    expect(r.reason).toMatch(/I answer from 5 articles \(2013–2016\), the newest “.+”/);
    expect(r.suggestions!.length).toBeGreaterThan(0);
  });
});

describe('a question that looks ahead', () => {
  const b = Briefing.fromCorpus(
    buildCorpus(
      parseSeeds([
        {
          file: 'a.txt',
          content: seedFile('Ministers agree on river', 'The ministers met in Riga on Monday. Their first meeting under the new treaty will be held by the end of the year.', '2015-09-10'),
        },
        {
          file: 'b.txt',
          content: seedFile('River talks continue', 'The river commission held its first meeting in Oslo this week. Members plan to meet again in Tallinn in May of 2016.', '2015-12-11'),
        },
        { file: 'c.txt', content: seedFile('Delegates arrive', 'The delegates arrived at the future headquarters in March 2014. The meeting hall was built later.', '2014-03-20') },
      ]).articles,
    ),
  );

  it('is answered by the latest plan: a date after its article was written, the furthest ahead', () => {
    expect(b.ask('when is the next meeting').answers[0]?.text).toContain('meet again in Tallinn');
    expect(b.ask('when will they meet again').answers[0]?.text).toContain('meet again in Tallinn');
  });

  it('a where-question that looks ahead asks where the plan points, and is answered by it too', () => {
    expect(b.ask('where is the next meeting').answers[0]?.text).toContain('meet again in Tallinn');
    expect(b.withOptions({ lookAhead: false }).ask('where is the next meeting').answers[0]?.text ?? '').not.toContain('meet again in Tallinn');
  });

  it('off, the plan is not preferred: the best lexical match answers, or none supports the question', () => {
    expect(b.withOptions({ lookAhead: false }).ask('when is the next meeting').answers[0]?.text ?? '').not.toContain('meet again in Tallinn');
  });

  it('a question in the past tense does not look ahead, whatever its words', () => {
    expect(b.ask('when did the delegates arrive at the future headquarters').answers[0]?.text).toContain('arrived at the future headquarters');
  });

  it('is refused when no sentence that supports it speaks of what is to come', () => {
    const past = Briefing.fromCorpus(
      buildCorpus(parseSeeds([{ file: 'a.txt', content: seedFile('Hall opens', 'The meeting hall opened in 1962. Its first meeting was a lecture on rivers.', '2016-06-01') }]).articles),
    );
    expect(past.ask('when is the next meeting').kind).toBe('no_answer');
    expect(past.withOptions({ aheadNeedsFuture: false }).ask('when is the next meeting').kind).toBe('answer');
    // Looking back, the same corpus answers.
    expect(past.ask('when was the first meeting').kind).toBe('answer');
  });

  it('a sentence saying what will happen answers it, with no date of its own', () => {
    const future = Briefing.fromCorpus(
      buildCorpus(parseSeeds([{ file: 'a.txt', content: seedFile('Hall opens', 'The meeting hall opened in 1962. The next meeting will take place at the Kessler library.', '2016-06-01') }]).articles),
    );
    expect(future.ask('where is the next meeting').answers[0]?.text).toBe('The next meeting will take place at the Kessler library.');
  });
});

describe('courtesy', () => {
  it('is read past: a summary asked politely, thanks after an answer, a question after a greeting', async () => {
    const b = await seedBriefing();
    expect(b.ask('summary pls')).toMatchObject({ kind: 'answer', mode: 'summary' });
    expect(b.ask('ok thanks!')).toMatchObject({ kind: 'no_answer', reason: 'small_talk' });
    expect(b.ask('hey, who is Guo Shengkun?').answers[0]?.text).toBe(b.ask('who is Guo Shengkun').answers[0]?.text);
  });
});

describe('a question about one meeting', () => {
  const b = Briefing.fromCorpus(
    buildCorpus(
      parseSeeds([
        {
          file: 'a.txt',
          content: seedFile('Summit in Riga', 'Officials from both sides were present at the summit held in Riga, and both sides plan to meet again in Tallinn in May of 2016.', '2015-12-04'),
        },
        {
          file: 'b.txt',
          content: seedFile('Talks in Tallinn', 'Foreign Minister Jaan Tamm said the talks in Tallinn this week had gone well. Minister Tamm attended with his deputy, Mari Kask.', '2016-05-20'),
        },
      ]).articles,
    ),
  );

  it('is answered by the reports of that meeting, not by a plan that names its place', () => {
    const r = b.ask('who was at the Tallinn meeting');
    expect(r.answers[0]?.source.title).toBe('Talks in Tallinn');
    expect(r.roster?.map((e) => e.source.title)).toEqual(['Talks in Tallinn']);
  });

  it('the place where the earlier meeting was held still picks it', () => {
    expect(b.ask('who was at the Riga summit').answers[0]?.source.title).toBe('Summit in Riga');
  });
});

describe('a misspelled attendance word', () => {
  it('"who atended" asks who attended, as the spelling corrector reads it', () => {
    const b = Briefing.fromCorpus(
      buildCorpus(parseSeeds([{ file: 'a.txt', content: seedFile('Talks', 'Minister Ana Ruiz attended the harbor talks in Lisbon. The harbor was calm.') }]).articles, { wordnet: null }),
    );
    const r = b.ask('who atended the harbor talks');
    expect(r.kind).toBe('answer');
    expect(r.roster?.length).toBeGreaterThan(0);
  });
});

describe('when an event happened, from the first report of it', () => {
  const corpusOf = (...files: [string, string, string][]) =>
    Briefing.fromCorpus(buildCorpus(parseSeeds(files.map(([published, title, body], i) => ({ file: `a${i}.txt`, content: seedFile(title, body, published) }))).articles, { wordnet: null }));
  // The later article mentions the treaty more prominently (first, and its only subject); the earlier one reports it.
  const b = corpusOf(
    ['2020-03-10', 'Harbor treaty', 'Ministers from both ports announced the harbor treaty after long talks. Fishing fleets welcomed it.'],
    ['2021-01-05', 'A year on', 'The harbor treaty is still praised. Trade rose through the year.'],
  );

  it('a when-question answered by undated sentences is answered by the earliest report, and dated by it', () => {
    const r = b.ask('when was the harbor treaty signed');
    expect(r.answers[0].text).toContain('announced the harbor treaty');
    expect(r.reportedOn).toBe('2020-03-10');
  });

  it('without the rule the later mention answers, dated a year late', () => {
    const r = b.withOptions({ earliestReport: false }).ask('when was the harbor treaty signed');
    expect(r.answers[0].text).toContain('still praised');
    expect(r.reportedOn).toBe('2021-01-05');
  });

  it('a who-question about something done is answered by the earliest report too', () => {
    const c = corpusOf(
      ['2020-03-10', 'Harbor treaty', 'After months of long and difficult talks with the fishing guild and the port authority, Mayor Ana Ruiz signed the harbor treaty.'],
      ['2021-01-05', 'A year on', 'Lee Park: harbor treaty signed.'],
    );
    expect(c.ask('who signed the harbor treaty').answers[0].text).toContain('Ana Ruiz');
    expect(c.withOptions({ earliestReport: false }).ask('who signed the harbor treaty').answers[0].text).toContain('Lee Park');
  });

  it('on the seeds, "when was the deal signed" is dated by the September 2015 report of it, not a 2013 executive order', async () => {
    const r = (await seedBriefing()).ask('when was the deal signed');
    expect(r.answers[0].text).toContain('announcement of the deal');
    expect(r.reportedOn?.slice(0, 7)).toBe('2015-09');
  });
});

describe('further answers', () => {
  // The first article answers the whole question; the second only says a ferry sailed (about a quarter of the question's weight).
  const b = Briefing.fromCorpus(
    buildCorpus(
      parseSeeds([
        { file: 'a.txt', content: seedFile('Ferries', 'The harbor ferry first sailed to the island in May 1901. Tickets were cheap.') },
        { file: 'b.txt', content: seedFile('Boats', 'In 1950 a new ferry sailed from the north quay. Nets dry on the quay.') },
      ]).articles,
      { wordnet: null },
    ),
  ).withOptions({ supportRatio: 0 });
  const q = 'when did the harbor ferry first sail to the island';

  it('a sentence below the refusal bar may still follow the best answer (minCoverageSupporting)', () => {
    const texts = b.ask(q).answers.map((a) => a.text);
    expect(texts[0]).toContain('May 1901');
    expect(texts[1]).toContain('new ferry sailed');
  });

  it('at the refusal bar it may not', () => {
    expect(
      b
        .withOptions({ minCoverageSupporting: 0.4 })
        .ask(q)
        .answers.map((a) => a.text),
    ).toEqual(['The harbor ferry first sailed to the island in May 1901.']);
  });
});

describe("a long question's main words (supportWords)", () => {
  const group = (word: string, idf: number): TermGroup => ({ word, alternatives: [], idf, known: true, factor: 1 });

  it('mainShare is the share of the idf its weightiest groups carry', () => {
    const groups = [group('a', 1), group('b', 4), group('c', 2), group('d', 3)];
    expect(mainShare(groups, 2)).toBeCloseTo(7 / 10);
    expect(mainShare(groups, 4)).toBe(1);
    expect(mainShare(groups, 9)).toBe(1);
    expect(mainShare(groups, 0)).toBe(1);
    expect(mainShare([], 3)).toBe(1);
  });

  // The lighthouse sentence holds the question's four rarest words; its eight further words each
  // occur once elsewhere, in a note of their own, so no sentence or passage holds several of them.
  const notes = ['The town grew.', 'The council met.', 'Winter came early.', 'A storm passed.', 'Boats were sold.', 'Fishing paid.', 'The harbor froze.', 'The market opened.'];
  const b = Briefing.fromCorpus(
    buildCorpus(
      parseSeeds([
        { file: 'light.txt', content: seedFile('Lighthouse', 'Keeper Mara Quill relit the Dunmore lighthouse lamp in 1921. Gulls nest on the rocks.') },
        ...notes.map((s, i) => ({ file: `note${i}.txt`, content: seedFile(`Note ${i}`, s) })),
      ]).articles,
      { wordnet: null },
    ),
  );
  const long = 'who relit the Dunmore lighthouse lamp when the town council opened the market after a winter storm sank the fishing boats in the harbor';

  it('a long question is answered by the sentence holding its main words', () => {
    expect(b.ask(long).answers[0]?.text).toBe('Keeper Mara Quill relit the Dunmore lighthouse lamp in 1921.');
  });

  it('measured against every word (supportWords 0) it is refused', () => {
    expect(b.withOptions({ supportWords: 0 }).ask(long).kind).toBe('no_answer');
  });

  it('a long question whose words lie scattered, one per sentence, is still refused', () => {
    expect(b.ask('when did the town council open the market after a winter storm sank the fishing boats in the harbor').kind).toBe('no_answer');
  });

  it('a short question is measured as before', () => {
    for (const words of [0, 6]) expect(b.withOptions({ supportWords: words }).ask('who relit the lighthouse lamp').kind).toBe('answer');
  });
});

describe('example questions (suggested in refusals, greetings and help)', () => {
  const corpusOf = (...bodies: string[]) =>
    Briefing.fromCorpus(buildCorpus(parseSeeds(bodies.map((body, i) => ({ file: `a${i}.txt`, content: seedFile(`Harbor news ${i}`, body, `2020-0${i + 1}-10`) }))).articles, { wordnet: null }));
  const b = corpusOf('Minister Lena Vogt opened the new quay on Monday. Lena Vogt said the quay took two years to build.', 'Mayor Piet Jansen praised the quay. Fishing boats returned to the harbor.');

  it('are questions this corpus answers: its most mentioned people first, then what is new', () => {
    expect(b.examples()).toEqual(['who is Lena Vogt', 'who is Piet Jansen', "what's new"]);
    for (const q of b.examples()) expect(b.ask(q).kind).toBe('answer');
  });

  it('a refusal suggests them, not questions about another corpus', () => {
    const r = b.ask('what is the capital of peru');
    expect(r.kind).toBe('no_answer');
    expect(r.suggestions).toEqual(b.examples());
    expect(corpusOf('President Ada Moreau opened a bakery in Lyon. Ada Moreau bakes rye bread.').ask('what is the capital of peru').suggestions).toEqual([
      'who is Ada Moreau',
      "what's new",
      'a summary',
    ]);
  });

  it('a corpus that names nobody suggests the rest it answers: what is new, and a summary (its titles say "harbor")', () => {
    expect(corpusOf('The quay opened on Monday. Boats returned to the harbor.').examples()).toEqual(["what's new", 'a summary']);
  });
});
