/**
 * The briefing the bot answers from, kept current while it runs: a change in
 * the seeds folder (a file added, changed or removed) loads the corpus again
 * (incrementally, see load.ts) and swaps the new briefing in only when it is
 * whole, so no question is answered from a half-built index. With a quick
 * load, the changed articles are answered from within a second, and the
 * full load replaces that corpus when it is done.
 */
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import type { Briefing } from './briefing';
import type { Loaded } from './load';

/** Where the current briefing is read from: a fixed one, or one that is replaced as the corpus changes. */
export interface BriefingSource {
  readonly current: Briefing;
}

export function sourceOf(b: Briefing | BriefingSource): BriefingSource {
  return 'current' in b ? b : { current: b };
}

export interface LiveOptions {
  /** Loads the corpus (the composition root passes loadBriefing with its folders, writing the cache after it answers). */
  load: () => Promise<Loaded>;
  /**
   * A quicker load to answer from while `load` runs: the corpus changed by the changed articles
   * only (load.ts, loadChanged), close to what `load` gives. Undefined when it does not apply.
   */
  quick?: () => Promise<Loaded | undefined>;
  /** Told of each finished reload (and each quick one), with how long it took. */
  onReload?: (loaded: Loaded, ms: number) => void;
  /** Told of a reload that failed (the previous briefing stays). */
  onError?: (error: unknown) => void;
  /** What the initial briefing was loaded from (Loaded.hash, when exact): a reload that finds the same files is none. */
  loadedHash?: string;
}

export class LiveBriefing implements BriefingSource {
  private briefing: Briefing;
  private running?: Promise<void>;
  private pending = false;
  /** The files the briefing in use was exactly loaded from: a reload finding them again (a second event for one change) swaps nothing. */
  private exactHash?: string;
  /** The folders watched, each with its watcher and timers. */
  private readonly watches = new Map<string, FolderWatch>();

  constructor(
    initial: Briefing,
    private readonly options: LiveOptions,
  ) {
    this.briefing = initial;
    this.exactHash = options.loadedHash;
  }

  get current(): Briefing {
    return this.briefing;
  }

  /**
   * Load the corpus again and swap it in. Reloads never overlap: one asked
   * for while another runs starts after it (and several such requests make
   * one), so the last change is always picked up.
   */
  reload(): Promise<void> {
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.pending = false;
        const t0 = performance.now();
        try {
          const quick = await this.options.quick?.().catch((e: unknown) => void this.options.onError?.(e));
          if (quick && quick.briefing !== this.briefing && quick.hash !== this.exactHash) {
            this.briefing = quick.briefing;
            this.exactHash = quick.exact ? quick.hash : undefined;
            this.options.onReload?.(quick, performance.now() - t0);
            if (quick.exact) continue;
          }
          const loaded = await this.options.load();
          if (loaded.hash === this.exactHash) continue;
          this.briefing = loaded.briefing;
          this.exactHash = loaded.exact ? loaded.hash : undefined;
          this.options.onReload?.(loaded, performance.now() - t0);
          // A cache written after the swap (LoadOptions.writeLater) is finished before the next load reads it.
          await loaded.written;
        } catch (e) {
          this.options.onError?.(e);
        }
      } while (this.pending);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Watch a folder (several may be watched): after a change to a `.txt` file,
   * and `debounceMs` without another, reload. A burst of changes (a copy of
   * many files) makes one reload. A folder that is removed or replaced (a
   * deploy, a checkout) is watched again once it is back (checked every
   * `recheckMs`), and read again then.
   */
  watch(dir: string, debounceMs = 500, recheckMs = 2000): void {
    this.watches.get(dir)?.close();
    const w = new FolderWatch(dir, debounceMs, recheckMs, () => void this.reload());
    this.watches.set(dir, w);
    w.arm();
  }

  /** Stop watching, and wait for a reload under way. */
  async close(): Promise<void> {
    for (const w of this.watches.values()) w.close();
    this.watches.clear();
    await this.running;
  }
}

/** One watched folder: its watcher, the debounce timer, and the wait for a folder that went away. */
class FolderWatch {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly debounceMs: number,
    private readonly recheckMs: number,
    private readonly changed: () => void,
  ) {}

  /** Start the watcher on the folder as it is now; when it is not there, try again later. */
  arm(): void {
    if (this.closed) return;
    this.watcher?.close();
    this.watcher = undefined;
    let inode: number;
    try {
      inode = statSync(this.dir).ino;
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (name && !String(name).endsWith('.txt') && !this.replaced(inode)) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.changed();
          if (this.replaced(inode)) this.recheck();
        }, this.debounceMs);
      });
    } catch {
      this.recheck();
      return;
    }
    this.watcher.on('error', () => this.recheck());
  }

  /** Is the watched folder gone, or another folder now at its path? */
  private replaced(inode: number): boolean {
    try {
      return statSync(this.dir).ino !== inode;
    } catch {
      return true;
    }
  }

  /** The folder went away: look for it again in a while, and when it is back, watch it and read it. */
  private recheck(): void {
    if (this.closed) return;
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.closed) return;
      if (!existsSync(this.dir)) return this.recheck();
      this.arm();
      this.changed();
    }, this.recheckMs);
    this.retry.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
