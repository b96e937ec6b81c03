import { PassThrough } from 'node:stream';
import { ConsoleAdapter, CONSOLE_CHANNEL } from '../../adapters/console';
import { lastDigestArticles, ledes, renderDigestFor } from '../../src/chat/commands/digest';
import { timelineOfCorpus } from '../../src/timeline/timeline';
import { Core, type CommandContext } from '../../src/chat/core';
import { anniversaries, buildDigest, milestoneItem } from '../../src/timeline/digest';

const milestoneText = (m: Milestone) => milestoneItem(m).text;
import { silentLogger } from '../../src/log';
import { renderText } from '../../src/chat/render/text';
import { DigestScheduler } from '../../src/state/schedule';
import { FileStateStore } from '../../src/state/file-store';
import type { Milestone } from '../../src/timeline/timeline';
import { seedBriefing, tempDir } from '../helpers';

const NOW = new Date('2026-06-10T09:00:00Z');

function ms(date: string, precision: Milestone['precision'], summary: string, status: Milestone['status'] = 'happened'): Milestone {
  return { date, precision, status, summary, sources: [{ id: 'x', title: 'T', publisher: 'P', published: '2016-06-14', sentence: summary }] };
}

describe('digest', () => {
  it('has the three sections, each line with its source; new articles with their lede, and the milestones they report', async () => {
    const b = await seedBriefing();
    const r = buildDigest({ timeline: timelineOfCorpus(b.corpus), articles: b.sources(), previousArticleIds: ['000_73ef5601eff20915'], now: NOW, summaryOf: ledes(b) });
    const headings = r.blocks.filter((x) => x.type === 'heading').map((x) => (x as { text: string }).text);
    expect(headings).toEqual(['Weekly digest — 10 Jun 2026', 'New since the last digest', 'Coming up', "This week in the story's history", 'Latest milestones']);
    const lists = r.blocks.filter((x) => x.type === 'list');
    for (const l of lists) for (const i of (l as { items: { source?: unknown }[] }).items) expect(i.source).toBeDefined();
    const text = renderText(r);
    expect(text).toContain('10 years ago — 14 Jun 2016');
    expect(text).toContain('China, U.S. making moves to implement cybersecurity agreements');
    // 4 new articles (one was in the previous digest), each with its first sentence
    const fresh = (lists[0] as { items: { text: string; source: { id: string } }[] }).items;
    expect(fresh).toHaveLength(4);
    for (const i of fresh) expect(i.text).toContain(ledes(b)(i.source.id)!.slice(0, 40));
    // New milestones: those only new articles report (none the old article reports too).
    expect(text).toContain('New milestones reported:');
    const reported = (lists[1] as { items: { source: { id: string } }[] }).items;
    expect(reported.length).toBeGreaterThan(0);
    const tl = timelineOfCorpus(b.corpus);
    for (const i of reported) expect(tl.find((m) => milestoneText(m) === (i as unknown as { text: string }).text)!.sources.map((x) => x.id)).not.toContain('000_73ef5601eff20915');
    // The timeline is cut to the latest, with a pointer to `timeline`.
    expect(text).toMatch(/earlier milestones: ask `timeline` for all \d+/);
  });

  it("a channel's first digest lists as new this week the articles taken in from feeds in the past seven days", () => {
    const old = { id: 'seed', title: 'Old seed', publisher: 'P', published: '2015-09' };
    const kept = { id: 'feed-1', title: 'Fresh from a feed', publisher: 'Wire', published: '2017-10-06', url: 'https://news.example/a' };
    const stale = { id: 'feed-2', title: 'Taken in a month ago', publisher: 'Wire', published: '2017-01-01' };
    const added: Record<string, string> = { 'feed-1': '2026-06-08T10:00:00.000Z', 'feed-2': '2026-05-01T10:00:00.000Z' };
    const r = buildDigest({ timeline: [], articles: [old, kept, stale], now: NOW, addedOf: (id) => added[id], summaryOf: () => 'The lede.' });
    const text = renderText(r);
    expect(text).toContain('== New this week ==');
    expect(text).toContain('First digest in this channel: the briefing draws on 3 articles.');
    expect(text).toContain('1 new article:\n  • Fresh from a feed — The lede.\n      (Fresh from a feed — Wire, 6 Oct 2017 <https://news.example/a>)');
    expect(text).not.toContain('Taken in a month ago');
    // Without articles from feeds this week, it says what the briefing holds.
    expect(renderText(buildDigest({ timeline: [], articles: [old], now: NOW }))).toContain('== What the briefing holds ==');
  });

  it('a week with nothing new says so in one line instead of repeating the timeline', () => {
    const article = { id: 'x', title: 'T', publisher: 'P', published: '2016-06-14' };
    const r = buildDigest({ timeline: [ms('2015-09', 'month', 'Visit')], articles: [article], previousArticleIds: ['x'], now: new Date('2026-03-02T00:00:00Z') });
    expect(renderText(r)).toBe('== Weekly digest — 2 Mar 2026 ==\nNothing new since the last digest: no new articles and no new milestones. Ask `timeline` for every milestone.');
    // An anniversary that week is still said.
    const june = buildDigest({ timeline: [ms('2016-06-14', 'day', 'Talks')], articles: [article], previousArticleIds: ['x'], now: NOW });
    expect(renderText(june)).toContain('10 years ago — 14 Jun 2016 — Talks');
    expect(renderText(june)).not.toContain('Latest milestones');
  });

  it('anniversaries: day precision by the day, month precision by the 1st, never year-only or planned', () => {
    const tl = [ms('2016-06-14', 'day', 'a'), ms('2015-06', 'month', 'b'), ms('2014', 'year', 'c'), ms('2016-06-12', 'day', 'd', 'planned'), ms('2016-06-20', 'day', 'e')];
    expect(anniversaries(tl, new Date('2026-06-10T00:00:00Z'), 7).map((x) => x.m.summary)).toEqual(['a']);
    expect(anniversaries(tl, new Date('2026-05-28T00:00:00Z'), 7).map((x) => x.m.summary)).toEqual(['b']);
  });

  it('counts "this week" and dates the digest by the day in DIGEST_TIMEZONE', () => {
    const tl = [ms('2016-06-16', 'day', 'sixteenth'), ms('2016-06-09', 'day', 'ninth')];
    // 23:30 UTC on 9 June is already 10 June in Tokyo, still 9 June in New York.
    const now = new Date('2026-06-09T23:30:00Z');
    expect(anniversaries(tl, now, 7).map((x) => x.m.summary)).toEqual(['ninth']);
    expect(anniversaries(tl, now, 7, 'America/New_York').map((x) => x.m.summary)).toEqual(['ninth']);
    expect(anniversaries(tl, now, 7, 'Asia/Tokyo').map((x) => x.m.summary)).toEqual(['sixteenth']);
    const heading = (timeZone?: string) => buildDigest({ timeline: tl, articles: [], now, timeZone }).blocks[0];
    expect(heading()).toEqual({ type: 'heading', text: 'Weekly digest — 9 Jun 2026' });
    expect(heading('Asia/Tokyo')).toEqual({ type: 'heading', text: 'Weekly digest — 10 Jun 2026' });
  });

  it('stays bounded as the corpus grows (timeline and new-article lists are capped)', () => {
    const tl = Array.from({ length: 500 }, (_, i) => ms(`${2000 + (i % 20)}-0${1 + (i % 9)}`, 'month', `event ${i} `.repeat(20)));
    const articles = Array.from({ length: 2000 }, (_, i) => ({ id: `a${i}`, title: `Article ${i}`, publisher: 'P', published: '2020-01' }));
    const r = buildDigest({ timeline: tl, articles, previousArticleIds: ['a0'], now: NOW });
    const items = r.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(items.length).toBeLessThanOrEqual(10 + 10 + 5 + 50);
    expect(renderText(r)).toContain('…and 1989 more');
    expect(renderText(r)).toContain('495 earlier milestones');
  });
});

