/**
 * The whole built corpus on disk, beside the per-article cache: a JSON file of
 * the articles, people and string tables, the sentences by column (.sen, see
 * corpus/columns.ts), the search index's postings (.bin), and their checksums
 * (.sum), written last. A file that is damaged, cut short or of another shape
 * is never trusted: reading it says what is wrong, and the corpus is rebuilt.
 */
import { webcrypto } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic';
import { checksummed, readChecksummed, sha256 } from '../checksummed';
import { decodeSentences, encodeSentences, ownBytes } from '../corpus/columns';
import type { Corpus } from '../corpus/corpus';
import { deserializeRelated, serializeRelated, type NounClass } from '../language/related';
import type { LoadError, Sentence } from '../types';
import type { SeedKey } from '../corpus/seeds';
import type { SerializedIndex } from './bm25';
import { Briefing } from './briefing';
import { reportProblem } from '../events/report';
import { keepEventsIn, keepVocabularyIn, storedEvents, storyVocabulary, type StoredEvents } from '../events/events';

/**
 * The built corpus: this JSON holds the articles, people and string tables;
 * the sentences are columns in the .sen file beside it (see corpus/columns.ts),
 * the search index's postings are in the .bin file, and the sentences' event
 * reports in the .rep file (checked with the rest, parsed only when the events
 * must be built again: their own file, .evt, is read instead).
 */
interface CacheFile {
  hash: string;
  articles: Corpus['articles'];
  people: Corpus['people'];
  /** Who each sentence names, for the sentences that name someone: sentence, count, the people's numbers; again for the next. */
  sentencePeople: number[];
  /** Answer terms by id, for the sentence columns. */
  answerTerms: string[];
  /** The related-word table as [question term, "term:d term:s …"]. */
  related: [string, string][];
  /** Terms naming a person, a place or a time. */
  nounClasses: [string, NounClass][];
  namedTerms: string[];
  surface: [string, string][];
  errors: LoadError[];
  /** The seed files it was built from (what a later start compares the folder with, to re-read only what changed), by column. */
  files: { file: string[]; size: number[]; mtimeMs: number[]; key: (string | null)[] };
  /** Terms of the search index in id order (the sentence columns' term ids too). */
  indexTerms: string[];
  indexAvgLength: number;
  /** How many articles use each index term (by id; events.ts storyVocabulary), when every sentence term is an index term. */
  termArticles?: number[];
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
  const ab = ownBytes(buf);
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

function toCache(hash: string, corpus: Corpus, surface: Map<string, string>, errors: LoadError[], files: SeedKey[], ix: SerializedIndex): { json: CacheFile; sentences: Buffer; reports: string } {
  const { buffer, answers } = encodeSentences(corpus.sentences, { articles: corpus.articles.map((a) => a.id), terms: ix.terms });
  const json: CacheFile = {
    hash,
    articles: corpus.articles,
    people: corpus.people,
    sentencePeople: corpus.sentencePeople.flatMap((list, i) => (list.length ? [i, list.length, ...list] : [])),
    answerTerms: answers,
    related: serializeRelated(corpus.related),
    nounClasses: [...corpus.nounClasses],
    namedTerms: [...corpus.namedTerms],
    surface: [...surface],
    errors,
    files: { file: files.map((f) => f.file), size: files.map((f) => f.size), mtimeMs: files.map((f) => f.mtimeMs), key: files.map((f) => f.key ?? null) },
    indexTerms: ix.terms,
    indexAvgLength: ix.avgLength,
  };
  const ids = new Map(ix.terms.map((t, i) => [t, i]));
  const counts = new Array<number>(ix.terms.length).fill(0);
  let whole = true;
  for (const [t, n] of storyVocabulary(corpus).df) {
    const id = ids.get(t);
    if (id === undefined) whole = false;
    else counts[id] = n;
  }
  if (whole) json.termArticles = counts;
  return { json, sentences: buffer, reports: JSON.stringify(corpus.reports) };
}

/** A cache file's checksums, written after it: a damaged or half-written cache is never trusted. */
interface CacheSums {
  json: string;
  bin: string;
  sen: string;
  rep: string;
}

type CacheRead = { ok: true; cache: CacheFile; index: SerializedIndex; sentences: Sentence[]; sentencePeople: number[][]; files: SeedKey[]; reports: Buffer } | { ok: false; problem?: string };

/** The people each of `n` sentences names, from the cache's sparse list; undefined when it does not fit. Sentences naming no one share one frozen empty list. */
function sentencePeopleOf(flat: number[], n: number, people: number): number[][] | undefined {
  const none = Object.freeze([]) as readonly number[] as number[];
  const out: number[][] = new Array<number[]>(n).fill(none);
  for (let at = 0; at < flat.length;) {
    const [i, count] = [flat[at], flat[at + 1]];
    if (!Number.isInteger(i) || i < 0 || i >= n || !Number.isInteger(count) || count < 1 || at + 2 + count > flat.length) return undefined;
    const list = flat.slice(at + 2, at + 2 + count);
    if (list.some((p) => !Number.isInteger(p) || p < 0 || p >= people)) return undefined;
    out[i] = list;
    at += 2 + count;
  }
  return out;
}

/** The seed files from the cache's columns; undefined when they do not fit. */
function filesOf(c: CacheFile['files']): SeedKey[] | undefined {
  const n = c.file.length;
  if (![c.size, c.mtimeMs, c.key].every((x) => Array.isArray(x) && x.length === n)) return undefined;
  const out: SeedKey[] = [];
  for (let i = 0; i < n; i++) {
    const [file, size, mtimeMs, key] = [c.file[i], c.size[i], c.mtimeMs[i], c.key[i]];
    if (typeof file !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || (key !== null && typeof key !== 'string')) return undefined;
    out.push(key === null ? { file, size, mtimeMs } : { file, size, mtimeMs, key });
  }
  return out;
}

/** SHA-256 of a large buffer, computed on libuv's thread pool (Web Crypto) while this thread does other work. */
async function sha256OffThread(data: Buffer): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

async function readCache(file: string, hash: string): Promise<CacheRead> {
  // The four files read together; the two large ones hashed off this thread while it checks and parses the JSON.
  const [json, ...rest] = await Promise.allSettled([
    fs.readFile(file, 'utf8'),
    fs.readFile(file.replace(/\.json$/, '.sum'), 'utf8'),
    fs.readFile(file.replace(/\.json$/, '.bin')),
    fs.readFile(file.replace(/\.json$/, '.sen')),
    fs.readFile(file.replace(/\.json$/, '.rep')),
  ]);
  if (json.status === 'rejected') return { ok: false };
  const text = json.value;
  try {
    const [sumText, bin, sen, rep] = rest.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    }) as [string, Buffer, Buffer, Buffer];
    const sums = JSON.parse(sumText) as CacheSums;
    const digests = Promise.all([sha256OffThread(bin), sha256OffThread(sen), sha256OffThread(rep)]);
    digests.catch(() => undefined);
    const damaged = { ok: false as const, problem: 'its checksum does not match (the file was damaged or cut short)' };
    if (sums.json !== sha256(text)) return damaged;
    const data = JSON.parse(text) as CacheFile;
    const [binSum, senSum, repSum] = await digests;
    if (sums.bin !== binSum || sums.sen !== senSum || sums.rep !== repSum) return damaged;
    if (data.hash !== hash) return { ok: false };
    const shape = shapeProblem(data);
    if (shape) return { ok: false, problem: shape };
    const sentences = decodeSentences(sen, { articles: data.articles.map((a) => a.id), terms: data.indexTerms, answers: data.answerTerms });
    if (!sentences) return { ok: false, problem: 'its sentences do not fit its tables' };
    const sentencePeople = sentencePeopleOf(data.sentencePeople, sentences.length, data.people.length);
    if (!sentencePeople) return { ok: false, problem: 'a sentence names a person it does not hold' };
    const files = filesOf(data.files);
    if (!files) return { ok: false, problem: 'its list of seed files is not sound' };
    const index = indexFromBuffer(bin, data.indexTerms, data.indexAvgLength);
    if (!index || !indexIsSound(index, sentences.length)) return { ok: false, problem: 'its search index is not sound' };
    return { ok: true, cache: data, index, sentences, sentencePeople, files, reports: rep };
  } catch (e) {
    return { ok: false, problem: `it cannot be read (${(e as Error).message})` };
  }
}

