import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Briefing } from '../../src/answering/briefing';
import { LiveBriefing, type LiveOptions } from '../../src/answering/live';
import { loadBriefing, loadChanged, type Loaded } from '../../src/answering/load';
import { seedBriefing, seedFile, tempDir, until } from '../helpers';

const loadedOf = (briefing: Briefing): Loaded => ({ briefing, errors: [], warnings: [], hash: 'h', fromCache: false, exact: true });

const TALKS_OPEN = seedFile('Talks open', 'Negotiators opened the cyber talks in Geneva.');

/** A seeds folder with one article, and a live briefing loading it as the bot does (cache written after the swap). */
async function watchedFolder(hooks: Omit<LiveOptions, 'load'> = {}) {
  const dir = await tempDir();
  const cacheDir = await tempDir();
  await fs.writeFile(path.join(dir, 'a.txt'), TALKS_OPEN);
  const load = () => loadBriefing({ seedsDir: dir, cacheDir, writeLater: true });
  const live = new LiveBriefing((await load()).briefing, { load, ...hooks });
  return { dir, live };
}

describe('the live briefing (the seeds folder watched while running)', () => {
  it('a file dropped into the folder becomes answerable, a changed one is re-read, a removed one is gone', async () => {
    const reloads: Loaded[] = [];
    const { dir, live } = await watchedFolder({ onReload: (l) => reloads.push(l) });
    live.watch(dir, 50);
    try {
      expect(
        live.current
          .ask('where were the talks reviewed in Vienna')
          .answers.map((a) => a.text)
          .join(' '),
      ).not.toContain('Vienna');
      await fs.writeFile(path.join(dir, 'b.txt'), seedFile('Talks reviewed', 'Delegates reviewed the cyber talks in Vienna in the spring.'));
      await until(() => live.current.corpus.articles.length === 2);
      expect(live.current.ask('where were the talks reviewed').answers[0].text).toContain('Vienna');
      expect(reloads.at(-1)!.articles).toEqual({ reused: 1, analysed: 1 });

      await fs.writeFile(path.join(dir, 'b.txt'), seedFile('Talks reviewed', 'Delegates reviewed the cyber talks in Lisbon in the spring.'));
      await until(() => live.current.corpus.sentences.some((s) => s.text.includes('Lisbon')));
      expect(live.current.ask('where were the talks reviewed').answers[0].text).toContain('Lisbon');

      await fs.rm(path.join(dir, 'b.txt'));
      await until(() => live.current.corpus.articles.length === 1);
      // Files other than articles do not reload.
      const before = reloads.length;
      await fs.writeFile(path.join(dir, 'notes.md'), 'not an article');
      await new Promise((r) => setTimeout(r, 300));
      expect(reloads).toHaveLength(before);
    } finally {
      await live.close();
    }
  }, 60_000);

  it('a seeds folder that is removed and put back (a deploy, a checkout) is watched again and read again', async () => {
    const errors: unknown[] = [];
    const { dir, live } = await watchedFolder({ onError: (e) => errors.push(e) });
    live.watch(dir, 50, 100);
    try {
      await fs.rm(dir, { recursive: true });
      await until(() => errors.length > 0);
      // Still answering from what it had.
      expect(live.current.ask('where were the talks opened').answers[0].text).toContain('Geneva');
      await fs.mkdir(dir);
      await fs.writeFile(path.join(dir, 'a.txt'), TALKS_OPEN);
      await fs.writeFile(path.join(dir, 'c.txt'), seedFile('Talks close', 'The cyber talks closed in Oslo after three days.'));
      await until(() => live.current.corpus.articles.length === 2);
      expect(live.current.ask('where did the talks close').answers[0].text).toContain('Oslo');
      // And the new folder is watched.
      await fs.writeFile(path.join(dir, 'd.txt'), seedFile('Talks resume', 'The cyber talks resumed in Nairobi in the autumn.'));
      await until(() => live.current.corpus.articles.length === 3);
    } finally {
      await live.close();
    }
  }, 60_000);

  it('answers from the previous corpus until the new one is whole, and reloads asked for meanwhile make one more', async () => {
    const old = await seedBriefing();
    const next = await seedBriefing();
    const gates: (() => void)[] = [];
    let calls = 0;
    const live = new LiveBriefing(old, {
      load: async () => {
        calls++;
        await new Promise<void>((r) => gates.push(r));
        return loadedOf(next);
      },
    });
    const first = live.reload();
    void live.reload();
    void live.reload();
    await until(() => gates.length === 1);
    expect(live.current).toBe(old);
    gates[0]();
    await until(() => gates.length === 2);
    expect(calls).toBe(2);
    gates[1]();
    await first;
    await live.close();
    expect(calls).toBe(2);
    expect(live.current).toBe(next);
  });

  it('a reload that fails keeps the previous corpus and says why', async () => {
    const old = await seedBriefing();
    const errors: unknown[] = [];
    const live = new LiveBriefing(old, {
      load: () => Promise.reject(new Error('cannot read the seeds folder /x: ENOENT')),
      onError: (e) => errors.push(e),
    });
    await live.reload();
    expect(live.current).toBe(old);
    expect(String(errors[0])).toContain('ENOENT');
  });

  it('a quick load is answered from at once, then the full load replaces it', async () => {
    const dir = await tempDir();
    const cacheDir = await tempDir();
    await fs.writeFile(path.join(dir, 'a.txt'), TALKS_OPEN);
    let current = await loadBriefing({ seedsDir: dir, cacheDir });
    let release!: () => void;
    const fullMayFinish = new Promise<void>((r) => (release = r));
    const seen: boolean[] = [];
    const live = new LiveBriefing(current.briefing, {
      quick: () => loadChanged({ seedsDir: dir, cacheDir, previous: current, maxShare: 1 }),
      load: async () => {
        await fullMayFinish;
        return loadBriefing({ seedsDir: dir, cacheDir });
      },
      onReload: (l) => {
        current = l;
        seen.push(l.exact);
      },
    });
    await fs.writeFile(path.join(dir, 'b.txt'), seedFile('Talks reviewed', 'Delegates reviewed the cyber talks in Vienna in the spring.'));
    const reloaded = live.reload();
    // The changed corpus answers while the full load is held back.
    await until(() => seen.length === 1);
    expect(seen).toEqual([false]);
    expect(live.current.ask('where were the talks reviewed').answers[0].text).toContain('Vienna');
    release();
    await reloaded;
    expect(seen).toEqual([false, true]);
    expect(live.current.ask('where were the talks reviewed').answers[0].text).toContain('Vienna');
    // Nothing changed since: neither the quick load nor the full one (the same files) is swapped in.
    const before = live.current;
    await live.reload();
    expect(seen).toEqual([false, true]);
    expect(live.current).toBe(before);
  }, 60_000);

  it('a reload that finds the files the briefing was loaded from swaps nothing and reports nothing', async () => {
    const old = await seedBriefing();
    const next = await seedBriefing();
    const reported: string[] = [];
    let hash = 'h1';
    const live = new LiveBriefing(old, { load: async () => ({ ...loadedOf(next), hash }), onReload: (l) => reported.push(l.hash), loadedHash: 'h1' });
    // A second file-system event for a change already loaded (a removal is often two).
    await live.reload();
    expect(live.current).toBe(old);
    hash = 'h2';
    await live.reload();
    await live.reload();
    expect(live.current).toBe(next);
    expect(reported).toEqual(['h2']);
  });
});
