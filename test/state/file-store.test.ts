import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { channelKey } from '../../src/state/store';
import { FileStateStore } from '../../src/state/file-store';
import type { ChannelRef } from '../../src/chat/core';
import { tempDir } from '../helpers';
import { describeStateStore } from '../support/store-contract';

const ch = (id: string): ChannelRef => ({ platform: 'slack', id, team: 'T1', name: id });

describe('FileStateStore', () => {
  it('persists across reopen (a restart)', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    await store.subscribe({ key: channelKey(ch('C1')), channel: ch('C1'), since: '2026-11-01T00:00:00.000Z' });
    const { store: again, report } = await FileStateStore.open(dir);
    expect(report).toEqual({});
    expect(again.read().subscriptions.map((s) => s.channel.id)).toEqual(['C1']);
  });

  it('concurrent updates lose nothing', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.subscribe({ key: `k${i}`, channel: ch(`C${i}`), since: 'x' })));
    const { store: again } = await FileStateStore.open(dir);
    expect(again.read().subscriptions).toHaveLength(40);
  });

  it('writes atomically: no temporary files are left and the file is always whole JSON', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.subscribe({ key: `k${i}`, channel: ch(`C${i}`), since: 'x' })));
    const files = await fs.readdir(dir);
    expect(files.sort()).toEqual(['state.json', 'state.json.bak']);
    expect(() => JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8'))).not.toThrow();
  });

  it('a corrupt state file is kept aside, reported, and the backup restored', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    await store.subscribe({ key: 'k', channel: ch('C9'), since: 'x' });
    await fs.writeFile(path.join(dir, 'state.json'), '{"version": 1, "subscriptions": [ {"broken"');
    const { store: again, report } = await FileStateStore.open(dir, () => new Date('2026-11-22T10:00:00Z'));
    expect(report.corrupt).toMatchObject({ problem: expect.stringMatching(/not valid JSON/), restoredFromBackup: true });
    expect(path.basename(report.corrupt!.movedTo)).toBe('state.json.corrupt-2026-11-22T10-00-00-000Z');
    expect(await fs.readFile(report.corrupt!.movedTo, 'utf8')).toContain('broken');
    expect(again.read().subscriptions.map((s) => s.channel.id)).toEqual(['C9']);
  });

  it('a corrupt file with no sound backup is reported, not silently replaced', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'state.json'), JSON.stringify({ version: 2, stuff: [] }));
    const { store, report } = await FileStateStore.open(dir);
    expect(report.corrupt).toMatchObject({ problem: expect.stringMatching(/unexpected content/), restoredFromBackup: false });
    expect(store.read().subscriptions).toEqual([]);
    expect((await fs.readdir(dir)).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });

  it('a missing state file with a sound backup is restored from it, and reported', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    await store.subscribe({ key: 'k', channel: ch('C5'), since: 'x' });
    await fs.rm(path.join(dir, 'state.json'));
    const { store: again, report } = await FileStateStore.open(dir);
    expect(report.restoredMissing).toBe(true);
    expect(again.read().subscriptions.map((s) => s.channel.id)).toEqual(['C5']);
    // Written back: the next start reads it from state.json itself, and the backup still holds it.
    const { store: third, report: r3 } = await FileStateStore.open(dir);
    expect(r3).toEqual({});
    expect(third.read().subscriptions.map((s) => s.channel.id)).toEqual(['C5']);
  });

  it('a backup that cannot be written does not undo a change the state file holds: memory and disk agree', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    // Something in the backup's way (a folder where the file should be).
    await fs.mkdir(store.backupFile);
    const A = ch('CA');
    await store.subscribe({ key: channelKey(A), channel: A, since: 'x' });
    expect(store.read().subscriptions.map((s) => s.key)).toEqual([channelKey(A)]);
    expect(store.backupProblem).toMatch(/backup .* could not be written/);
    const { store: reopened } = await FileStateStore.open(dir);
    expect(reopened.read().subscriptions.map((s) => s.key)).toEqual([channelKey(A)]);
    // The way cleared: the next write brings the backup up to date.
    await fs.rm(store.backupFile, { recursive: true });
    await store.unsubscribe(channelKey(A));
    expect(store.backupProblem).toBeUndefined();
    expect(JSON.parse(await fs.readFile(store.backupFile, 'utf8')).subscriptions).toEqual([]);
  });

  it('temporary files of writes a killed process never finished are removed at open', async () => {
    const dir = await tempDir();
    const { store } = await FileStateStore.open(dir);
    await store.subscribe({ key: 'k', channel: ch('C1'), since: 'x' });
    await fs.writeFile(path.join(dir, '.state.json.15931.2.tmp'), '{"half');
    await fs.writeFile(path.join(dir, '.state.json.bak.15931.3.tmp'), '');
    await fs.writeFile(path.join(dir, 'notes.tmp'), 'not ours');
    const { report } = await FileStateStore.open(dir);
    expect(report.removedTemporary?.sort()).toEqual(['.state.json.15931.2.tmp', '.state.json.bak.15931.3.tmp']);
    expect((await fs.readdir(dir)).sort()).toEqual(['notes.tmp', 'state.json', 'state.json.bak']);
  });
});

describeStateStore('FileStateStore', () => {
  let dir: string | undefined;
  return {
    open: async () => (await FileStateStore.open((dir = await tempDir()))).store,
    reopen: async () => (await FileStateStore.open(dir!)).store,
    shared: false,
  };
});
