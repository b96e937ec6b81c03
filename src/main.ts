/**
 * The composition root: reads the configuration and wires the core, the
 * store, the digest schedule and the enabled chat adapters. Nothing else in
 * the project reads the environment.
 */
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import dotenv from 'dotenv';
import { ConsoleAdapter } from '../adapters/console';
import { DeliveryError, type ChatAdapter, type DeliveryKey } from './adapter';
import { renderDigestFor } from './chat/commands/digest';
import { timelineOfCorpus } from './timeline/timeline';
import { version } from './version';
import { ConfigError, loadConfig, secretsOf, type Config } from './config';
import { Core, type ChannelRef } from './chat/core';
import { LiveBriefing } from './answering/live';
import { canLoadOffThread, loadOffThread } from './answering/off-thread';
import { loadBriefing, loadChanged, loadLastBuilt, type Loaded } from './answering/load';
import { createLogger, type Logger } from './log';
import type { Reply } from './reply';
import { DEFAULT_RETRY, describeSchedule, DigestScheduler } from './state/schedule';
import { DataDirLock } from './state/lock';
import { FileStateStore } from './state/file-store';
import { databaseHealth, type EventLog, type RunElection, type StateStore } from './state/store';
import { instanceId } from './state/instance';
import { FeedArchive } from './feeds/archive';
import { FeedPoller } from './feeds/poller';
import { PageReader } from './feeds/page-reader';

export interface Running {
  stop(): Promise<void>;
}

/** The terminal chat's streams (standard input and output unless a test passes others). */
export interface ConsoleIO {
  input: Readable;
  output: Writable;
  interactive: boolean;
}

export async function start(config: Config, log: Logger, io: ConsoleIO = { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) }): Promise<Running> {
  // One instance per DATA_DIR: a second one would overwrite the first one's state and post every digest twice.
  const lock = await DataDirLock.acquire(path.resolve(config.dataDir));
  try {
    return await startLocked(config, log, io, lock);
  } catch (e) {
    await lock.release();
    throw e;
  }
}

