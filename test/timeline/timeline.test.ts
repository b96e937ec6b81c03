import { buildCorpus } from '../../src/corpus/corpus';
import { parseSeed } from '../../src/corpus/seeds';
import { extractTimeline, summarize, type Milestone } from '../../src/timeline/timeline';
import { seedBriefing, seedFile } from '../helpers';

describe('timeline of the seeds', () => {
  let tl: Milestone[];
  beforeAll(async () => {
    const { extractTimeline: ex } = await import('../../src/timeline/timeline');
    tl = ex((await seedBriefing()).corpus);
  });
  const find = (date: string, text: RegExp) => tl.find((m) => m.date === date && (text.test(m.summary) || m.sources.some((s) => text.test(s.sentence))));

  it('is in date order with valid fields', () => {
    expect(tl.map((m) => m.date)).toEqual([...tl.map((m) => m.date)].sort());
    for (const m of tl) {
      expect(m.date).toMatch(/^\d{4}(-\d\d){0,2}$/);
      expect(['year', 'month', 'day']).toContain(m.precision);
      expect(m.sources.length).toBeGreaterThan(0);
      for (const s of m.sources) expect(s.sentence.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['2013-02', /Mandiant/, 'Computer Weekly'],
    ['2013-02', /executive order/, 'Computer Weekly'],
    ['2013-04', /working group/, 'Computer Weekly'],
    ['2010', /Google accused/, 'ITProPortal'],
    ['2014', /Justice department charged/, 'ITProPortal'],
    ['2015-06', /cooperate/, 'CNET'],
    ['2016-06-14', /.+/, 'The Stack'],
  ])('%s: %s from %s', (date, text, publisher) => {
    const m = find(date, text);
    expect(m).toBeDefined();
    expect(m!.sources.map((s) => s.publisher)).toContain(publisher);
    expect(m!.status).toBe('happened');
  });

  it("Xi Jinping's September 2015 visit is one milestone with two sources", () => {
    const sep = tl.filter((m) => m.date === '2015-09');
    expect(sep).toHaveLength(1);
    expect(sep[0].sources.map((s) => s.publisher).sort()).toEqual(['TechWeek Europe', 'The Stack']);
  });

  it('the May 2016 Beijing meeting is planned, as written in Dec 2015, in Beijing', () => {
    const m = find('2016-05', /meet again in Beijing/)!;
    expect(m.status).toBe('planned');
    expect(m.kind).toBe('meeting');
    expect(m.place).toBe('Beijing');
    expect(m.summary).toBe('Both countries plan to meet again in Beijing in May of 2016.');
  });

  it('the December 2015 dialogue says what was agreed there: the guidelines, the hotline, the exercise', () => {
    const m = tl.find((x) => x.date === '2015-12')!;
    expect(m.status).toBe('happened');
    expect(m.decisions!.join(' ')).toMatch(/hotline/);
    expect(m.decisions!.join(' ')).toMatch(/joint cybersecurity exercise/);
  });

  it('furniture is never a milestone', () => {
    const all = JSON.stringify(tl);
    for (const f of ['min read', 'Tue 14 Jun 2016', 'Image Credit', 'Lance Whitney']) expect(all).not.toContain(f);
  });

  it('one sentence is one milestone: a sentence naming two years is listed once, under its first', () => {
    const bySentence = new Map<string, string[]>();
    for (const m of tl) for (const src of m.sources) bySentence.set(src.sentence, [...(bySentence.get(src.sentence) ?? []), m.date]);
    for (const [sentence, dates] of bySentence) expect([sentence, new Set(dates).size]).toEqual([sentence, 1]);
  });

  it("an event that names none of the corpus's main actors (the UK's security strategy) is not a milestone of it", () => {
    expect(JSON.stringify(tl)).not.toContain('UK national security');
    // The rule is the corpus's own: in a corpus about Ruritania and Freedonia, a Graustark event is left out.
    const art = (n: number, extra = '') => parseSeed(`r${n}.txt`, seedFile(`Ruritania and Freedonia talks ${n}`, `Ruritania and Freedonia held talks on trade. ${extra}`, `2020-0${n}`));
    const t = extractTimeline(buildCorpus([art(1, 'Graustark adopted a new naval strategy in 2011.'), art(2, 'Ruritania and Freedonia first met in 2012.'), art(3)]));
    expect(t.map((m) => m.summary).join(' | ')).toContain('first met');
    expect(t.map((m) => m.summary).join(' | ')).not.toContain('Graustark');
  });

  it('the June 2016 milestone says where and why the talks were held, whole', () => {
    const m = find('2016-06-14', /.+/)!;
    expect(m.summary).toBe(
      'Chinese and U.S. government officials have revealed joint plans to bridge differences in the countries’ cybersecurity strategies, following talks regarding the reported Chinese hacking of U.S. companies (Beijing).',
    );
    // Every source the talks have: the lead and what the article dates "today" and "this week".
    expect(m.sources.length).toBeGreaterThan(1);
  });

  it('a summary too long for a line drops asides, then clauses without the date, before it is cut', () => {
    const aside = `Cyber attacks were rated a top threat – alongside ${'terrorism, floods and pandemics, '.repeat(3)}– in the strategy of 2010, which ${'the government reviewed at length, '.repeat(4)}and published.`;
    const s = summarize(aside, '2010', 120);
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s).toContain('in the strategy of 2010');
    expect(s).not.toContain('floods');
  });

  it('a new article adds its milestones with no code change', () => {
    const raw = parseSeed('new.txt', seedFile('Talks resume', 'Negotiators met in Geneva on 3 March 2017 to review the pact. They will meet again in October.', '2017-03-05'));
    const t = extractTimeline(buildCorpus([raw]));
    expect(t.map((m) => [m.date, m.status])).toEqual([
      ['2017-03-03', 'happened'],
      ['2017-10', 'planned'],
    ]);
  });
});