describe('subscribe / unsubscribe / subscriptions through the core', () => {
  async function setup() {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    const briefing = await seedBriefing();
    const core = new Core(briefing, { digest: { store, clock: () => NOW, describeSchedule: () => 'every Monday at 09:00 UTC' } });
    return { core, store, dir };
  }
  const ctx = (id: string, canManage = true): CommandContext => ({ channel: { platform: 'discord', id, team: 'G', name: `ch-${id}` }, canManage });

  it('adds and removes the channel, with clear replies', async () => {
    const { core, store } = await setup();
    expect(renderText(await core.handleText('subscribe', ctx('1')))).toContain('Subscribed: #ch-1 will get the weekly digest every Monday at 09:00 UTC');
    expect(renderText(await core.handleText('subscribe', ctx('1')))).toContain('already subscribed');
    await core.handleText('subscribe', ctx('2'));
    const list = renderText(await core.handleText('subscriptions', ctx('1')));
    expect(list).toContain('#ch-1');
    expect(list).toContain('#ch-2');
    expect(renderText(await core.handleText('unsubscribe', ctx('1')))).toContain('Unsubscribed');
    expect(renderText(await core.handleText('unsubscribe', ctx('1')))).toContain('was not subscribed');
    expect(store.read().subscriptions.map((s) => s.channel.id)).toEqual(['2']);
  });

  it('requires permission to manage the channel', async () => {
    const { core, store } = await setup();
    const r = await core.handleText('subscribe', ctx('1', false));
    expect(r.visibility).toBe('private');
    expect(renderText(r)).toContain('Manage Channels');
    expect(store.read().subscriptions).toEqual([]);
  });

  it('concurrent subscribe calls from many channels lose nothing', async () => {
    const { core, dir } = await setup();
    await Promise.all(Array.from({ length: 25 }, (_, i) => core.handleText('subscribe', ctx(String(i)))));
    const { store } = await FileStateStore.open(dir);
    expect(store.read().subscriptions).toHaveLength(25);
  });

  it('timeline and digest commands render', async () => {
    const { core } = await setup();
    // The words come from the articles' titles, not from the code.
    expect(renderText(await core.handleText('timeline', ctx('1')))).toContain('Timeline: US and China agree to work together on cybersecurity (10 milestones)');
    const preview = await core.handleText('digest', ctx('1'));
    expect(preview.visibility).toBe('public');
    expect(renderText(preview)).toContain('Weekly digest: US and China agree to work together on cybersecurity');
    expect(renderText(preview)).toContain('== The story in brief ==');
    // The preview says when this channel gets it: not subscribed, then its own schedule.
    expect(renderText(preview)).toContain('Preview. This channel is not subscribed; subscribed channels get this every Monday at 09:00 UTC');
    await core.handleText('subscribe', ctx('1'));
    expect(renderText(await core.handleText('digest', ctx('1')))).toMatch(/Preview\. This channel gets it every Monday at 09:00 UTC/);
  });
});

