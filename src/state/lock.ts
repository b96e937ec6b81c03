/**
 * One instance per DATA_DIR: an exclusive lock file holding the owner's pid,
 * host and start time, created with O_EXCL. A lock left by a process that is
 * gone (same host, and no process with its pid, or one that started at another
 * time: a container restarted after a kill is pid 1 again) is stale and taken
 * over, under a second short-lived lock so that two starts never both replace
 * it; a live holder makes the second start fail with a message that names it.
 */
import { readFileSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'cyberpact.lock';

/** The lock files this process holds: a lock with this process's pid that is not one of them was left by an earlier process. */
const held = new Set<string>();

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** When the holding process started (ms since the epoch), where the system tells: a pid used again by a later process is not the holder. */
  processStart?: number;
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
  /** When a running process of this host started (ms since the epoch), if the system tells. Default: /proc on Linux. */
  processStart?: (pid: number) => number | undefined;
}

/** Two readings of one process's start differ by the clock ticks' rounding; a different process started seconds apart at least. */
const SAME_START_MS = 2_000;
/** A take-over guard older than this was left by a start that died while replacing a stale lock. */
const GUARD_STALE_MS = 10_000;

/** When a process started, from /proc (Linux): its start in clock ticks after boot, plus the boot time. */
export function linuxProcessStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces and parentheses): the start is the 22nd field, the 20th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    // USER_HZ is 100 on every Linux the bot runs on.
    return boot && Number.isFinite(ticks) ? Number(boot[1]) * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
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
    const startOf = options.processStart ?? linuxProcessStart;
    const pid = options.pid ?? process.pid;
    const started = startOf(pid);
    const me: Holder = { pid, host: options.host ?? os.hostname(), startedAt: (options.now?.() ?? new Date()).toISOString(), ...(started !== undefined ? { processStart: started } : {}) };
    const isRunning = options.isRunning ?? processRunning;
    // Is the holder still running? Not when no process has its pid, nor when the one that has it started at
    // another time; a lock with this very pid that this process does not hold is an earlier process's.
    const live = (h: Holder) => {
      if (h.host !== me.host) return true;
      if (h.pid === process.pid && !held.has(file)) return false;
      if (!isRunning(h.pid)) return false;
      const now = h.processStart === undefined ? undefined : startOf(h.pid);
      return now === undefined || Math.abs(now - h.processStart!) <= SAME_START_MS;
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const fh = await fs.open(file, 'wx', 0o600);
        try {
          await fh.writeFile(JSON.stringify(me));
          await fh.sync();
        } finally {
          await fh.close();
        }
        if (me.pid === process.pid) held.add(file);
        return new DataDirLock(file, me);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const text = await fs.readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const holder = holderOf(text);
      // Unreadable (a crash while writing it) or left by a process of this host that is gone: stale.
      if (holder && live(holder)) throw new DataDirLockedError(dir, holder);
      await replaceStale(file, text);
    }
    throw new Error(`could not take the lock ${file}`);
  }

  /** Give the lock up (only if it is still ours). */
  async release(): Promise<void> {
    const holder = await readHolder(this.file);
    if (holder && holder.pid === this.holder.pid && holder.startedAt === this.holder.startedAt) {
      await fs.rm(this.file, { force: true });
      if (this.holder.pid === process.pid) held.delete(this.file);
    }
  }
}

/**
 * Remove a stale lock, only as it was judged (`text`), under a guard file taken with O_EXCL: of two
 * starts that both found it stale, one removes it and takes the lock; the other finds the new one.
 */
async function replaceStale(file: string, text: string): Promise<void> {
  const guard = `${file}.takeover`;
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(guard, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = await fs.stat(guard).then(
      (st) => Date.now() - st.mtimeMs,
      () => 0,
    );
    if (age > GUARD_STALE_MS) await fs.rm(guard, { force: true });
    else await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    return;
  }
  try {
    await fh.close();
    if ((await fs.readFile(file, 'utf8').catch(() => undefined)) === text) await fs.rm(file, { force: true });
  } finally {
    await fs.rm(guard, { force: true });
  }
}

function holderOf(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.startedAt === 'string' && (h.processStart === undefined || typeof h.processStart === 'number')
      ? (h as Holder)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  return holderOf(await fs.readFile(file, 'utf8').catch(() => ''));
}
