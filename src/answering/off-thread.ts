/**
 * Loading a changed corpus without stalling the bot: the analysis and the
 * assembly (seconds at thousands of articles) run in a worker thread that
 * writes the corpus cache; this thread then reads the cache (a fraction of a
 * second), so questions and platform events (Slack wants an answer to each
 * event within 3 seconds) keep being served meanwhile.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadBriefing, type LoadOptions, type Loaded } from './load';
import type { LoadError } from '../types';

/** What the worker sends back. */
export type WorkerReport = { ok: true; fromCache: boolean; errors: LoadError[]; warnings: string[]; articles?: Loaded['articles'] } | { ok: false; message: string };

/** The compiled worker beside this module; absent when running from TypeScript sources (tests), where loading stays on this thread. */
export const WORKER_FILE = path.join(__dirname, 'reload-worker.js');

export function canLoadOffThread(): boolean {
  return existsSync(WORKER_FILE);
}

function runWorker(opts: LoadOptions): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE);
    let settled = false;
    worker.once('message', (r: WorkerReport) => {
      settled = true;
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the corpus worker stopped (exit code ${code})`));
    });
    worker.postMessage(opts);
  });
}

/**
 * Load the corpus with the heavy part in a worker thread (it needs a cache folder to hand the
 * result over); without one, or without the compiled worker, load on this thread.
 */
export async function loadOffThread(opts: LoadOptions): Promise<Loaded> {
  if (!opts.cacheDir || !canLoadOffThread()) return loadBriefing(opts);
  const report = await runWorker({ seedsDir: opts.seedsDir, extraDirs: opts.extraDirs, cacheDir: opts.cacheDir });
  if (!report.ok) throw new Error(report.message);
  // Read back what the worker wrote (built again here only if the folder changed meanwhile).
  const loaded = await loadBriefing(opts);
  if (!loaded.fromCache) return loaded;
  return { ...loaded, fromCache: report.fromCache, errors: report.errors, warnings: [...report.warnings, ...loaded.warnings], articles: report.articles };
}
