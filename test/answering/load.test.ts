import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBriefing, loadLastBuilt, PART_CODE, type Loaded } from '../../src/answering/load';
import type { Briefing } from '../../src/answering/briefing';
import { readQuestions } from '../../scripts/eval';
import { copySeeds, ROOT, seedFile, tempDir } from '../helpers';
import { extractTimeline } from '../../src/timeline/timeline';

const QUESTIONS = [...readQuestions(path.join(ROOT, 'test/data/questions.dev.jsonl')).map((x) => x.q), 'where did the delegates meet in Lisbon', 'what did Almeida say about ports'];
const OTHER = path.join(ROOT, 'test/data/general/notre-dame/seeds');

/** The incremental load answers, cites, names people and dates the timeline exactly as a build from nothing. */
async function expectSameAsFullBuild(loaded: Loaded, dir: string): Promise<Briefing> {
  const full = (await loadBriefing({ seedsDir: dir })).briefing;
  const b = loaded.briefing;
  expect(b.corpus.sentences).toEqual(full.corpus.sentences);
  expect(b.corpus.articles).toEqual(full.corpus.articles);
  expect(b.people()).toEqual(full.people());
  for (const q of QUESTIONS) expect(b.ask(q)).toEqual(full.ask(q));
  return full;
}

describe('the incremental corpus (one cache entry per article)', () => {
  it('adding, changing and removing an article analyses that article only, and answers as a full rebuild', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    const first = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(first.articles).toEqual({ reused: 0, analysed: 5 });

    // Added.
    await fs.writeFile(
      path.join(dir, 'zz_lisbon.txt'),
      seedFile('Delegates meet in Lisbon', 'Delegates from both countries met in Lisbon to review the pact. Minister Ana Almeida said the ports would be watched.'),
    );
    const added = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(added.fromCache).toBe(false);
    expect(added.articles).toEqual({ reused: 5, analysed: 1 });
    await expectSameAsFullBuild(added, dir);
    expect(added.briefing.ask('where did the delegates meet').answers[0].text).toContain('Lisbon');

    // Changed: one of the real seeds gains a paragraph.
    const seed = (await fs.readdir(dir)).filter((f) => f.endsWith('.txt')).sort()[0];
    await fs.appendFile(path.join(dir, seed), '\nA later paragraph says the working group met again in Tianjin in March.\n');
    const changed = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(changed.articles).toEqual({ reused: 5, analysed: 1 });
    await expectSameAsFullBuild(changed, dir);
    expect(changed.briefing.ask('where did the working group meet again').answers[0].text).toContain('Tianjin');

    // Removed: nothing to analyse, and the entry is pruned.
    await fs.rm(path.join(dir, 'zz_lisbon.txt'));
    const removed = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(removed.articles).toEqual({ reused: 5, analysed: 0 });
    await expectSameAsFullBuild(removed, dir);
    expect(removed.briefing.corpus.articles.map((a) => a.id)).not.toContain('zz_lisbon');
    expect((await fs.readdir(path.join(cacheDir, 'parts'))).filter((f) => f.endsWith('.json'))).toHaveLength(5);
  }, 120_000);

  it('an article of another corpus joins with its own people and words, as in a full build', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    await loadBriefing({ seedsDir: dir, cacheDir });
    const other = (await fs.readdir(OTHER)).sort()[0];
    await fs.copyFile(path.join(OTHER, other), path.join(dir, other));
    const added = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(added.articles).toEqual({ reused: 5, analysed: 1 });
    await expectSameAsFullBuild(added, dir);
  }, 120_000);

  it('a damaged entry is analysed again, with a warning, and the answers do not change', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    const first = await loadBriefing({ seedsDir: dir, cacheDir });
    const parts = path.join(cacheDir, 'parts');
    // The entry whose person's name is damaged must name someone (which entry that is follows the
    // entries' names, hashes of the code too); the other four get the other kinds of damage.
    const names = (await fs.readdir(parts)).sort();
    const namesSomeone = async (name: string) => /"mentions":\[\{/.test(await fs.readFile(path.join(parts, name), 'utf8'));
    let fourth = names[3];
    for (const name of names) if (await namesSomeone(name)) fourth = name;
    const [victim, other, third, fifth] = names.filter((n) => n !== fourth);
    await fs.writeFile(path.join(parts, victim), '{"key": "cut sho');
    // Entries whose checksum was made to match a part of the wrong shape (as a careless tool would write them).
    const rewrite = async (name: string, change: (part: { sentences: unknown; mentions: { name: unknown }[]; article: { titleTerms?: string[] } }) => void) => {
      const text = await fs.readFile(path.join(parts, name), 'utf8');
      const newline = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, newline)) as { key: string; sum: string };
      const part = JSON.parse(text.slice(newline + 1)) as Parameters<typeof change>[0];
      change(part);
      const body = JSON.stringify(part);
      await fs.writeFile(path.join(parts, name), `${JSON.stringify({ key: header.key, sum: createHash('sha256').update(body).digest('hex') })}\n${body}`);
    };
    await rewrite(other, (p) => void (p.sentences = 'not a list'));
    // An entry of an older format: its article lacks the title's terms.
    await rewrite(third, (p) => void delete p.article.titleTerms);
    // One flipped byte: a person's name (it stopped the bot from starting); and one inside a sentence.
    await rewrite(fourth, (p) => void (p.mentions[0].name = null));
    const text = await fs.readFile(path.join(parts, fifth), 'utf8');
    const at = text.indexOf('"text":"') + 10;
    await fs.writeFile(path.join(parts, fifth), text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1));
    // The whole-corpus cache is gone, so the corpus is assembled from the per-article one.
    for (const f of await fs.readdir(cacheDir)) if (f.startsWith('corpus-') || f === 'current.json') await fs.rm(path.join(cacheDir, f));
    const again = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(again.articles).toEqual({ reused: 0, analysed: 5 });
    expect(again.warnings.join('\n')).toMatch(/5 articles in the per-article cache could not be used/);
    for (const q of QUESTIONS.slice(0, 10)) expect(again.briefing.ask(q)).toEqual(first.briefing.ask(q));
  }, 120_000);

  it('with writeLater, the briefing is returned first and the cache is whole once `written` settles', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    const first = await loadBriefing({ seedsDir: dir, cacheDir, writeLater: true });
    expect(first.written).toBeInstanceOf(Promise);
    expect(first.briefing.ask('who attended').kind).toBe('answer');
    await first.written;
    const again = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(again.fromCache).toBe(true);
    expect(again.written).toBeUndefined();
  }, 60_000);

  it('the corpus built last is offered after the seeds changed (saying so), and never one built by other code', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    expect(await loadLastBuilt({ seedsDir: dir, cacheDir })).toBeUndefined();
    await loadBriefing({ seedsDir: dir, cacheDir });
    const same = await loadLastBuilt({ seedsDir: dir, cacheDir });
    expect(same?.current).toBe(true);
    await fs.writeFile(path.join(dir, 'zz_new.txt'), seedFile('New', 'A new article about the talks in Oslo.'));
    const last = await loadLastBuilt({ seedsDir: dir, cacheDir });
    expect(last?.current).toBe(false);
    expect(last?.loaded.briefing.corpus.articles).toHaveLength(5);
    const pointer = path.join(cacheDir, 'current.json');
    await fs.writeFile(pointer, JSON.stringify({ ...JSON.parse(await fs.readFile(pointer, 'utf8')), salt: 'other code' }));
    expect(await loadLastBuilt({ seedsDir: dir, cacheDir })).toBeUndefined();
  }, 60_000);
});