/** What is wrong with a parsed cache file's shape, if anything. */
function shapeProblem(c: CacheFile): string | undefined {
  const lists = [c.articles, c.people, c.sentencePeople, c.answerTerms, c.indexTerms, c.surface, c.related, c.nounClasses, c.namedTerms, c.errors, c.files?.file];
  if (lists.some((x) => !Array.isArray(x))) return 'a part is missing';
  if (c.articles.some((a) => !Array.isArray(a?.titleTerms))) return 'an article is missing its title terms';
  return undefined;
}

/** Postings inside their arrays, in order, pointing at sentences that exist. */
function indexIsSound(ix: SerializedIndex, sentences: number): boolean {
  if (ix.lengths.length !== sentences || ix.offsets[0] !== 0 || ix.offsets[ix.offsets.length - 1] !== ix.ids.length) return false;
  for (let k = 1; k < ix.offsets.length; k++) if (ix.offsets[k] < ix.offsets[k - 1]) return false;
  for (let i = 0; i < ix.ids.length; i++) if (ix.ids[i] < 0 || ix.ids[i] >= sentences) return false;
  return true;
}

function fromCached(c: { cache: CacheFile; index: SerializedIndex; sentences: Sentence[]; sentencePeople: number[][]; reports: Buffer }): Briefing {
  const corpus = {
    articles: c.cache.articles,
    people: c.cache.people,
    sentencePeople: c.sentencePeople,
    sentences: c.sentences,
    related: deserializeRelated(c.cache.related),
    nounClasses: new Map(c.cache.nounClasses),
    namedTerms: new Set(c.cache.namedTerms),
  } as Corpus;
  // The event reports (half the cache's size) parsed when first asked for: building the events again, or a
  // corpus changed by a few articles. Their checksum was checked with the rest.
  let reports: Corpus['reports'] | undefined;
  let raw: Buffer | undefined = c.reports;
  const sentences = c.sentences.length;
  Object.defineProperty(corpus, 'reports', {
    enumerable: true,
    get: () => {
      if (!reports) {
        reports = reportsOf(raw!, sentences);
        raw = undefined;
      }
      return reports;
    },
  });
  // Each term's count of articles, for reading questions about events: made into a map on the first question.
  const counts = c.cache.termArticles;
  const terms = c.cache.indexTerms;
  if (Array.isArray(counts) && counts.length === terms.length)
    keepVocabularyIn(corpus, () => {
      const df = new Map<string, number>();
      for (let i = 0; i < counts.length; i++) if (counts[i] > 0) df.set(terms[i], counts[i]);
      return df;
    });
  return new Briefing(corpus, new Map(c.cache.surface), undefined, c.index);
}

