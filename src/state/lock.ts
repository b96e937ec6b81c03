/**
 * One instance per DATA_DIR: an exclusive lock file holding the owner's pid,
 * host and start time, created with O_EXCL. A lock left by a process that is
 * gone (same host, pid not running) is stale and taken over; a live holder
 * makes the second start fail with a message that names it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'cyberpact.lock';

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    super(
      `DATA_DIR ${dir} is in use by process ${holder.pid} on ${holder.host} (started ${holder.startedAt}): ` +
        `stop that process, or set DATA_DIR to another folder. If no such process runs, delete ${path.join(dir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface LockOptions {
  pid?: number;
  host?: string;
  now?: () => Date;
  /** Is a process of this host running? Default: signal 0. */
  isRunning?: (pid: number) => boolean;
}

function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLock {
  private constructor(
    readonly file: string,
    private readonly holder: Holder,
  ) {}

  /** Take the lock on `dir`, or throw DataDirLockedError naming the live holder. */
  static async acquire(dir: string, options: LockOptions = {}): Promise<DataDirLock> {
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, LOCK_FILE);
    const me: Holder = { pid: options.pid ?? process.pid, host: options.host ?? os.hostname(), startedAt: (options.now?.() ?? new Date()).toISOString() };
    const isRunning = options.isRunning ?? processRunning;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fh = await fs.open(file, 'wx', 0o600);
        try {
          await fh.writeFile(JSON.stringify(me));
          await fh.sync();
        } finally {
          await fh.close();
        }
        return new DataDirLock(file, me);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = await readHolder(file);
      // Unreadable (a crash while writing it) or left by a process of this host that is gone: stale.
      const stale = !holder || (holder.host === me.host && holder.pid !== me.pid && !isRunning(holder.pid));
      if (holder && !stale) throw new DataDirLockedError(dir, holder);
      await fs.rm(file, { force: true });
    }
    throw new Error(`could not take the lock ${file}`);
  }

  /** Give the lock up (only if it is still ours). */
  async release(): Promise<void> {
    const holder = await readHolder(this.file);
    if (holder && holder.pid === this.holder.pid && holder.startedAt === this.holder.startedAt) await fs.rm(this.file, { force: true });
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.startedAt === 'string' ? (h as Holder) : undefined;
  } catch {
    return undefined;
  }
}
