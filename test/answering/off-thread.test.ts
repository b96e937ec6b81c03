import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { copySeeds, ROOT, seedFile, SEEDS, tempDir } from '../helpers';

// The worker runs compiled code: the tests use dist/ (built here when a source is newer).
execFileSync(process.execPath, ['-e', "require('./scripts/build').ensureBuilt()"], { cwd: ROOT, stdio: 'ignore' });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadOffThread, canLoadOffThread } = require(path.join(ROOT, 'dist/src/answering/off-thread.js')) as typeof import('../../src/answering/off-thread');

describe('loading the corpus in a worker thread (what a running bot does on a change)', () => {
  it('builds in the worker while this thread keeps running, and answers as the in-thread load does', async () => {
    expect(canLoadOffThread()).toBe(true);
    const dir = await copySeeds();
    await fs.writeFile(path.join(dir, 'zz_broken.txt'), 'no header here');
    const cacheDir = await tempDir();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const first = await loadOffThread({ seedsDir: dir, cacheDir });
    clearInterval(timer);
    // Analysing five articles and opening WordNet take most of a second: this thread ticked meanwhile.
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(first.fromCache).toBe(false);
    expect(first.articles).toEqual({ reused: 0, analysed: 5 });
    expect(first.errors.map((e) => e.file)).toEqual(['zz_broken.txt']);
    expect(first.briefing.ask('who attended').kind).toBe('answer');

    await fs.writeFile(path.join(dir, 'zz_lisbon.txt'), seedFile('Delegates meet in Lisbon', 'Delegates from both countries met in Lisbon to review the cyber pact.'));
    const second = await loadOffThread({ seedsDir: dir, cacheDir });
    expect(second.articles).toEqual({ reused: 5, analysed: 1 });
    expect(second.briefing.ask('where did the delegates meet').answers[0].text).toContain('Lisbon');
  }, 60_000);

  it('a load that fails in the worker says why', async () => {
    await expect(loadOffThread({ seedsDir: path.join(await tempDir(), 'missing'), cacheDir: await tempDir() })).rejects.toThrow(/cannot read the seeds folder/);
  }, 30_000);

  it('without a cache folder to hand the result over, it loads on this thread', async () => {
    const loaded = await loadOffThread({ seedsDir: SEEDS });
    expect(loaded.briefing.corpus.articles).toHaveLength(5);
  }, 30_000);
});
