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
