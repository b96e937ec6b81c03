import { needsManager, parseCommand } from '../../src/chat/commands';
import { Core, type CommandContext } from '../../src/chat/core';
import { renderText } from '../../src/chat/render/text';
import { FileStateStore } from '../../src/state/file-store';
import { seedBriefing, tempDir } from '../helpers';

const NOW = new Date('2026-11-23T09:00:00Z');
const ctx = (canManage: boolean): CommandContext => ({ channel: { platform: 'slack', id: 'C1', team: 'T1', name: '#news' }, canManage });

async function setup(configured: string[] = [], allowPrivate = false) {
  const { store } = await FileStateStore.open(await tempDir());
  let polls = 0;
  const core = new Core(await seedBriefing(), {
    feeds: { store, configured, clock: () => NOW, pollNow: async () => void polls++, intervalMs: 3_600_000, allowPrivate },
  });
  const say = async (text: string, manage = true) => renderText(await core.handleText(text, ctx(manage)));
  return { store, say, polls: () => polls };
}

describe('the feeds command', () => {
  it('parses its arguments; a platform-wrapped link is read as the address', () => {
    expect(parseCommand('feeds')).toEqual({ type: 'feeds' });
    expect(parseCommand('feeds add https://example.com/rss.xml')).toEqual({ type: 'feeds', args: 'add https://example.com/rss.xml' });
    expect(parseCommand('FEEDS remove https://example.com/rss.xml')).toMatchObject({ type: 'feeds', args: 'remove https://example.com/rss.xml' });
    expect(parseCommand('feeds add <https://example.com/rss.xml>')).toEqual({ type: 'feeds', args: 'add https://example.com/rss.xml' });
    expect(parseCommand('feeds add <https://example.com/rss.xml|example.com/rss.xml>')).toEqual({ type: 'feeds', args: 'add https://example.com/rss.xml' });
    // Commands without arguments stay a question when words follow.
    expect(parseCommand('timeline of the talks')).toEqual({ type: 'ask', question: 'timeline of the talks' });
  });

  it('which uses need a manager (a surface asks the platform only then)', () => {
    for (const t of ['subscribe', 'subscribe friday 4pm', 'unsubscribe', 'pause', 'resume', 'feeds add https://a.example/x', 'feeds remove https://a.example/x'])
      expect([t, needsManager(parseCommand(t))]).toEqual([t, true]);
    for (const t of ['feeds', 'feeds please', 'subscriptions', 'digest', 'who attended', 'help']) expect([t, needsManager(parseCommand(t))]).toEqual([t, false]);
  });

  it('lists none, adds one (read at once), lists it, refuses a second copy, removes it; each reply says what happened', async () => {
    const { say, store, polls } = await setup(['https://operator.example/feed.xml']);
    expect(await say('feeds')).toContain('https://operator.example/feed.xml (set by the operator)');
    expect(await say('feeds add https://news.example/rss.xml')).toContain('Added https://news.example/rss.xml: it is read now and then every 60 minutes');
    expect(polls()).toBe(1);
    expect(await store.feeds()).toEqual([{ url: 'https://news.example/rss.xml', at: NOW.toISOString(), addedBy: 'slack:C1' }]);
    const list = await say('feeds');
    expect(list).toContain('The bot reads 2 news feeds, every 60 minutes');
    expect(list).toContain('https://news.example/rss.xml');
    expect(await say('feeds add https://news.example/rss.xml')).toContain('is already read');
    expect(await say('feeds remove https://operator.example/feed.xml')).toContain('can only be removed there');
    expect(await say('feeds remove https://news.example/rss.xml')).toContain('Removed https://news.example/rss.xml');
    expect(await say('feeds remove https://news.example/rss.xml')).toContain('is not among the feeds added from chat');
    expect(await store.feeds()).toEqual([]);
  });

  it('only managers change the list; anyone lists it', async () => {
    const { say, store } = await setup();
    expect(await say('feeds', false)).toContain('No news feeds are read yet');
    expect(await say('feeds add https://news.example/rss.xml', false)).toContain('Only those who may manage digests can change the news feeds');
    expect(await store.feeds()).toEqual([]);
  });

  it('"feeds add" reads the feed at once and says what it gave, or that it could not be read', async () => {
    const { store } = await FileStateStore.open(await tempDir());
    let report: { byFeed: Record<string, { items: number; kept: number; skipped: Record<string, number>; error?: string }> } = { byFeed: {} };
    const core = new Core(await seedBriefing(), { feeds: { store, configured: [], clock: () => NOW, pollNow: async () => report, intervalMs: 3_600_000, allowPrivate: true } });
    const say = async (text: string) => renderText(await core.handleText(text, ctx(true)));
    report = { byFeed: { 'https://news.example/rss.xml': { items: 5, kept: 3, skipped: { irrelevant: 1, duplicate: 1 } } } };
    expect(await say('feeds add https://news.example/rss.xml')).toContain(
      "Added https://news.example/rss.xml and read it: 5 items, 3 articles kept; skipped: 1 not on the story's subject, 1 already kept. It is read again every 60 minutes",
    );
    report = { byFeed: { 'https://down.example/rss.xml': { items: 0, kept: 0, skipped: {}, error: 'HTTP 503' } } };
    expect(await say('feeds add https://down.example/rss.xml')).toContain('Added https://down.example/rss.xml, but it could not be read just now (HTTP 503); it is tried again every 60 minutes');
    // A read that takes longer than the wait: said without its result.
    const slow = new Core(await seedBriefing(), {
      feeds: { store, configured: [], clock: () => NOW, pollNow: () => new Promise(() => undefined), intervalMs: 3_600_000, allowPrivate: true, readWaitMs: 50 },
    });
    expect(renderText(await slow.handleText('feeds add https://slow.example/rss.xml', ctx(true)))).toContain('Added https://slow.example/rss.xml: it is read now and then every 60 minutes');
  });

  it('resolves the name before saying "Added": a name that does not resolve, or resolves to a private address, is refused', async () => {
    const { store } = await FileStateStore.open(await tempDir());
    const dns: Record<string, string[]> = { 'news.example': ['93.184.216.34'], 'inside.example': ['10.0.0.5'] };
    const resolve = async (host: string) => {
      if (dns[host]) return dns[host];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const core = new Core(await seedBriefing(), { feeds: { store, configured: [], clock: () => NOW, pollNow: async () => undefined, intervalMs: 3_600_000, allowPrivate: false, resolve } });
    const say = async (text: string) => renderText(await core.handleText(text, ctx(true)));
    expect(await say('feeds add https://nowhere.example/rss.xml')).toContain('nowhere.example cannot be found (ENOTFOUND): check the address. Nothing was added.');
    expect(await say('feeds add https://inside.example/rss.xml')).toContain('inside.example resolves to a private or local address (10.0.0.5)');
    expect(await store.feeds()).toEqual([]);
    expect(await say('feeds add https://news.example/rss.xml')).toContain('Added https://news.example/rss.xml');
  });

  it('refuses what is not an http(s) address, private and local addresses (unless allowed), and explains its usage', async () => {
    const { say, store } = await setup();
    expect(await say('feeds add ftp://news.example/rss.xml')).toContain('is not an http or https address');
    expect(await say('feeds add javascript:alert(1)')).toContain('is not an http or https address');
    expect(await say('feeds add http://127.0.0.1:8080/feed')).toContain('127.0.0.1 is a private or local address');
    expect(await say('feeds add http://10.0.0.8/feed')).toContain('10.0.0.8 is a private or local address');
    expect(await say('feeds add http://localhost/feed')).toContain('localhost is a private or local address');
    expect(await say('feeds please')).toContain('Usage: feeds · feeds add URL · feeds remove URL');
    expect(await store.feeds()).toEqual([]);
    const open = await setup([], true);
    expect(await open.say('feeds add http://127.0.0.1:8080/feed')).toContain('Added');
  });
});
