import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchQuestions, dropIn, PEOPLE_KINDS, runEngine } from '../../scripts/bench';
import { generateCorpus, zipf, prng } from '../../scripts/bench-corpus';
import { loadBriefing } from '../../src/answering/load';
import { copySeeds, SEEDS, tempDir } from '../helpers';

describe('benchmark (smoke: the 5-article size)', () => {
  it('measures every engine on the real seeds', async () => {
    const qs = benchQuestions();
    expect(qs.filter((q) => q.kind === 'seed').length).toBeGreaterThanOrEqual(60);
    expect(qs.filter((q) => q.kind === 'typo')).toHaveLength(qs.filter((q) => q.kind === 'seed').length);
    expect(qs.filter((q) => q.kind === 'offtopic')).toHaveLength(20);
    // Questions about people, in each of their kinds.
    for (const kind of PEOPLE_KINDS) expect(qs.filter((q) => q.kind === kind).length).toBeGreaterThanOrEqual(8);
    for (const engine of ['core', 'minisearch', 'fuse'] as const) {
      const r = await runEngine(engine, SEEDS, 5, qs.slice(0, 10));
      expect(r).toMatchObject({ engine, size: 5, sentences: expect.any(Number) });
      expect(r.sentences).toBeGreaterThan(50);
      expect(r.medianMs).toBeGreaterThan(0);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.medianMs);
      expect(r.skipped).toBeUndefined();
      expect(r.slowest.length).toBeGreaterThan(0);
    }
    const core = await runEngine('core', SEEDS, 5, qs);
    // Timed per kind, people's kinds included; the ten slowest named.
    for (const kind of ['seed', 'typo', 'offtopic', ...PEOPLE_KINDS]) expect(core.byKind?.[kind]?.p99Ms).toBeGreaterThanOrEqual(core.byKind![kind].medianMs);
    expect(core.slowest).toHaveLength(10);
    expect(core.quality!.seedTop1).toBeGreaterThan(core.quality!.seed * 0.8);
    expect(core.quality!.offTopic).toBe(20);
    expect(core.quality!.offTopicAnswers).toHaveLength(20 - core.quality!.offTopicRefused);
  }, 60_000);

  it('generates the same synthetic corpus from the same seed, loadable as seeds', async () => {
    const a = await tempDir();
    const b = await tempDir();
    generateCorpus(SEEDS, a, 8, { seed: 42, vocabulary: 2000 });
    generateCorpus(SEEDS, b, 8, { seed: 42, vocabulary: 2000 });
    const files = readdirSync(a).sort();
    expect(files).toHaveLength(8);
    for (const f of files) expect(readFileSync(path.join(a, f), 'utf8')).toBe(readFileSync(path.join(b, f), 'utf8'));
    const loaded = await loadBriefing({ seedsDir: a });
    expect(loaded.errors).toEqual([]);
    expect(loaded.briefing.corpus.articles).toHaveLength(8);
    // Real words, with the seeds' own names among them.
    const generated = files
      .filter((f) => f.startsWith('gen_'))
      .map((f) => readFileSync(path.join(a, f), 'utf8'))
      .join(' ');
    expect(generated).toMatch(/\b(the|and|you)\b/);
    expect(generated.split(/\s+/).length).toBeGreaterThan(1000);
  }, 60_000);

  it('samples ranks with a Zipf-like skew', () => {
    const draw = zipf(1000, 1.07, prng(1));
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 20_000; i++) counts[draw()]++;
    expect(counts[0]).toBeGreaterThan(counts[9] * 5);
    expect(counts[9]).toBeGreaterThan(counts[99]);
  });

  it('times an article dropped into a watched folder until it is the answer, and removes it after', async () => {
    const dir = await copySeeds();
    const r = await dropIn(dir, await tempDir(), false);
    expect(r.ms).toBeGreaterThan(0);
    expect(r.exactMs).toBeGreaterThan(0);
    expect(r.stallMs).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir).sort()).toEqual(readdirSync(SEEDS).sort());
  }, 60_000);
});
