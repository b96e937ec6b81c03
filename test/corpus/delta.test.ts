import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadBriefing, loadChanged, type Loaded } from '../../src/answering/load';
import { readQuestions } from '../../scripts/eval';
import { copySeeds, ROOT, seedFile, tempDir } from '../helpers';

const QUESTIONS = [
  ...readQuestions(path.join(ROOT, 'test/data/questions.dev.jsonl')).map((x) => x.q),
  ...readQuestions(path.join(ROOT, 'test/data/questions.chat.jsonl')).map((x) => x.q),
  'where did the delegates meet in Lisbon',
  'what did Almeida say about ports',
  'who is Ana Almeida',
];
const OTHER = path.join(ROOT, 'test/data/general/notre-dame/seeds');

/** The changed corpus holds what a full build holds, and answers every question as it does. */
async function expectLikeFullBuild(changed: Loaded, dir: string): Promise<void> {
  const full = (await loadBriefing({ seedsDir: dir })).briefing;
  const b = changed.briefing;
  expect(changed.exact).toBe(false);
  expect(b.corpus.articles).toEqual(full.corpus.articles);
  expect(JSON.parse(JSON.stringify(b.corpus.sentences))).toEqual(JSON.parse(JSON.stringify(full.corpus.sentences)));
  // The index: the same postings for every term, the same lengths.
  const [x, y] = [b.index.serialize(), full.index.serialize()];
  expect(new Set(x.terms)).toEqual(new Set(y.terms));
  expect(x.lengths).toEqual(y.lengths);
  expect(x.avgLength).toBeCloseTo(y.avgLength, 9);
  for (const t of y.terms) expect(b.index.postings(t)).toEqual(full.index.postings(t));
  for (const q of QUESTIONS) expect([q, b.ask(q)]).toEqual([q, full.ask(q)]);
}

describe('a corpus changed by a few articles (loadChanged)', () => {
  it('adding, changing and removing an article answers as a full build, reading only the changed files', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    let previous = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(previous.files?.map((f) => Boolean(f.key))).toEqual([true, true, true, true, true]);

    // Added (between the seeds in the files' order, so every later sentence is renumbered).
    await fs.writeFile(
      path.join(dir, 'b_lisbon.txt'),
      seedFile('Delegates meet in Lisbon', 'Delegates from both countries met in Lisbon to review the pact. Minister Ana Almeida said the ports would be watched.'),
    );
    const added = (await loadChanged({ seedsDir: dir, cacheDir, previous, maxShare: 1 }))!;
    expect(added.articles).toEqual({ reused: 5, analysed: 1 });
    await expectLikeFullBuild(added, dir);
    expect(added.briefing.ask('where did the delegates meet').answers[0].text).toContain('Lisbon');
    previous = added;

    // Changed: a seed gains a paragraph.
    const seed = (await fs.readdir(dir)).filter((f) => f.endsWith('.txt')).sort()[0];
    await fs.appendFile(path.join(dir, seed), '\nA later paragraph says the working group met again in Tianjin in March.\n');
    const changed = (await loadChanged({ seedsDir: dir, cacheDir, previous, maxShare: 1 }))!;
    expect(changed.articles).toEqual({ reused: 5, analysed: 1 });
    await expectLikeFullBuild(changed, dir);
    expect(changed.briefing.ask('where did the working group meet again').answers[0].text).toContain('Tianjin');
    previous = changed;

    // Removed.
    await fs.rm(path.join(dir, 'b_lisbon.txt'));
    const removed = (await loadChanged({ seedsDir: dir, cacheDir, previous, maxShare: 1 }))!;
    expect(removed.articles).toEqual({ reused: 5, analysed: 0 });
    await expectLikeFullBuild(removed, dir);
    expect(removed.briefing.corpus.articles.map((a) => a.id)).not.toContain('b_lisbon');
  }, 120_000);

  it('an article of another corpus joins with its own words, and answers as a full build', async () => {
    const dir = await copySeeds();
    const previous = await loadBriefing({ seedsDir: dir, cacheDir: await tempDir() });
    const other = (await fs.readdir(OTHER)).sort()[0];
    await fs.copyFile(path.join(OTHER, other), path.join(dir, other));
    await expectLikeFullBuild((await loadChanged({ seedsDir: dir, previous, maxShare: 1 }))!, dir);
  }, 120_000);

  it('a start with deltaShare changes the corpus built last when few articles changed, stores nothing, and assembles it whole when many did', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    await loadBriefing({ seedsDir: dir, cacheDir });
    const cacheFiles = async () => (await fs.readdir(cacheDir)).filter((f) => f !== 'parts').sort();
    const stored = await cacheFiles();
    const pointer = await fs.readFile(path.join(cacheDir, 'current.json'), 'utf8');
    await fs.writeFile(path.join(dir, 'b_lisbon.txt'), seedFile('Delegates meet in Lisbon', 'Delegates from both countries met in Lisbon to review the pact.'));
    // One of six articles is more than 2% of them: a full assembly, exact, stored.
    const many = await loadBriefing({ seedsDir: dir, cacheDir, deltaShare: 0.02 });
    expect(many.exact).toBe(true);
    expect(many.articles).toEqual({ reused: 5, analysed: 1 });
    await fs.rm(path.join(dir, 'b_lisbon.txt'));
    await loadBriefing({ seedsDir: dir, cacheDir });
    expect(await cacheFiles()).toEqual(stored);

    await fs.writeFile(path.join(dir, 'b_lisbon.txt'), seedFile('Delegates meet in Lisbon', 'Delegates from both countries met in Lisbon to review the pact.'));
    const few = await loadBriefing({ seedsDir: dir, cacheDir, deltaShare: 0.5 });
    expect(few.exact).toBe(false);
    expect(few.fromCache).toBe(false);
    expect(few.briefing.ask('where did the delegates meet').answers[0].text).toContain('Lisbon');
    // Not stored: the pointer and the built corpus are the exact ones of before; the next full load assembles it, from cached parts.
    expect(await cacheFiles()).toEqual(stored);
    expect(await fs.readFile(path.join(cacheDir, 'current.json'), 'utf8')).toBe(pointer);
    const full = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(full.exact).toBe(true);
    expect(full.articles).toEqual({ reused: 6, analysed: 0 });
    expect(few.hash).toBe(full.hash);
  }, 120_000);
});
