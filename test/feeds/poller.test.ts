import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FeedArchive } from '../../src/feeds/archive';
import { DEFAULT_MIN_RELEVANCE } from '../../src/feeds/relevance';
import { FeedPoller, type PollReport } from '../../src/feeds/poller';
import { loadBriefing } from '../../src/answering/load';
import { parseSeed } from '../../src/corpus/seeds';
import { captureLogger, SEEDS, seedBriefing, tempDir } from '../helpers';
import { fixtureArticle, startNewsServer, type FeedEntryFixture, type NewsServer } from '../../scripts/news-server';

let server: NewsServer;
beforeEach(async () => {
  server = await startNewsServer();
});
afterEach(async () => {
  await server.close();
});

const DIALOGUE = { id: 'urn:fixture:dialogue', path: '/news/dialogue', title: 'US and China hold second high-level dialogue on cybercrime', published: '2016-06-15' };
const DECLINE = { id: 'urn:fixture:decline', path: '/news/decline', title: 'Chinese hacking of US companies fell after the cyber agreement', published: '2016-06-21' };
const LAW = { id: 'urn:fixture:law', path: '/news/law', title: 'Washington and Beijing hold law enforcement and cybersecurity dialogue', published: '2017-10-06' };
const FOOTBALL = { id: 'urn:fixture:football', path: '/sport/final', title: 'Late goal sends United into the cup final', published: '2026-11-20' };

function serveArticles(): void {
  server.article(fixtureArticle('relevant/dialogue-2016', DIALOGUE.path));
  server.article(fixtureArticle('relevant/hacking-decline', DECLINE.path));
  server.article(fixtureArticle('relevant/law-enforcement-2017', LAW.path));
  server.article(fixtureArticle('irrelevant/football', FOOTBALL.path));
}

async function poller(dataDir: string, feeds: string[], opts: { timeoutMs?: number; allowPrivate?: boolean; topic?: string[] } = {}) {
  const { archive, problems } = await FeedArchive.open(dataDir);
  const { log, lines } = captureLogger();
  const corpus = (await seedBriefing()).corpus;
  const told: string[][] = [];
  const p = new FeedPoller(
    { archive, feeds: async () => feeds, corpus: () => corpus, onNew: async (ids) => void told.push(ids), log },
    { intervalMs: 3_600_000, minRelevance: DEFAULT_MIN_RELEVANCE, topic: opts.topic ?? [], fetch: { allowPrivate: opts.allowPrivate ?? true, timeoutMs: opts.timeoutMs ?? 5_000 } },
  );
  return { p, archive, lines, told, problems };
}

async function keptFiles(dataDir: string): Promise<string[]> {
  return (await fs.readdir(path.join(dataDir, 'articles'))).filter((n) => n.endsWith('.txt')).sort();
}

