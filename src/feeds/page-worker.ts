/**
 * Worker-thread entry (see page-reader.ts): reads the pages it is sent, one at
 * a time, and answers each with what it found or why it could not.
 */
import { parentPort } from 'node:worker_threads';
import { readPage } from './page';
import type { PageReply, PageRequest } from './page-reader';

parentPort?.on('message', (r: PageRequest) => {
  readPage(r.html, r.url, r.item, r.today).then(
    (read) => parentPort!.postMessage({ id: r.id, ok: true, read } satisfies PageReply),
    (e: unknown) => parentPort!.postMessage({ id: r.id, ok: false, message: (e as Error)?.message ?? String(e) } satisfies PageReply),
  );
});
