/**
 * Reading the news feeds: every FEEDS_INTERVAL each feed is fetched (with its
 * ETag / Last-Modified, so an unchanged feed costs a 304), each item not seen
 * before has its page fetched and its article extracted, and an article about
 * the corpus's subject (relevance.ts) is kept in DATA_DIR/articles (archive.ts).
 * Requests to one host go one at a time; a feed that fails waits longer each
 * time (honouring Retry-After); every failure is logged with the feed's name
 * and tried again later. Nothing here throws out of a poll.
 */
import type { Corpus } from '../corpus/corpus';
import type { Logger } from '../log';
import { FeedArchive, textHash } from './archive';
import type { FetchOptions } from './http';
import type { FeedItem } from './parse';
import type { ReadPage } from './page-reader';
import { mentionsTopic, relativeRelevance, topicProfile } from './relevance';

export interface PollerOptions {
  /** Between polls. Default 1 hour (FEEDS_INTERVAL). */
  intervalMs: number;
  /** Relative relevance an article needs to be kept (FEEDS_MIN_RELEVANCE). */
  minRelevance: number;
  /** Words or phrases an article must mention one of to be kept (FEEDS_TOPIC); empty: any. */
  topic: readonly string[];
  /** Bounds of each request (http.ts): timeout, size, redirects, private addresses. */
  fetch: FetchOptions;
  /** Longest wait after failures. Default 24 hours. */
  maxBackoffMs?: number;
  /** Page fetch attempts for one item before it is given up. Default 3. */
  itemAttempts?: number;
  /** Hosts fetched from at once (one request at a time on each). Default 4. */
  hostConcurrency?: number;
}

export interface PollerDeps {
  archive: FeedArchive;
  /** The feeds to read now (FEEDS and those added from chat). */
  feeds: () => Promise<string[]>;
  /** The corpus answered from now: what relevance is judged against. */
  corpus: () => Corpus;
  /** Told of the articles kept by a poll (the composition root reloads the corpus). */
  onNew: (ids: string[]) => Promise<void>;
  log: Logger;
  clock?: () => Date;
  /**
   * Reads a fetched page: its article extracted and analysed (page.ts). The composition root gives
   * a PageReader's, in a worker thread bounded in time and memory. Default: on this thread.
   */
  readPage?: ReadPage;
}

export interface PollReport {
  feeds: number;
  /** Feeds skipped because they are waiting after failures. */
  waiting: number;
  failed: number;
  items: number;
  kept: string[];
  skipped: Record<string, number>;
  /** The same for each feed read (by its address): what "feeds add" tells of the feed it added. */
  byFeed: Record<string, FeedTally>;
}

/** What one feed's poll gave: its items, the articles kept, the items skipped by why, and why it could not be read. */
export interface FeedTally {
  items: number;
  kept: number;
  skipped: Record<string, number>;
  error?: string;
}