describe('feed poller against a news site on 127.0.0.1', () => {
  it('reads RSS 2.0, Atom and JSON Feed; keeps the articles about the agreement (furniture removed, source and date kept) and not the football report', async () => {
    serveArticles();
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [DIALOGUE, FOOTBALL]);
    server.feed('/atom.xml', 'atom', 'Fixture Atom', () => [DECLINE]);
    server.feed('/feed.json', 'json', 'Fixture JSON', () => [LAW]);
    const dir = await tempDir();
    const { p, told } = await poller(dir, [`${server.base}/rss.xml`, `${server.base}/atom.xml`, `${server.base}/feed.json`]);
    const report = await p.poll();
    expect(report.kept).toHaveLength(3);
    expect(report.skipped).toEqual({ irrelevant: 1 });
    expect(told).toEqual([report.kept]);
    const files = await keptFiles(dir);
    expect(files).toHaveLength(3);
    const articles = await Promise.all(files.map(async (f) => parseSeed(f, await fs.readFile(path.join(dir, 'articles', f), 'utf8'))));
    const dialogue = articles.find((a) => a.title === DIALOGUE.title)!;
    expect(dialogue.url).toBe(`${server.base}${DIALOGUE.path}`);
    expect(dialogue.publisher).toBe('Fixture Wire');
    expect(dialogue.published.iso).toBe('2016-06-15');
    expect(dialogue.body).toContain('Guo Shengkun led the Chinese delegation');
    for (const a of articles) expect(a.body).not.toMatch(/cookie|Related stories|Comments \(3\)|All rights reserved|Subscribe/i);
  });

  it('a new item between two polls is kept once; an unchanged feed is asked conditionally; nothing is kept twice across a restart', async () => {
    serveArticles();
    let items: FeedEntryFixture[] = [DIALOGUE];
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => items);
    const dir = await tempDir();
    const feeds = [`${server.base}/rss.xml`];
    const first = await poller(dir, feeds);
    expect((await first.p.poll()).kept).toHaveLength(1);
    expect((await first.p.poll()).kept).toHaveLength(0);
    expect(server.conditional.get('/rss.xml')).toBe(1);
    items = [DECLINE, DIALOGUE];
    const third = await first.p.poll();
    expect(third.kept).toHaveLength(1);
    expect(server.hits.get(DIALOGUE.path)).toBe(1);
    // A restart: a new archive on the same DATA_DIR.
    const again = await poller(dir, feeds);
    expect((await again.p.poll()).kept).toHaveLength(0);
    expect(await keptFiles(dir)).toHaveLength(2);
    // The state file lost: the articles' own headers still say what was kept.
    await fs.rm(path.join(dir, 'feeds', 'state.json'));
    const fresh = await poller(dir, feeds);
    expect((await fresh.p.poll()).kept).toHaveLength(0);
    expect(await keptFiles(dir)).toHaveLength(2);
  });

  it('the same story under two addresses (a second address whose page names the first as canonical, and a copy with the same text) is kept once', async () => {
    server.article(fixtureArticle('relevant/dialogue-2016', DIALOGUE.path));
    server.article(fixtureArticle('relevant/dialogue-2016', '/amp/dialogue', DIALOGUE.path));
    server.article(fixtureArticle('relevant/dialogue-2016', '/syndicated/dialogue'));
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [DIALOGUE, { ...DIALOGUE, id: 'urn:amp', path: '/amp/dialogue' }, { ...DIALOGUE, id: 'urn:syndicated', path: '/syndicated/dialogue' }]);
    const dir = await tempDir();
    const { p } = await poller(dir, [`${server.base}/rss.xml`]);
    const report = await p.poll();
    expect(report.kept).toHaveLength(1);
    expect(report.skipped).toEqual({ duplicate: 2 });
    expect(await keptFiles(dir)).toHaveLength(1);
  });

  it('a damaged state file is set aside and rebuilt; what was kept is not kept again', async () => {
    serveArticles();
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [DIALOGUE]);
    const dir = await tempDir();
    await (await poller(dir, [`${server.base}/rss.xml`])).p.poll();
    await fs.writeFile(path.join(dir, 'feeds', 'state.json'), '{"version": 1, "feeds": ');
    const again = await poller(dir, [`${server.base}/rss.xml`]);
    expect(again.problems.join(' ')).toMatch(/damaged; set aside/);
    expect((await again.p.poll()).kept).toHaveLength(0);
    expect((await fs.readdir(path.join(dir, 'feeds'))).some((n) => n.startsWith('state.json.damaged-'))).toBe(true);
  });

  it('every way a feed fails is logged with the feed and tried again later; nothing crashes and nothing is kept', async () => {
    const bad = ['/broken.xml', '/huge.xml', '/hang.xml', '/loop-a', '/missing.xml', '/error.xml', '/busy.xml'].map((x) => `${server.base}${x}`);
    const dir = await tempDir();
    const { p, lines, archive } = await poller(dir, bad, { timeoutMs: 1_500 });
    const t0 = Date.now();
    const report: PollReport = await p.poll();
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(report.failed).toBe(bad.length);
    expect(report.kept).toEqual([]);
    const failures = lines.filter((l) => l.msg.includes('could not be read'));
    const said = (feed: string) => failures.find((l) => l.feed === `${server.base}${feed}`)?.error as string;
    expect(said('/broken.xml')).toMatch(/not a readable RSS or Atom feed/);
    expect(said('/huge.xml')).toMatch(/larger than 5242880 bytes/);
    expect(said('/hang.xml')).toMatch(/no complete answer within 1500 ms/);
    expect(said('/loop-a')).toMatch(/more than 5 redirects/);
    expect(said('/missing.xml')).toBe('HTTP 404');
    expect(said('/error.xml')).toBe('HTTP 500');
    expect(said('/busy.xml')).toBe('HTTP 429');
    // Retry-After (2 hours) is honoured: the feed waits that long, the others are tried at the next poll.
    const busy = archive.feed(`${server.base}/busy.xml`);
    expect(Date.parse(busy.retryAt!) - Date.now()).toBeGreaterThan(7_000_000);
    expect(archive.feed(`${server.base}/error.xml`).retryAt).toBeUndefined();
    const second = await p.poll();
    expect(second.waiting).toBe(1);
    expect(second.failed).toBe(bad.length - 1);
    // A second failure in a row waits (backoff).
    expect(Date.parse(archive.feed(`${server.base}/error.xml`).retryAt!)).toBeGreaterThan(Date.now());
  });

  it('stopping abandons a request under way at once, and does not count it against the feed', async () => {
    const dir = await tempDir();
    const { p, archive } = await poller(dir, [`${server.base}/hang.xml`], { timeoutMs: 20_000 });
    const polled = p.poll();
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    await p.stop();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect((await polled).failed).toBe(0);
    expect(archive.feed(`${server.base}/hang.xml`).failures).toBe(0);
  });

  it('an item whose page is not HTML, or is gone, is skipped and said; a private address is refused unless allowed', async () => {
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [
      { ...DIALOGUE, id: 'urn:pdf', path: '/paper.pdf' },
      { ...DIALOGUE, id: 'urn:gone', path: '/news/gone' },
    ]);
    const dir = await tempDir();
    const { p, lines } = await poller(dir, [`${server.base}/rss.xml`]);
    const report = await p.poll();
    expect(report.skipped).toEqual({ 'not-html': 1, gone: 1 });
    expect(lines.some((l) => l.msg.includes('does not link to a web page'))).toBe(true);
    const strict = await poller(await tempDir(), [`${server.base}/rss.xml`], { allowPrivate: false });
    const refused = await strict.p.poll();
    expect(refused.failed).toBe(1);
    expect(strict.lines.find((l) => l.msg.includes('could not be read'))?.error).toMatch(/127\.0\.0\.1 is a private or local address; refused/);
  });

  it('FEEDS_TOPIC: an article that mentions none of the topic words is not kept', async () => {
    serveArticles();
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [DIALOGUE, LAW]);
    const { p } = await poller(await tempDir(), [`${server.base}/rss.xml`], { topic: ['hotline'] });
    const report = await p.poll();
    expect(report.kept).toHaveLength(2);
    const { p: q } = await poller(await tempDir(), [`${server.base}/rss.xml`], { topic: ['tabletop exercise'] });
    const r2 = await q.poll();
    expect(r2.kept).toHaveLength(1);
    expect(r2.skipped).toEqual({ irrelevant: 1 });
  });

  it('kept articles are answered from, with their address in the citation, once the corpus is loaded with DATA_DIR/articles', async () => {
    serveArticles();
    server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [LAW]);
    const dir = await tempDir();
    await (await poller(dir, [`${server.base}/rss.xml`])).p.poll();
    const loaded = await loadBriefing({ seedsDir: SEEDS, extraDirs: [path.join(dir, 'articles')] });
    expect(loaded.errors).toEqual([]);
    const answer = loaded.briefing.ask('who did Jeff Sessions meet?');
    expect(answer.kind).toBe('answer');
    expect(answer.answers[0].source.url).toBe(`${server.base}${LAW.path}`);
    expect(answer.answers[0].text).toMatch(/Zhao Kezhi/);
  });
});
