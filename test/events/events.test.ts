import { readFileSync, readdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeed } from '../../src/corpus/seeds';
import { buildEvents, datesAgree, eventsAfterChange, eventsOfCorpus, eventWhen, storyInBrief, storyVocabulary, subjectOf, type StoryEvent } from '../../src/events/events';
import { loadBriefing, loadChanged } from '../../src/answering/load';
import { Briefing } from '../../src/answering/briefing';
import { extractTimeline } from '../../src/timeline/timeline';
import { SEEDS, seedFile, tempDir } from '../helpers';

const article = (n: number, title: string, body: string, published: string) => parseSeed(`a${n}.txt`, seedFile(title, body, published, 'Wire'));

describe('events: one event, many reports', () => {
  // Three wire stories about one set of talks, on three days; one about a market on the last day.
  const talks = [
    article(1, 'Grain talks open in Geneva', 'GENEVA, May 4 - Talks between Ruritania and Freedonia on grain export quotas opened here today, delegates said.', '1990-05-04'),
    article(2, 'Grain talks continue', 'GENEVA, May 5 - The Ruritania and Freedonia talks on grain quotas continued into a second day, delegates said.', '1990-05-05'),
    article(
      3,
      'Grain talks end without accord',
      'GENEVA, May 6 - The grain talks between Ruritania and Freedonia ended without agreement on export quotas, delegates said. The two sides will meet again in September.',
      '1990-05-06',
    ),
    article(4, 'Grain prices fall after Geneva talks', 'CHICAGO, May 7 - Grain futures fell sharply today, traders said.', '1990-05-07'),
  ];
  const corpus = buildCorpus(talks);
  const { events, subject } = buildEvents(corpus);

  it('daily reports of one meeting are one event, with every source, from its first day to its last', () => {
    const geneva = events.filter((e) => e.place === 'Geneva' && e.kind === 'meeting' && e.status === 'happened');
    expect(geneva).toHaveLength(1);
    expect(new Set(geneva[0].sources.map((s) => s.id))).toEqual(new Set(['a1', 'a2', 'a3']));
    expect(eventWhen(geneva[0])).toBe('4–6 May 1990');
  });

  it('the plan it made is an event of its own, planned, and comes next in the story in brief', () => {
    const plan = events.find((e) => e.status === 'planned');
    expect(plan).toMatchObject({ kind: 'meeting', date: { iso: '1990-09', precision: 'month' } });
    const brief = storyInBrief(events);
    expect(brief.central?.place).toBe('Geneva');
    expect(brief.next).toBe(plan);
  });

  it('the subject is in the words the titles share', () => {
    expect(subject.terms).toEqual(expect.arrayContaining(['grain', 'talk']));
    // The stretch of a title that holds most of them, as written.
    expect(subjectOf(corpus).words).toBe('Grain talks open in Geneva');
  });

  it('dates agree within a span, not across it', () => {
    const day = (iso: string) => ({ iso, precision: 'day' as const });
    expect(datesAgree(day('1990-05-04'), day('1990-05-06'), 2)).toBe(true);
    expect(datesAgree(day('1990-05-04'), day('1990-05-09'), 2)).toBe(false);
    expect(datesAgree({ iso: '1990-05', precision: 'month' }, day('1990-05-20'), 2)).toBe(true);
    // Talks "in February" that ended on 2 March.
    expect(datesAgree({ iso: '1987-02', precision: 'month' }, day('1987-03-02'), 2)).toBe(true);
    expect(datesAgree({ iso: '1987-02', precision: 'month' }, day('1987-03-09'), 2)).toBe(false);
  });
});

describe('milestones: news or what several articles report, not one aside in a large corpus', () => {
  const aside = 'Grain prices rose, traders said. The two countries had signed a grain pact in Geneva in 1975, officials said.';
  const filler = (n: number) =>
    article(
      n,
      `Grain market report ${n}`,
      `CHICAGO, May ${1 + (n % 28)} - Grain futures moved little today as traders waited for news of export quotas, dealers said.`,
      `1990-05-${String(1 + (n % 28)).padStart(2, '0')}`,
    );
  const pact = (corpus: ReturnType<typeof buildCorpus>) => buildEvents(corpus).events.find((e) => e.date?.iso === '1975');

  it('an aside one of five articles makes is a milestone', () => {
    const corpus = buildCorpus([article(0, 'Grain quotas', aside, '1990-05-01'), ...[1, 2, 3, 4].map(filler)]);
    expect(pact(corpus)).toMatchObject({ kind: 'agreement', milestone: true });
  });

  it('the same aside in one of sixty articles is background', () => {
    const corpus = buildCorpus([article(0, 'Grain quotas', aside, '1990-05-01'), ...Array.from({ length: 59 }, (_x, i) => filler(i + 1))]);
    expect(pact(corpus)).toMatchObject({ kind: 'agreement', milestone: false });
  });
});