describe('the events, built with the corpus and kept beside its cache', () => {
  it('a cached start reads them (the same timeline and event answers as built), and builds them again when the file is damaged', async () => {
    const dir = await copySeeds();
    const cacheDir = await tempDir();
    const first = await loadBriefing({ seedsDir: dir, cacheDir });
    const timeline = extractTimeline(first.briefing.corpus);
    const evt = (await fs.readdir(cacheDir)).find((f) => f.endsWith('.evt'))!;
    expect(evt).toBeDefined();
    const cached = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(cached.fromCache).toBe(true);
    expect(extractTimeline(cached.briefing.corpus)).toEqual(timeline);
    expect(cached.briefing.ask('when is the next meeting')).toEqual(first.briefing.ask('when is the next meeting'));
    // Read, not built: a line changed in the kept events (its checksum made again) shows.
    const file = path.join(cacheDir, evt);
    const text = await fs.readFile(file, 'utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { hash: string };
    const stored = JSON.parse(text.slice(newline + 1)) as { events: { summary: string; milestone: boolean }[] };
    stored.events.find((e) => e.milestone)!.summary = 'A summary read from the kept events.';
    const body = JSON.stringify(stored);
    await fs.writeFile(file, `${JSON.stringify({ hash: header.hash, sum: createHash('sha256').update(body).digest('hex') })}\n${body}`);
    const edited = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(extractTimeline(edited.briefing.corpus).map((m) => m.summary)).toContain('A summary read from the kept events.');
    // Damaged (a byte flipped, the checksum not made again): built again, as they were.
    await fs.writeFile(file, text.replace('"milestone":true', '"milestone":fals'));
    const damaged = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(extractTimeline(damaged.briefing.corpus)).toEqual(timeline);
    // The reports, kept apart and parsed only when needed, are the ones built; a flipped byte in their file makes the cache be rebuilt.
    expect(damaged.briefing.corpus.reports).toEqual(first.briefing.corpus.reports);
    const rep = path.join(cacheDir, evt.replace(/\.evt$/, '.rep'));
    const reps = await fs.readFile(rep, 'utf8');
    await fs.writeFile(rep, reps.replace('"kind":"meeting"', '"kind":"meetinG"'));
    const rebuilt = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.warnings.join('\n')).toMatch(/checksum/);
    expect(extractTimeline(rebuilt.briefing.corpus)).toEqual(timeline);
  }, 120_000);
});

describe("an article's part and the code it depends on (PART_CODE)", () => {
  it('every module the analysis of an article imports is in PART_CODE, so a change to one makes the parts stale; how events merge is not', () => {
    const src = path.join(ROOT, 'src');
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Imports that load code (not `import type`), relative to the module.
      for (const [, from] of text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gm)) {
        const target = path.resolve(path.dirname(file), from);
        visit(existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts'));
      }
    };
    visit(path.join(src, 'corpus/corpus.ts'));
    const covered = (f: string) => {
      const rel = path.relative(src, f).replace(/\.ts$/, '');
      return rel === 'types' || PART_CODE.some((c) => rel === c || rel.startsWith(`${c}/`));
    };
    for (const f of seen) expect(covered(f) ? f : `${path.relative(src, f)} (not in PART_CODE)`).toBe(f);
    expect([...seen].map((f) => path.relative(src, f))).not.toContain('events/events.ts');
  });
});