export class FeedPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<PollReport>;
  private stopped = false;
  /** Abandons the requests under way when the poller stops. */
  private readonly abort = new AbortController();
  /** The tail of each host's queue of requests. */
  private readonly hosts = new Map<string, Promise<unknown>>();
  /** The HTTP client, the feed parser and the page extractor, loaded at the first poll (a bot that reads no feed never loads them). */
  private lib?: { http: typeof import('./http'); parse: typeof import('./parse'); readPage: ReadPage };

  constructor(
    private readonly deps: PollerDeps,
    private readonly options: PollerOptions,
  ) {}

  private now(): Date {
    return (this.deps.clock ?? (() => new Date()))();
  }

  /** Poll now and then every interval. The first poll starts after `firstDelayMs`. */
  start(firstDelayMs = 5_000): void {
    const tick = (ms: number) => {
      this.timer = setTimeout(() => {
        void this.poll().finally(() => {
          if (!this.stopped) tick(this.options.intervalMs);
        });
      }, ms);
      this.timer.unref();
    };
    tick(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** One poll of every feed (a poll asked for while one runs waits for it and returns its report). */
  poll(): Promise<PollReport> {
    this.running ??= this.pollNow().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Run `work` after the host's earlier requests: one request at a time per host. */
  private onHost<T>(url: string, work: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const prev = this.hosts.get(host) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    this.hosts.set(host, tail);
    void tail.then(() => {
      if (this.hosts.get(host) === tail) this.hosts.delete(host);
    });
    return next;
  }

  private async pollNow(): Promise<PollReport> {
    const report: PollReport = { feeds: 0, waiting: 0, failed: 0, items: 0, kept: [], skipped: {}, byFeed: {} };
    let feeds: string[];
    try {
      feeds = [...new Set(await this.deps.feeds())];
    } catch (e) {
      this.deps.log.error({ error: (e as Error)?.message }, 'feeds not polled: the list of feeds could not be read');
      return report;
    }
    report.feeds = feeds.length;
    if (!feeds.length) return report;
    this.lib ??= { http: await import('./http'), parse: await import('./parse'), readPage: this.deps.readPage ?? (await import('./page')).readPage };
    // Hosts in parallel (bounded), each host's requests in turn.
    const byHost = new Map<string, string[]>();
    for (const f of feeds) {
      let host: string;
      try {
        host = new URL(f).host;
      } catch {
        this.deps.log.warn({ feed: f }, 'feed address is not a URL; skipped');
        continue;
      }
      byHost.set(host, [...(byHost.get(host) ?? []), f]);
    }
    const groups = [...byHost.values()];
    const workers = Array.from({ length: Math.min(this.options.hostConcurrency ?? 4, groups.length) }, async () => {
      for (let g = groups.shift(); g && !this.stopped; g = groups.shift()) for (const f of g) await this.pollFeed(f, report);
    });
    await Promise.all(workers);
    try {
      await this.deps.archive.save();
    } catch (e) {
      this.deps.log.error({ error: (e as Error)?.message }, 'feed state could not be saved; items may be fetched again next time (never kept twice: their text is recognised)');
    }
    if (report.kept.length) {
      this.deps.log.info({ kept: report.kept.length, items: report.items }, 'new articles from feeds');
      await this.deps.onNew(report.kept).catch((e: unknown) => this.deps.log.error({ error: (e as Error)?.message }, 'new articles were kept but the corpus could not be reloaded'));
    }
    return report;
  }

  private async pollFeed(url: string, report: PollReport): Promise<void> {
    const { archive, log } = this.deps;
    const { http, parse } = this.lib!;
    const state = archive.feed(url);
    const now = this.now();
    if (state.retryAt && Date.parse(state.retryAt) > now.getTime()) {
      report.waiting++;
      return;
    }
    const name = state.title ? `${state.title} (${url})` : url;
    const tally: FeedTally = { items: 0, kept: 0, skipped: {} };
    report.byFeed[url] = tally;
    try {
      const r = await this.onHost(url, () =>
        http.fetchBounded(url, {
          ...this.options.fetch,
          signal: this.abort.signal,
          etag: state.etag,
          lastModified: state.lastModified,
          accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml;q=0.9, */*;q=0.5',
        }),
      );
      if (r.status === 304) {
        archive.setFeed(url, { ...state, failures: 0, retryAt: undefined, lastError: undefined, lastOk: now.toISOString() });
        return;
      }
      const feed = parse.parseFeed(r.body.toString('utf8'), r.contentType, r.url);
      archive.setFeed(url, { ...state, etag: r.etag, lastModified: r.lastModified, failures: 0, retryAt: undefined, lastError: undefined, lastOk: now.toISOString(), title: feed.title });
      for (const item of feed.items) {
        if (this.stopped) break;
        report.items++;
        tally.items++;
        await this.takeItem(item, feed.title ?? new URL(url).hostname, name, report, tally);
      }
    } catch (e) {
      // Abandoned because the bot is stopping: not the feed's failure.
      if (this.stopped) return;
      report.failed++;
      tally.error = ((e as Error)?.message ?? String(e)).slice(0, 200);
      const failures = state.failures + 1;
      const retryAfter = e instanceof http.FetchError ? (e.retryAfterMs ?? 0) : 0;
      const backoff = Math.min(this.options.maxBackoffMs ?? 86_400_000, this.options.intervalMs * 2 ** (failures - 1));
      const wait = failures > 1 || retryAfter ? Math.max(retryAfter, backoff) : 0;
      const message = (e as Error)?.message ?? String(e);
      archive.setFeed(url, { ...state, failures, lastError: message.slice(0, 500), retryAt: wait ? new Date(now.getTime() + wait).toISOString() : undefined });
      log.warn({ feed: name, failures, retryInMs: wait || this.options.intervalMs, error: message }, `feed ${name} could not be read: ${message}; tried again later`);
    }
  }

  private count(report: PollReport, why: string, tally?: FeedTally): void {
    report.skipped[why] = (report.skipped[why] ?? 0) + 1;
    if (tally) tally.skipped[why] = (tally.skipped[why] ?? 0) + 1;
  }

  /** One item: fetch its page, extract, judge, keep. */
  private async takeItem(item: FeedItem, feedTitle: string, feedName: string, report: PollReport, tally: FeedTally): Promise<void> {
    const { archive, log } = this.deps;
    const { http, readPage } = this.lib!;
    const itemKeys = [`guid ${item.guid}`, `url ${item.url}`];
    const before = archive.seen(...itemKeys);
    if (before && !('skipped' in before.outcome && before.outcome.skipped === 'failed')) return;
    const attempts = (before?.attempts ?? 0) + 1;
    const now = this.now();
    let page;
    try {
      page = await this.onHost(item.url, () => http.fetchBounded(item.url, { ...this.options.fetch, signal: this.abort.signal, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' }));
    } catch (e) {
      if (this.stopped) return;
      const message = (e as Error)?.message ?? String(e);
      const giveUp = !(e instanceof http.FetchError && e.transient) || attempts >= (this.options.itemAttempts ?? 3);
      archive.remember(itemKeys, { skipped: giveUp ? 'gone' : 'failed' }, now, attempts);
      this.count(report, giveUp ? 'gone' : 'failed', tally);
      log.warn(
        { feed: feedName, item: item.url, attempts, error: message },
        giveUp ? `article page could not be fetched (${message}); given up` : `article page could not be fetched (${message}); tried again next poll`,
      );
      return;
    }
    if (page.status !== 200) return; // no conditional request was made for a page
    if (!/^(?:text\/html|application\/xhtml\+xml)\b/i.test(page.contentType)) {
      archive.remember(itemKeys, { skipped: 'not-html' }, now);
      this.count(report, 'not-html', tally);
      log.info({ feed: feedName, item: item.url, contentType: page.contentType.slice(0, 100) }, 'feed item does not link to a web page; skipped');
      return;
    }
    let read;
    try {
      read = await readPage(page.body.toString('utf8'), page.url, { title: item.title, published: item.published, feedTitle }, now.toISOString().slice(0, 10));
    } catch (e) {
      // A page too slow, too large or too deep to read is given up alone: the feed's other items go on.
      if (this.stopped) return;
      const message = (e as Error)?.message ?? String(e);
      archive.remember(itemKeys, { skipped: 'unreadable' }, now);
      this.count(report, 'unreadable', tally);
      log.warn({ feed: feedName, item: item.url, error: message }, `article page could not be read (${message}); given up`);
      return;
    }
    if (!read) {
      archive.remember(itemKeys, { skipped: 'no-text' }, now);
      this.count(report, 'no-text', tally);
      log.info({ feed: feedName, item: item.url }, 'no article text found on the page; skipped');
      return;
    }
    const { article: extracted, title, publisher, published, terms } = read;
    const canonical = extracted.canonical ?? page.url;
    const hash = textHash(extracted.paragraphs);
    const keys = [...itemKeys, `url ${page.url}`, `url ${canonical}`, `hash ${hash}`];
    const same = archive.seen(`url ${page.url}`, `url ${canonical}`, `hash ${hash}`);
    if (same && 'kept' in same.outcome) {
      archive.remember(keys, same.outcome, now);
      this.count(report, 'duplicate', tally);
      return;
    }
    const article = { title, publisher, published, url: canonical, guid: item.guid, paragraphs: extracted.paragraphs };
    const score = relativeRelevance(topicProfile(this.deps.corpus()), terms);
    const onTopic = mentionsTopic(`${title}\n${extracted.paragraphs.join('\n')}`, this.options.topic);
    if (score < this.options.minRelevance || !onTopic) {
      archive.remember(keys, { skipped: 'irrelevant' }, now);
      this.count(report, 'irrelevant', tally);
      log.info({ feed: feedName, item: canonical, relevance: Number(score.toFixed(3)), onTopic }, 'article is not about the corpus subject; not kept');
      return;
    }
    try {
      const id = await archive.write(article, now);
      archive.remember(keys, { kept: id }, now);
      report.kept.push(id);
      tally.kept++;
      log.info({ feed: feedName, item: canonical, id, relevance: Number(score.toFixed(3)) }, 'article kept from feed');
    } catch (e) {
      archive.remember(itemKeys, { skipped: 'failed' }, now, attempts);
      this.count(report, 'failed', tally);
      log.error({ feed: feedName, item: canonical, error: (e as Error)?.message }, 'article could not be written to DATA_DIR/articles; tried again next poll');
    }
  }
}