describe('a later report updates a plan', () => {
  it('a meeting planned by one article and reported held by a later one is one event that happened, the latest report named', () => {
    const corpus = buildCorpus([
      article(1, 'Trade talks set', 'Ruritania and Freedonia will hold trade talks in Geneva in June 1990, officials said.', '1990-03-01'),
      article(2, 'Trade talks held', 'GENEVA, June 12 - Ruritania and Freedonia held trade talks in Geneva today and agreed to cut tariffs on grain.', '1990-06-12'),
    ]);
    const { events } = buildEvents(corpus);
    const talks = events.filter((e) => e.kind === 'meeting' || e.kind === 'agreement');
    expect(talks).toHaveLength(1);
    expect(talks[0].status).toBe('happened');
    expect(talks[0].sources.map((s) => s.id).sort()).toEqual(['a1', 'a2']);
    expect(talks[0].latest?.id).toBe('a2');
    expect(talks[0].decisions.join(' ')).toContain('agreed to cut tariffs on grain');
  });
});

describe('a feed article never breaks an old event', () => {
  const seeds = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => parseSeed(f, readFileSync(path.join(SEEDS, f), 'utf8')));
  const followUp = parseSeed(
    'feed-2017.txt',
    seedFile(
      'US and China plan a new round of cybersecurity talks',
      'The United States and China will hold their next law enforcement and cybersecurity dialogue in Washington in March 2018, officials said. The dialogue will be attended by Attorney General Jeff Sessions, Homeland Security Secretary Elaine Duke and Chinese Minister of Public Security Zhao Kezhi.',
      '2017-10-06',
    ),
  );
  const before = extractTimeline(buildCorpus(seeds));
  const withFeed = buildCorpus([...seeds, followUp]);
  const after = extractTimeline(withFeed);

  it('every old timeline line stays as it was', () => {
    for (const m of before) expect(after.map((x) => `${x.date} ${x.summary}`)).toContain(`${m.date} ${m.summary}`);
  });

  it('"when is the next meeting" answers from the article that plans it', () => {
    const r = Briefing.fromCorpus(withFeed).ask('when is the next meeting');
    expect(r.kind).toBe('answer');
    expect(r.answers[0].source.id).toBe('feed-2017');
    expect(r.answers[0].event).toMatchObject({ status: 'planned', date: '2018-03', place: 'Washington' });
  });
});

describe('two events side by side', () => {
  it('"what changed between the 2013 talks and the 2015 deal" answers with what each decided, the earlier first', async () => {
    const { seedBriefing } = await import('../helpers');
    const r = (await seedBriefing()).ask('what changed between the 2013 talks and the 2015 deal');
    expect(r.answers.map((a) => a.event?.date)).toEqual(['2013-04', '2015-09']);
    expect(r.answers[0].text).toContain('agreed on the need to speed up action on cyber security');
  });
});

