/**
 * Worker-thread entry (see off-thread.ts): builds the corpus and writes its
 * cache, away from the thread that answers questions, then says what it
 * found. The answering thread reads the result back from the cache.
 */
import { parentPort } from 'node:worker_threads';
import { loadBriefing, type LoadOptions } from './load';
import type { WorkerReport } from './off-thread';

parentPort?.once('message', (opts: LoadOptions) => {
  loadBriefing({ ...opts, writeLater: false }).then(
    (l) => parentPort!.postMessage({ ok: true, fromCache: l.fromCache, errors: l.errors, warnings: l.warnings, articles: l.articles } satisfies WorkerReport),
    (e: unknown) => parentPort!.postMessage({ ok: false, message: (e as Error)?.message ?? String(e) } satisfies WorkerReport),
  );
});
