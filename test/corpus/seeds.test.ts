import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadBriefing } from '../../src/answering/load';
import { parseSeed } from '../../src/corpus/seeds';
import { copySeeds, SEEDS, seedFile, tempDir } from '../helpers';

describe('seed files', () => {
  it('parses the header into metadata with date precision', () => {
    const a = parseSeed('x.txt', seedFile('A title', 'Body text here.', '2015-09'));
    expect(a).toMatchObject({ id: 'x', title: 'A title', publisher: 'Test Wire', published: { iso: '2015-09', precision: 'month' } });
  });

  it.each([
    ['no header', 'Just text.', /missing header/],
    ['no title', '---\npublisher: P\npublished: 2015\n---\nText.', /header has no title/],
    ['bad date', '---\ntitle: T\npublisher: P\npublished: 2015-13\n---\nText.', /published is not a date/],
    ['empty body', '---\ntitle: T\npublisher: P\npublished: 2015\n---\n   ', /no article text/],
    ['binary', 'abc\u0000def', /binary/],
  ])('rejects %s with a message saying what is wrong', (_n, content, msg) => {
    expect(() => parseSeed('bad.txt', content)).toThrow(msg);
  });

  it('a malformed or oversized file is reported by name; the others still load', async () => {
    const dir = await copySeeds();
    await fs.writeFile(path.join(dir, 'zz_broken.txt'), 'no header here');
    await fs.writeFile(path.join(dir, 'zz_huge.txt'), seedFile('Huge', 'word '.repeat(300_000)));
    const loaded = await loadBriefing({ seedsDir: dir });
    expect(loaded.briefing.corpus.articles).toHaveLength(5);
    expect(loaded.errors.map((e) => e.file).sort()).toEqual(['zz_broken.txt', 'zz_huge.txt']);
    expect(loaded.errors.find((e) => e.file === 'zz_broken.txt')!.message).toMatch(/missing header/);
  });

  it('a dropped-in article is answerable with no code change', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'new.txt'), seedFile('Pact review', 'Negotiators from both countries reviewed the cyber pact in Geneva on a rainy Tuesday.'));
    const { briefing } = await loadBriefing({ seedsDir: dir });
    const r = briefing.ask('where was the pact reviewed');
    expect(r.answers[0].text).toContain('Geneva');
    expect(r.answers[0].source.title).toBe('Pact review');
  });

  it('caches the built corpus and rebuilds when a seed changes', async () => {
    const dir = await tempDir();
    const cacheDir = await tempDir();
    await fs.writeFile(path.join(dir, 'a.txt'), seedFile('One', 'The first version of the text mentions Geneva.'));
    const first = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(first.fromCache).toBe(false);
    const second = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(second.fromCache).toBe(true);
    expect(second.briefing.ask('geneva').answers[0].text).toContain('Geneva');
    await fs.writeFile(path.join(dir, 'a.txt'), seedFile('One', 'The second version of the text mentions Vienna.'));
    const third = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(third.fromCache).toBe(false);
    expect(third.briefing.ask('vienna').answers[0].text).toContain('Vienna');
    expect((await fs.readdir(cacheDir)).filter((f) => f.startsWith('corpus-')).sort()).toEqual([
      `corpus-${third.hash}.bin`,
      `corpus-${third.hash}.evt`,
      `corpus-${third.hash}.json`,
      `corpus-${third.hash}.rep`,
      `corpus-${third.hash}.sen`,
      `corpus-${third.hash}.sum`,
    ]);
  });

  it('the cached corpus and index answer exactly as a fresh build', async () => {
    const cacheDir = await tempDir();
    const fresh = await loadBriefing({ seedsDir: SEEDS, cacheDir });
    const cached = await loadBriefing({ seedsDir: SEEDS, cacheDir });
    expect(fresh.fromCache).toBe(false);
    expect(cached.fromCache).toBe(true);
    for (const q of ['who attended', 'hotlne', 'what did the Chinese president say about friction', 'where were the 2016 talks held', 'tell me a joke']) {
      expect(cached.briefing.ask(q)).toEqual(fresh.briefing.ask(q));
    }
    expect(cached.briefing.people()).toEqual(fresh.briefing.people());
  });

  it('a seed that is not valid UTF-8, or holds NUL bytes after a sound header, is reported by name', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'good.txt'), seedFile('Good', 'The text mentions Geneva.'));
    await fs.writeFile(path.join(dir, 'latin1.txt'), Buffer.concat([Buffer.from(seedFile('Latin', 'Caf')), Buffer.from([0xe9, 0x20, 0xff, 0x0a])]));
    await fs.writeFile(path.join(dir, 'nul.txt'), seedFile('Nul', 'Text\u0000with a NUL byte.'));
    const loaded = await loadBriefing({ seedsDir: dir });
    expect(loaded.briefing.corpus.articles.map((a) => a.id)).toEqual(['good']);
    expect(loaded.errors.map((e) => `${e.file}: ${e.message}`).sort()).toEqual([expect.stringMatching(/^latin1\.txt: not valid UTF-8/), expect.stringMatching(/^nul\.txt: binary content/)]);
  });

  describe('a damaged cache is verified, reported and rebuilt, never trusted', () => {
    const setup = async () => {
      const cacheDir = await tempDir();
      const first = await loadBriefing({ seedsDir: SEEDS, cacheDir });
      return { cacheDir, file: path.join(cacheDir, `corpus-${first.hash}`) };
    };
    /** Replace one of the cache's files and its checksum, as a bug (or an old format) would write it. */
    const writeWithSum = async (file: string, ext: 'json' | 'sen', data: string | Buffer) => {
      await fs.writeFile(`${file}.${ext}`, data);
      const sums = JSON.parse(await fs.readFile(`${file}.sum`, 'utf8')) as Record<string, string>;
      sums[ext] = createHash('sha256').update(data).digest('hex');
      await fs.writeFile(`${file}.sum`, JSON.stringify(sums));
    };
    const check = async (cacheDir: string) => {
      const again = await loadBriefing({ seedsDir: SEEDS, cacheDir });
      expect(again.fromCache).toBe(false);
      expect(again.warnings).toEqual([expect.stringMatching(/^corpus cache corpus-[0-9a-f]+\.json was not used: .*; rebuilt it$/)]);
      expect(again.briefing.ask('who attended').kind).toBe('answer');
      const third = await loadBriefing({ seedsDir: SEEDS, cacheDir });
      expect(third.fromCache).toBe(true);
      expect(third.warnings).toEqual([]);
      return again.warnings[0];
    };

    it('every array cut to half its length', async () => {
      const { cacheDir, file } = await setup();
      const data = JSON.parse(await fs.readFile(`${file}.json`, 'utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(data)) if (Array.isArray(v)) data[k] = v.slice(0, Math.floor(v.length / 2));
      await fs.writeFile(`${file}.json`, JSON.stringify(data));
      expect(await check(cacheDir)).toMatch(/checksum/);
    });

    it('the index overwritten after its header', async () => {
      const { cacheDir, file } = await setup();
      const bin = await fs.readFile(`${file}.bin`);
      bin.fill(7, 16);
      await fs.writeFile(`${file}.bin`, bin);
      expect(await check(cacheDir)).toMatch(/checksum/);
    });

    it('a cache whose checksums match but whose shape is wrong (a bug, an old format)', async () => {
      const { cacheDir, file } = await setup();
      const data = JSON.parse(await fs.readFile(`${file}.json`, 'utf8')) as { answerTerms: string[] };
      data.answerTerms.pop();
      await writeWithSum(file, 'json', JSON.stringify(data));
      expect(await check(cacheDir)).toMatch(/sentences do not fit its tables/);
    });

    it('an article without its title terms (an older format, checksums matching)', async () => {
      const { cacheDir, file } = await setup();
      const data = JSON.parse(await fs.readFile(`${file}.json`, 'utf8')) as { articles: { titleTerms?: string[] }[] };
      delete data.articles[0].titleTerms;
      await writeWithSum(file, 'json', JSON.stringify(data));
      expect(await check(cacheDir)).toMatch(/an article is missing its title terms/);
    });

    it('who the sentences name, or the list of seed files, not fitting (checksums matching)', async () => {
      for (const [damage, problem] of [
        [(d: { sentencePeople: number[] }) => d.sentencePeople.push(0, 1, 10_000), /names a person it does not hold/],
        [(d: { sentencePeople: number[] }) => d.sentencePeople.push(1_000_000, 1, 0), /names a person it does not hold/],
        [(d: { files: { size: unknown[] } }) => d.files.size.pop(), /list of seed files is not sound/],
      ] as const) {
        const { cacheDir, file } = await setup();
        const data = JSON.parse(await fs.readFile(`${file}.json`, 'utf8')) as { sentencePeople: number[]; files: { size: unknown[] } };
        damage(data);
        await writeWithSum(file, 'json', JSON.stringify(data));
        expect(await check(cacheDir)).toMatch(problem);
      }
    });

    it('sentence columns whose checksum matches but whose ids point outside their tables', async () => {
      const { cacheDir, file } = await setup();
      const sen = await fs.readFile(`${file}.sen`);
      const n = sen.readUInt32LE(8);
      sen.writeUInt32LE(1_000_000, 24 + 4 * (5 * n + 2)); // the first term id (after the header and five per-sentence columns)
      await writeWithSum(file, 'sen', sen);
      expect(await check(cacheDir)).toMatch(/sentences do not fit its tables/);
    });

    it('the sentence columns overwritten', async () => {
      const { cacheDir, file } = await setup();
      const sen = await fs.readFile(`${file}.sen`);
      sen.fill(3, 40, 400);
      await fs.writeFile(`${file}.sen`, sen);
      expect(await check(cacheDir)).toMatch(/checksum/);
    });

    it('a cache with no checksums (cut short by a crash) is rebuilt', async () => {
      const { cacheDir, file } = await setup();
      await fs.rm(`${file}.sum`);
      expect(await check(cacheDir)).toMatch(/cannot be read/);
    });
  });

  it('a corrupt cache file is ignored and rebuilt', async () => {
    const dir = await tempDir();
    const cacheDir = await tempDir();
    await fs.writeFile(path.join(dir, 'a.txt'), seedFile('One', 'The text mentions Geneva.'));
    const first = await loadBriefing({ seedsDir: dir, cacheDir });
    await fs.writeFile(path.join(cacheDir, `corpus-${first.hash}.json`), '{ half a file');
    const again = await loadBriefing({ seedsDir: dir, cacheDir });
    expect(again.fromCache).toBe(false);
    expect(again.briefing.corpus.sentences).toHaveLength(1);
  });
});