describe('events of a corpus changed by a few articles (eventsAfterChange, Briefing.changed)', () => {
  // Sixty wire stories: six rounds of grain talks, each in its own city and month, reported on three days by ten articles.
  const CITIES = ['Geneva', 'London', 'Paris', 'Rome', 'Vienna', 'Madrid'];
  const story = (n: number, city: string, month: number, day: number) =>
    seedFile(
      `Grain talks in ${city}`,
      `${city.toUpperCase()}, ${['May', 'June', 'July', 'August', 'September', 'October'][month]} ${day} - Delegates of Ruritania and Freedonia held talks on grain export quotas in ${city} today, officials said. Report ${n} of the round.`,
      `1990-${String(month + 5).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      'Wire',
    );
  const files = CITIES.flatMap((city, m) => Array.from({ length: 10 }, (_, k) => ({ file: `a${m}${k}.txt`, content: story(m * 10 + k, city, m, 4 + (k % 3)) })));
  const lisbon = {
    file: 'b_lisbon.txt',
    content: seedFile(
      'Grain talks move to Lisbon',
      'LISBON, November 3 - Delegates of Ruritania and Freedonia held talks on grain export quotas in Lisbon today, officials said.',
      '1990-11-03',
      'Wire',
    ),
  };
  const geneva = { file: 'a0x.txt', content: story(99, 'Geneva', 0, 5) };
  const parse = (fs: { file: string; content: string }[]) => fs.map((f) => parseSeed(f.file, f.content));

  it('keeps the events the changed articles do not report, joins their reports to the events they report, and drops what only a removed one reported', () => {
    const before = buildCorpus(parse(files));
    const old = buildEvents(before);
    const removed = 'a30';
    const after = buildCorpus(parse([...files.filter((f) => f.file !== `${removed}.txt`), lisbon, geneva]));
    const changed = new Set([removed, 'b_lisbon', 'a0x']);
    const { events } = eventsAfterChange(old, after, changed);
    const meeting = (list: readonly StoryEvent[], place: string) => list.filter((e) => e.place === place && e.kind === 'meeting');
    // Untouched: the very same events.
    for (const city of ['London', 'Paris', 'Vienna', 'Madrid']) expect(meeting(events, city)[0]).toBe(meeting(old.events, city)[0]);
    // A new report of the Geneva talks joins them; the removed report of the Rome talks is gone from them.
    expect(meeting(events, 'Geneva')).toHaveLength(1);
    expect(meeting(events, 'Geneva')[0].sources.map((s) => s.id)).toContain('a0x');
    expect(meeting(events, 'Geneva')[0].articles).toBe(11);
    expect(meeting(events, 'Rome')[0].sources.map((s) => s.id)).not.toContain(removed);
    expect(meeting(events, 'Rome')[0].articles).toBe(9);
    // The new round is an event, a milestone, as a full build makes it.
    expect(meeting(events, 'Lisbon')[0]).toMatchObject({ date: { iso: '1990-11-03', precision: 'day' }, milestone: true });
    const full = buildEvents(after).events;
    const milestones = (list: readonly StoryEvent[]) => list.filter((e) => e.milestone).map((e) => `${e.date?.iso} ${e.place} ${e.articles}`);
    expect(milestones(events)).toEqual(milestones(full));
  });

  it('a briefing changed by one article of many reads the events and the words of the corpus before, not all its reports again', async () => {
    const dir = await tempDir();
    for (const f of files) await fs.writeFile(path.join(dir, f.file), f.content);
    const cacheDir = await tempDir();
    const previous = await loadBriefing({ seedsDir: dir, cacheDir });
    const oldEvents = eventsOfCorpus(previous.briefing.corpus).events;
    await fs.writeFile(path.join(dir, lisbon.file), lisbon.content);
    const changed = (await loadChanged({ seedsDir: dir, cacheDir, previous, maxShare: 1 }))!;
    const events = eventsOfCorpus(changed.briefing.corpus).events;
    expect(events.find((e) => e.place === 'London')).toBe(oldEvents.find((e) => e.place === 'London'));
    expect(events.some((e) => e.place === 'Lisbon')).toBe(true);
    expect(changed.briefing.ask('where did they meet in November').answers[0].text).toContain('Lisbon');
    // The words each article uses, counted again for the changed article only, are those a full build counts.
    const full = (await loadBriefing({ seedsDir: dir })).briefing;
    expect(storyVocabulary(changed.briefing.corpus).df).toEqual(storyVocabulary(full.corpus).df);
    // And a start from the cache reads the counts it kept.
    const cached = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(storyVocabulary(cached.briefing.corpus).df).toEqual(storyVocabulary(full.corpus).df);
  }, 120_000);

  it('in a small corpus, where one article moves every weight, the events are built again', async () => {
    const dir = await tempDir();
    for (const f of files.slice(0, 10)) await fs.writeFile(path.join(dir, f.file), f.content);
    const previous = await loadBriefing({ seedsDir: dir, cacheDir: await tempDir() });
    const oldEvents = eventsOfCorpus(previous.briefing.corpus).events;
    await fs.writeFile(path.join(dir, lisbon.file), lisbon.content);
    const changed = (await loadChanged({ seedsDir: dir, previous, maxShare: 1 }))!;
    const events = eventsOfCorpus(changed.briefing.corpus).events;
    expect(events.some((e) => oldEvents.includes(e))).toBe(false);
    expect(events.map((e) => e.summary)).toEqual(buildEvents(changed.briefing.corpus).events.map((e) => e.summary));
  }, 120_000);
});
