/**
 * The composition root: reads the configuration and wires the core, the
 * store, the digest schedule and the enabled chat adapters. Nothing else in
 * the project reads the environment.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { ConsoleAdapter } from '../adapters/console';
import type { ChatAdapter } from './adapter';
import { ConfigError, loadConfig, type Config } from './config';
import { Core } from './core';
import { loadBriefing } from './load';
import { createLogger, type Logger } from './log';

export interface Running {
  stop(): Promise<void>;
}

export async function start(config: Config, log: Logger): Promise<Running> {
  const loaded = await loadBriefing({ seedsDir: path.resolve(config.seedsDir), cacheDir: path.resolve(config.dataDir, 'cache') });
  for (const e of loaded.errors) log.warn({ file: e.file }, `seed skipped: ${e.message}`);
  log.info({ articles: loaded.briefing.corpus.articles.length, sentences: loaded.briefing.corpus.sentences.length, cached: loaded.fromCache }, 'corpus loaded');
  const core = new Core(loaded.briefing);

  const adapters: ChatAdapter[] = [];
  let onConsoleClose: (() => void) | undefined;
  const consoleClosed = new Promise<void>((resolve) => (onConsoleClose = resolve));
  if (!config.slack && !config.discord) {
    adapters.push(new ConsoleAdapter(core, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY), onClose: onConsoleClose }));
  }
  for (const a of adapters) await a.start();
  log.info({ adapters: adapters.map((a) => a.platform) }, 'started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const a of adapters) await a.stop().catch((e: unknown) => log.error({ err: e, adapter: a.platform }, 'adapter stop failed'));
      log.info('stopped');
    })());
  void consoleClosed.then(stop);
  return { stop };
}

export function main(): void {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  const log = createLogger(config.slack || config.discord ? config.logLevel : 'warn');
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
      process.stderr.write(`start-up failed: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) main();
