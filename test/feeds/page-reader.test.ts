import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { FeedArchive } from '../../src/feeds/archive';
import { readPage } from '../../src/feeds/page';
import { PageReader, PageReadError } from '../../src/feeds/page-reader';
import { FeedPoller } from '../../src/feeds/poller';
import { DEFAULT_MIN_RELEVANCE } from '../../src/feeds/relevance';
import { fixtureArticle, pageHtml, startNewsServer } from '../../scripts/news-server';
import { captureLogger, ROOT, seedBriefing, tempDir } from '../helpers';

// The worker runs compiled code: the tests use dist/ (built here when a source is newer).
execFileSync(process.execPath, ['-e', "require('./scripts/build').ensureBuilt()"], { cwd: ROOT, stdio: 'ignore' });
const WORKER = path.join(ROOT, 'dist/src/feeds/page-worker.js');

const ITEM = { feedTitle: 'Fixture Wire' };
const good = () => pageHtml(fixtureArticle('relevant/dialogue-2016', '/news/dialogue'), 'http://127.0.0.1');
/** 20,000 nested elements: jsdom and Readability walk them for many seconds, then overflow the stack. */
const nested = `<!doctype html><html><body>${'<div>'.repeat(20_000)}<p>deep</p>${'</div>'.repeat(20_000)}</body></html>`;

/** The longest the event loop went without running a 10 ms timer, while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ stall: number; result: PromiseSettledResult<T> }> {
  let last = Date.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 10);
  const [result] = await Promise.allSettled([work()]);
  clearInterval(timer);
  return { stall, result };
}

describe('reading pages in a worker thread, bounded in time and memory', () => {
  it('reads a page as this thread does', async () => {
    const reader = new PageReader({ workerFile: WORKER });
    try {
      expect(reader.offThread).toBe(true);
      const off = await reader.reader()(good(), 'http://127.0.0.1/news/dialogue', ITEM, '2026-12-07');
      const here = await readPage(good(), 'http://127.0.0.1/news/dialogue', ITEM, '2026-12-07');
      expect(off).toEqual(here);
      expect(off?.terms.length).toBeGreaterThan(50);
    } finally {
      await reader.close();
    }
  }, 30_000);

  it('a page of 20,000 nested elements fails alone within its time, this thread never stalls, and the next page is read', async () => {
    const reader = new PageReader({ workerFile: WORKER, timeoutMs: 2_000 });
    try {
      // Warm: the worker and its libraries loaded.
      await reader.read(good(), 'http://127.0.0.1/a', ITEM, '2026-12-07');
      const t0 = Date.now();
      const { stall, result } = await longestStall(() => reader.read(nested, 'http://127.0.0.1/deep', ITEM, '2026-12-07'));
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(PageReadError);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(stall).toBeLessThan(200);
      expect((await reader.read(good(), 'http://127.0.0.1/b', ITEM, '2026-12-07'))?.title).toContain('dialogue');
    } finally {
      await reader.close();
    }
  }, 60_000);

  it('a feed with a hostile page keeps its good items, and the feed is not marked failed', async () => {
    const server = await startNewsServer();
    const reader = new PageReader({ workerFile: WORKER, timeoutMs: 2_000 });
    try {
      server.article(fixtureArticle('relevant/dialogue-2016', '/news/dialogue'));
      server.routes.set('/news/deep', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(nested));
      server.feed('/rss.xml', 'rss', 'Fixture Wire', () => [
        { id: 'urn:deep', path: '/news/deep', title: 'A page nobody can read', published: '2016-06-14' },
        { id: 'urn:dialogue', path: '/news/dialogue', title: 'US and China hold second high-level dialogue on cybercrime', published: '2016-06-15' },
      ]);
      const dir = await tempDir();
      const { archive } = await FeedArchive.open(dir);
      const { log, lines } = captureLogger();
      const corpus = (await seedBriefing()).corpus;
      const poller = new FeedPoller(
        { archive, feeds: async () => [`${server.base}/rss.xml`], corpus: () => corpus, onNew: async () => undefined, log, readPage: reader.reader() },
        { intervalMs: 3_600_000, minRelevance: DEFAULT_MIN_RELEVANCE, topic: [], fetch: { allowPrivate: true, timeoutMs: 5_000 } },
      );
      const { stall, result } = await longestStall(() => poller.poll());
      expect(result.status).toBe('fulfilled');
      const report = (result as PromiseFulfilledResult<Awaited<ReturnType<FeedPoller['poll']>>>).value;
      expect(report.failed).toBe(0);
      expect(report.kept).toHaveLength(1);
      expect(report.skipped).toEqual({ unreadable: 1 });
      expect(lines.some((l) => l.msg.includes('could not be read') && String(l.item).endsWith('/news/deep'))).toBe(true);
      expect(stall).toBeLessThan(200);
    } finally {
      await reader.close();
      await server.close();
    }
  }, 60_000);
});
