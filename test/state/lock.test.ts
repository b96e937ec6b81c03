import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLock, DataDirLockedError, LOCK_FILE } from '../../src/state/lock';
import { tempDir } from '../helpers';

describe('DataDirLock', () => {
  it('refuses a second holder while the first runs, naming it', async () => {
    const dir = await tempDir();
    const first = await DataDirLock.acquire(dir);
    await expect(DataDirLock.acquire(dir, { pid: 4242 })).rejects.toThrow(new RegExp(`in use by process ${process.pid} on ${os.hostname()}`));
    await expect(DataDirLock.acquire(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.release();
    const again = await DataDirLock.acquire(dir, { pid: 4242 });
    await again.release();
  });

  it('takes over a lock whose process is gone, or that cannot be read', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const lock = await DataDirLock.acquire(dir, { isRunning: () => false });
    await lock.release();
    await fs.writeFile(path.join(dir, LOCK_FILE), '{"pid": 12');
    const lock2 = await DataDirLock.acquire(dir);
    await lock2.release();
    await expect(fs.stat(path.join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it("takes over a lock holding this process's own pid that it does not hold (a container restarted as pid 1), and one whose pid another process now has", async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const own = await DataDirLock.acquire(dir);
    await expect(DataDirLock.acquire(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await own.release();
    // Pid 4242 runs, but started an hour after the process that wrote the lock.
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: 1_000_000 }));
    const reused = await DataDirLock.acquire(dir, { isRunning: () => true, processStart: (pid) => (pid === 4242 ? 1_000_000 + 3_600_000 : undefined) });
    await reused.release();
    // The same start: the holder runs.
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: 1_000_000 }));
    await expect(DataDirLock.acquire(dir, { isRunning: () => true, processStart: (pid) => (pid === 4242 ? 1_000_500 : undefined) })).rejects.toThrow(/process 4242/);
  });

  it('of many starts that find one stale lock together, exactly one takes it', async () => {
    for (let round = 0; round < 10; round++) {
      const dir = await tempDir();
      await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
      const starts = Array.from({ length: 8 }, (_, i) => DataDirLock.acquire(dir, { pid: 5000 + i, isRunning: (pid) => pid !== 999_999, processStart: () => undefined }));
      const results = await Promise.allSettled(starts);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirLockedError);
      const names = await fs.readdir(dir);
      expect(names).toEqual([LOCK_FILE]);
    }
  });

  it('does not take over a lock held on another host (a shared volume)', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, host: 'other-host', startedAt: '2026-01-01T00:00:00.000Z' }));
    await expect(DataDirLock.acquire(dir, { isRunning: () => false })).rejects.toThrow(/process 999999 on other-host/);
  });

  it('release leaves a lock that is no longer its own', async () => {
    const dir = await tempDir();
    const lock = await DataDirLock.acquire(dir);
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 7, host: 'h', startedAt: 'x' }));
    await lock.release();
    expect(JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(7);
  });
});