/** The event reports of a cache's .rep file, each checked against the sentences it names. */
function reportsOf(raw: Buffer, sentences: number): Corpus['reports'] {
  const list = JSON.parse(raw.toString('utf8')) as Corpus['reports'];
  if (!Array.isArray(list) || list.some((r, i) => reportProblem(r) || !Number.isInteger(r.idx) || r.idx < 0 || r.idx >= sentences || (i > 0 && r.idx <= list[i - 1].idx)))
    throw new Error('an event report of the corpus cache does not fit its sentences');
  return list;
}

async function pruneCache(dir: string, keep: string): Promise<void> {
  for (const f of await fs.readdir(dir)) {
    if (/^corpus-[0-9a-f]+\.(json|bin|sen|sum|evt|rep)$/.test(f) && f.replace(/\.(bin|sen|sum|evt|rep)$/, '.json') !== keep) await fs.rm(path.join(dir, f), { force: true });
  }
}

/** The briefing stored in a cache file, or why it cannot be used (no problem: the file is not there, or is of another corpus). */
export async function readCorpusCache(file: string, hash: string): Promise<{ ok: true; briefing: Briefing; errors: LoadError[]; files: SeedKey[] } | { ok: false; problem?: string }> {
  const r = await readCache(file, hash);
  if (!r.ok) return r;
  try {
    const briefing = fromCached(r);
    // The events, kept beside it: read when first needed (most questions never need them).
    keepEventsIn(briefing.corpus, () => readEvents(file.replace(/\.json$/, '.evt'), hash));
    return { ok: true, briefing, errors: r.cache.errors, files: r.files };
  } catch (e) {
    return { ok: false, problem: `it does not load (${(e as Error).message})` };
  }
}

/**
 * A corpus's events kept beside its cache (`.evt`: a line naming the corpus and the SHA-256 of the
 * events below it), or undefined when the file is missing, of another corpus or damaged (they are
 * built again then).
 */
export function readEvents(file: string, hash: string): StoredEvents | undefined {
  try {
    const { header, body, intact } = readChecksummed(readFileSync(file, 'utf8'));
    if (header.hash !== hash || !intact) return undefined;
    const stored = JSON.parse(body) as StoredEvents;
    return Array.isArray(stored.events) && Array.isArray(stored.subject?.terms) && typeof stored.subject.words === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Write a built corpus to `file` (and its .bin, .sen, .rep, .evt and .sum), then remove other corpora's files. A failure only costs start-up time later. */
export async function writeCorpusCache(
  dir: string,
  file: string,
  c: { hash: string; corpus: Corpus; surface: Map<string, string>; errors: LoadError[]; files: SeedKey[]; briefing: Briefing },
): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    const ix = c.briefing.index.serialize();
    const bin = indexToBuffer(ix);
    const cache = toCache(c.hash, c.corpus, c.surface, c.errors, c.files, ix);
    const json = JSON.stringify(cache.json);
    // The checksums go last: a cache cut short by a crash has none that match, and is rebuilt.
    await fs.rm(file.replace(/\.json$/, '.sum'), { force: true });
    await writeFileAtomic(file.replace(/\.json$/, '.bin'), bin);
    await writeFileAtomic(file.replace(/\.json$/, '.sen'), cache.sentences);
    await writeFileAtomic(file.replace(/\.json$/, '.rep'), cache.reports);
    // The story's events, built with the corpus: a cached start reads them instead of building them (seconds at thousands of articles).
    await writeFileAtomic(file.replace(/\.json$/, '.evt'), checksummed({ hash: c.hash }, JSON.stringify(storedEvents(c.corpus))));
    await writeFileAtomic(file, json);
    await writeFileAtomic(file.replace(/\.json$/, '.sum'), JSON.stringify({ json: sha256(json), bin: sha256(bin), sen: sha256(cache.sentences), rep: sha256(cache.reports) } satisfies CacheSums));
    await pruneCache(dir, path.basename(file));
  } catch {
    // A cache that cannot be written only costs start-up time.
  }
}