async function startLocked(config: Config, log: Logger, io: ConsoleIO, lock: DataDirLock): Promise<Running> {
  const seedsDir = path.resolve(config.seedsDir);
  const cacheDir = path.resolve(config.dataDir, 'cache');
  // Articles kept from feeds live beside the state, and are read after the seeds.
  const articlesDir = path.resolve(config.dataDir, 'articles');
  const folders = { seedsDir, extraDirs: [articlesDir] };
  const load = () => loadBriefing({ ...folders, cacheDir });
  const logLoad = (loaded: Loaded, ms: number, what: string) => {
    for (const e of loaded.errors) log.warn({ file: e.file }, `seed skipped: ${e.message}`);
    for (const w of loaded.warnings) log.warn(w);
    const { articles, sentences } = loaded.briefing.corpus;
    log.info({ articles: articles.length, sentences: sentences.length, cached: loaded.fromCache, ...loaded.articles, ms: Math.round(ms) }, what);
  };
  const t0 = performance.now();
  // Seeds changed while the bot was stopped: answer from the corpus built last at once, and read the changes
  // as a running bot does (the digest waits for them). Without watching, the corpus is read now, as it is.
  const last = config.watchSeeds ? await loadLastBuilt({ ...folders, cacheDir }) : undefined;
  const catchUp = last !== undefined && !last.current;
  // A few articles changed: the corpus built last, changed by them, answers them at once.
  const changed = catchUp ? await loadChanged({ ...folders, cacheDir, previous: last.loaded }).catch(() => undefined) : undefined;
  let loaded = changed ?? last?.loaded ?? (await load());
  logLoad(
    loaded,
    performance.now() - t0,
    !catchUp
      ? 'corpus loaded'
      : changed
        ? 'corpus loaded as last built, changed by the articles changed since; rebuilding it whole'
        : 'corpus loaded as last built; the seeds changed since, reading the changes',
  );
  const briefing = new LiveBriefing(loaded.briefing, {
    // The changed articles are answered from within a second; the whole corpus is then rebuilt in
    // a worker thread (when compiled), so the bot keeps answering meanwhile.
    quick: () => loadChanged({ ...folders, cacheDir, previous: loaded }),
    load: () => (canLoadOffThread() ? loadOffThread({ ...folders, cacheDir }) : loadBriefing({ ...folders, cacheDir, writeLater: true })),
    onReload: (l, ms) => {
      loaded = l;
      logLoad(l, ms, l.exact ? 'seeds changed: corpus reloaded' : 'seeds changed: answering from the changed articles; rebuilding the whole corpus');
    },
    onError: (err) => log.error({ err }, 'seeds changed but the corpus could not be reloaded; still answering from the previous one'),
    loadedHash: loaded.exact ? loaded.hash : undefined,
  });
  if (config.watchSeeds) briefing.watch(seedsDir);
  const clock = () => new Date();

  const { store, events, election } = await openStore(config, clock, log);
  const feeds = await startFeeds(config, store, briefing, articlesDir, log.child({ component: 'feeds' }));
  // An article deleted from DATA_DIR/articles (or kept by the feed reader) is read while running.
  briefing.watch(articlesDir);

  const adapters: ChatAdapter[] = [];
  const adapterFor = (channel: ChannelRef) => {
    const adapter = adapters.find((a) => a.platform === channel.platform);
    if (!adapter) throw new DeliveryError(`no ${channel.platform} connection is configured`, 'platform');
    return adapter;
  };
  const deliver = (channel: ChannelRef, reply: Reply, key: DeliveryKey) => adapterFor(channel).send(channel, reply, key);
  const delivered = async (channel: ChannelRef, key: DeliveryKey) => {
    const adapter = adapterFor(channel);
    if (!adapter.delivered) throw new Error(`${channel.platform} cannot tell whether a message was posted`);
    return adapter.delivered(channel, key);
  };
  const timeline = () => timelineOfCorpus(briefing.current.corpus);
  const scheduler = new DigestScheduler(
    {
      store,
      instance: await instanceId(path.resolve(config.dataDir)),
      election,
      clock,
      deliver,
      delivered,
      render: renderDigestFor(briefing, timeline, config.digest.timezone),
      articleIds: () => briefing.current.corpus.articles.map((a) => a.id),
      log: log.child({ component: 'digest' }),
    },
    { ...DEFAULT_RETRY, ...config.digest },
  );
  const core = new Core(briefing, {
    onError: (err, errorId, ctx) => log.error({ err, errorId, platform: ctx.channel.platform, channel: ctx.channel.id }, `internal error answering a command (error id ${errorId})`),
    timeZone: config.digest.timezone,
    digest: {
      store,
      clock,
      describeSchedule: (s) => describeSchedule(s?.cron ?? config.digest.cron, s?.timezone ?? config.digest.timezone, scheduler.nextRun(s)),
      defaults: { cron: config.digest.cron, timezone: config.digest.timezone },
      changed: () => void scheduler.sync().catch((e: unknown) => log.error({ error: (e as Error)?.message }, 'digest schedules not updated: the state store failed; tried again within a minute')),
    },
    feeds: {
      store,
      configured: config.feeds.urls,
      clock,
      pollNow: () => feeds.poller.poll(),
      intervalMs: config.feeds.intervalMs,
      allowPrivate: config.feeds.allowPrivate,
      resolve: (host) => import('./feeds/http').then((h) => h.resolveHost(host)),
    },
  });

  let onConsoleClose: (() => void) | undefined;
  const consoleClosed = new Promise<void>((resolve) => (onConsoleClose = resolve));
  // Each platform's library is loaded only when that platform is configured (each costs ~0.2 s of start-up).
  if (config.slack) {
    const { SlackAdapter } = await import('../adapters/slack');
    // /healthz says whether the database can be reached (when there is one).
    const health = async (): Promise<Record<string, string>> => (config.databaseUrl ? databaseHealth(store) : {});
    const onRemoved = async (team: string) => void log.info({ platform: 'slack', team, unsubscribed: await store.unsubscribeWorkspace('slack', team) }, 'workspace subscriptions dropped');
    adapters.push(new SlackAdapter(core, config.slack, log.child({ component: 'slack' }), { events, health, onRemoved, store }));
  }
  if (config.discord) {
    const { DiscordAdapter } = await import('../adapters/discord');
    const onRemoved = async (guild: string) => void log.info({ platform: 'discord', guild, unsubscribed: await store.unsubscribeWorkspace('discord', guild) }, 'server subscriptions dropped');
    adapters.push(new DiscordAdapter(core, config.discord, log.child({ component: 'discord' }), { onRemoved }));
  }
  if (!config.slack && !config.discord) {
    adapters.push(new ConsoleAdapter(core, { ...io, onClose: onConsoleClose, historyFile: io.interactive ? path.resolve(config.dataDir, 'chat-history') : undefined }));
  }
  for (const a of adapters) await a.start();
  if (catchUp) await briefing.reload();
  await scheduler.start();
  log.info({ adapters: adapters.map((a) => a.platform), nextDigest: scheduler.nextRun() }, 'started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await feeds.poller.stop();
      await feeds.pages.close();
      await briefing.close();
      await scheduler.stop();
      for (const a of adapters) await a.stop().catch((e: unknown) => log.error({ err: e, adapter: a.platform }, 'adapter stop failed'));
      await store.close();
      await lock.release();
      log.info('stopped');
    })());
  void consoleClosed.then(stop);
  return { stop };
}