describe('end to end in the terminal: subscribe, then the schedule delivers by printing', () => {
  it('prints the digest once for the slot and records what it covered', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    const briefing = await seedBriefing();
    const core = new Core(briefing, { digest: { store, clock: () => NOW, describeSchedule: () => 'weekly' } });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const adapter = new ConsoleAdapter(core, { input, output, interactive: false });
    await adapter.start();
    input.write('subscribe\n');
    await new Promise((r) => setTimeout(r, 50));
    await adapter.idle();
    const scheduler = new DigestScheduler(
      {
        store,
        clock: () => NOW,
        deliver: (c, r) => adapter.send(c, r),
        render: renderDigestFor(briefing, () => timelineOfCorpus(briefing.corpus)),
        articleIds: () => briefing.corpus.articles.map((a) => a.id),
        log: silentLogger(),
      },
      { cron: '0 9 * * 3', timezone: 'UTC', catchupHours: 24, attempts: 2, retryBaseMs: 1 },
    );
    expect(await scheduler.catchUp()).toEqual(['sent']);
    expect(await scheduler.catchUp()).toEqual(['skipped']);
    await scheduler.stop();
    await adapter.stop();
    expect(printed.match(/Weekly digest/g)).toHaveLength(1);
    expect(await lastDigestArticles(store, CONSOLE_CHANNEL)).toHaveLength(5);
  });
});
