/**
 * Reading pages away from the thread that answers: jsdom and Readability on a
 * hostile page (tens of thousands of nested elements, megabytes of markup)
 * take seconds and hundreds of megabytes, and end in a stack overflow. Here
 * they run in one worker thread with a heap and stack of their own and a time
 * limit per page: a page past either fails alone (the worker is replaced) and
 * the bot's answers never wait on it. Without the compiled worker (running
 * from TypeScript sources), pages are read on this thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readPage, type ItemFacts, type PageRead } from './page';

export interface PageRequest {
  id: number;
  html: string;
  url: string;
  item: ItemFacts;
  today: string;
}

export type PageReply = { id: number; ok: true; read: PageRead | undefined } | { id: number; ok: false; message: string };

/** A page could not be read: too slow, too large, or it broke the reader. The page is given up; its feed is not at fault. */
export class PageReadError extends Error {
  override name = 'PageReadError';
}

export interface PageReaderOptions {
  /** The compiled worker. Default: page-worker.js beside this module. */
  workerFile?: string;
  /** Time one page may take. Default 15 s. */
  timeoutMs?: number;
  /** The worker's heap (old generation). Default 256 MB. */
  heapMb?: number;
  /** The worker's stack. Default 4 MB. */
  stackMb?: number;
}

export type ReadPage = (html: string, url: string, item: ItemFacts, today: string) => Promise<PageRead | undefined>;

export const PAGE_WORKER_FILE = path.join(__dirname, 'page-worker.js');

interface Pending {
  request: PageRequest;
  resolve: (r: PageRead | undefined) => void;
  reject: (e: Error) => void;
}

/** Pages read one at a time in a worker thread, bounded in time and memory. */
export class PageReader {
  private worker?: Worker;
  private readonly queue: Pending[] = [];
  private current?: { pending: Pending; timer: NodeJS.Timeout };
  private nextId = 1;
  private closed = false;
  private readonly file: string;

  constructor(private readonly options: PageReaderOptions = {}) {
    this.file = options.workerFile ?? PAGE_WORKER_FILE;
  }

  /** Is the compiled worker there? Without it, `reader()` reads on this thread. */
  get offThread(): boolean {
    return existsSync(this.file);
  }

  /** The function the poller reads pages with. */
  reader(): ReadPage {
    if (!this.offThread) return readPage;
    return (html, url, item, today) => this.read(html, url, item, today);
  }

  read(html: string, url: string, item: ItemFacts, today: string): Promise<PageRead | undefined> {
    if (this.closed) return Promise.reject(new PageReadError('the page reader is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, html, url, item, today }, resolve, reject });
      this.next();
    });
  }

  private spawn(): Worker {
    const w = new Worker(this.file, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? 256, maxYoungGenerationSizeMb: 32, stackSizeMb: this.options.stackMb ?? 4 },
    });
    w.unref();
    w.on('message', (r: PageReply) => {
      const c = this.current;
      if (!c || c.pending.request.id !== r.id) return;
      this.finish();
      if (r.ok) c.pending.resolve(r.read);
      else c.pending.reject(new PageReadError(`the page could not be read: ${r.message}`));
    });
    // Out of memory, or dead: the page under way fails, and the next gets a new worker.
    w.on('error', (e) => this.fail(w, `the page could not be read: ${e.message}`));
    w.on('exit', (code) => this.fail(w, `the page reader stopped (exit code ${code})`));
    return w;
  }

  private fail(w: Worker, message: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const c = this.current;
    if (c) {
      this.finish();
      c.pending.reject(new PageReadError(message));
    }
  }

  private finish(): void {
    if (this.current) clearTimeout(this.current.timer);
    this.current = undefined;
    queueMicrotask(() => this.next());
  }

  private next(): void {
    if (this.current || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.worker ??= this.spawn();
    const worker = this.worker;
    const timer = setTimeout(() => {
      // Too slow: the worker is stopped mid-page and replaced.
      this.worker = undefined;
      this.finish();
      pending.reject(new PageReadError(`the page took longer than ${this.options.timeoutMs ?? 15_000} ms to read`));
      void worker.terminate();
    }, this.options.timeoutMs ?? 15_000);
    timer.unref();
    this.current = { pending, timer };
    worker.postMessage(pending.request);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new PageReadError('the page reader is closed'));
    const w = this.worker;
    this.worker = undefined;
    if (this.current) {
      const c = this.current;
      this.finish();
      c.pending.reject(new PageReadError('the page reader is closed'));
    }
    await w?.terminate();
  }
}