/**
 * The feed reader: polls FEEDS and the feeds added from chat every FEEDS_INTERVAL, keeps the
 * articles about the corpus's subject in DATA_DIR/articles and reloads the corpus with them.
 */
async function startFeeds(config: Config, store: StateStore, briefing: LiveBriefing, articlesDir: string, log: Logger): Promise<{ poller: FeedPoller; pages: PageReader }> {
  // Pages are read in a worker thread, bounded in time and memory: a hostile page stalls no answer.
  const pages = new PageReader();
  const { archive, problems } = await FeedArchive.open(path.dirname(articlesDir));
  for (const p of problems) log.warn(p);
  const poller = new FeedPoller(
    {
      archive,
      feeds: async () => [...config.feeds.urls, ...(await store.feeds()).map((f) => f.url)],
      corpus: () => briefing.current.corpus,
      // DATA_DIR/articles is watched: the reload follows the files as they are written (one reload, not two).
      onNew: async () => undefined,
      log,
      readPage: pages.reader(),
    },
    { intervalMs: config.feeds.intervalMs, minRelevance: config.feeds.minRelevance, topic: config.feeds.topic, fetch: { allowPrivate: config.feeds.allowPrivate } },
  );
  poller.start(config.feeds.urls.length ? 1_000 : 60_000);
  if (config.feeds.urls.length) log.info({ feeds: config.feeds.urls.length, everyMs: config.feeds.intervalMs }, 'reading news feeds');
  return { poller, pages };
}

/** The state store the configuration names: PostgreSQL when DATABASE_URL is set (its client loaded only then), else the state file in DATA_DIR. */
async function openStore(config: Config, clock: () => Date, log: Logger): Promise<{ store: StateStore; events?: EventLog; election?: RunElection }> {
  if (config.databaseUrl) {
    const { PgStateStore } = await import('./state/pg-store');
    try {
      const store = await PgStateStore.open({ connectionString: config.databaseUrl });
      log.info({ host: new URL(config.databaseUrl).host }, 'state kept in PostgreSQL (DATABASE_URL)');
      return { store, events: store, election: store };
    } catch (e) {
      throw new Error(`DATABASE_URL: cannot open the database (${(e as Error).message})`, { cause: e });
    }
  }
  const { store, report } = await FileStateStore.open(path.resolve(config.dataDir), clock);
  if (report.corrupt) {
    log.error(
      { movedTo: report.corrupt.movedTo, problem: report.corrupt.problem, restoredFromBackup: report.corrupt.restoredFromBackup },
      report.corrupt.restoredFromBackup
        ? `state file was corrupt; kept aside as ${report.corrupt.movedTo} and restored from the backup`
        : `state file was corrupt and there is no sound backup; kept aside as ${report.corrupt.movedTo}, starting with no subscriptions`,
    );
  }
  if (report.restoredMissing) log.warn({ file: store.file }, 'state file was missing; restored from its backup');
  if (report.removedTemporary) log.info({ files: report.removedTemporary }, 'removed temporary files of unfinished writes');
  return { store };
}

export const MAIN_HELP = `Usage: npm start [-- --help | --version]

Runs the bot. Which surfaces start depends on the environment (see .env.example;
copy it to .env and fill it in): Slack when SLACK_BOT_TOKEN is set, Discord when
DISCORD_TOKEN is set, otherwise the terminal chat. The weekly digest runs on
DIGEST_CRON; state and caches live in DATA_DIR (default ./data). Articles
added to or changed in SEEDS_DIR are picked up while it runs (WATCH_SEEDS).
News feeds in FEEDS (and added with "feeds add URL") are read every
FEEDS_INTERVAL; the articles kept are in DATA_DIR/articles.
`;

export function main(argv: string[] = process.argv.slice(2)): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(MAIN_HELP);
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`cyberpact ${version()}\n`);
    return;
  }
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  // The terminal chat shares the terminal with the log: readable lines, warnings and up.
  const secrets = secretsOf(config);
  const log = config.slack || config.discord ? createLogger(config.logLevel, { secrets }) : createLogger('warn', { plain: true, secrets });
  // A promise a library left unhandled (a request handler that threw) is logged, not the end of the
  // bot: every other channel, schedule and feed goes on. An uncaught exception still ends it (its
  // state is unknown), after the log line.
  process.on('unhandledRejection', (reason: unknown) =>
    log.error({ err: reason instanceof Error ? { message: reason.message, stack: reason.stack } : { message: String(reason) } }, 'unhandled rejection (kept running)'),
  );
  start(config, log).then(
    (running) => {
      const shutdown = (signal: string) => {
        log.info({ signal }, 'shutting down');
        void running.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    },
    (e: unknown) => {
      log.fatal({ err: e }, 'start-up failed');
      // A person at a terminal reads a sentence; a log collector gets only the JSON line above.
      if (process.stderr.isTTY) process.stderr.write(`start-up failed: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
