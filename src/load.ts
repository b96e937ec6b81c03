/**
 * Loading the corpus and building the briefing engine, with the built corpus
 * cached on disk under a key made of the seed files and the code that
 * processes them: an unchanged corpus starts without re-segmenting.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Briefing } from './briefing';
import { buildCorpus, type Corpus } from './corpus';
import { corpusHash, parseSeeds, readSeedDir, type SeedFile } from './seeds';
import { writeFileAtomic } from './atomic';
import type { LoadError } from './types';

export interface LoadOptions {
  seedsDir: string;
  /** Where to keep the built corpus; none: always build. */
  cacheDir?: string;
}

export interface Loaded {
  briefing: Briefing;
  /** Files that could not be loaded, with the reason. */
  errors: LoadError[];
  hash: string;
  fromCache: boolean;
  files: SeedFile[];
}

interface CacheFile {
  hash: string;
  corpus: Corpus;
  surface: [string, string][];
  errors: LoadError[];
}

let codeSalt: string | undefined;

/** Hash of this folder's code, so a change to the pipeline invalidates the cache. */
function salt(): string {
  if (codeSalt === undefined) {
    const h = createHash('sha256');
    for (const f of readdirSync(__dirname).sort()) if (/\.(js|ts)$/.test(f)) h.update(readFileSync(path.join(__dirname, f)));
    codeSalt = h.digest('hex').slice(0, 16);
  }
  return codeSalt;
}

export async function loadBriefing(opts: LoadOptions): Promise<Loaded> {
  const { files, errors: readErrors } = await readSeedDir(opts.seedsDir);
  const hash = corpusHash(files, salt());
  const cachePath = opts.cacheDir ? path.join(opts.cacheDir, `corpus-${hash}.json`) : undefined;
  if (cachePath) {
    const cached = await readCache(cachePath, hash);
    if (cached) {
      const briefing = new Briefing(cached.corpus, new Map(cached.surface));
      return { briefing, errors: [...readErrors, ...cached.errors], hash, fromCache: true, files };
    }
  }
  const { articles, errors: parseErrors } = parseSeeds(files);
  const corpus = buildCorpus(articles);
  const surface = Briefing.surfaceOf(corpus);
  const briefing = new Briefing(corpus, surface);
  if (cachePath && opts.cacheDir) {
    const body: CacheFile = { hash, corpus, surface: [...surface], errors: parseErrors };
    try {
      await fs.mkdir(opts.cacheDir, { recursive: true });
      await writeFileAtomic(cachePath, JSON.stringify(body));
      await pruneCache(opts.cacheDir, path.basename(cachePath));
    } catch {
      // A cache that cannot be written only costs start-up time.
    }
  }
  return { briefing, errors: [...readErrors, ...parseErrors], hash, fromCache: false, files };
}

async function readCache(file: string, hash: string): Promise<CacheFile | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile;
    if (data.hash !== hash || !Array.isArray(data.corpus?.sentences)) return undefined;
    return data;
  } catch {
    return undefined;
  }
}

async function pruneCache(dir: string, keep: string): Promise<void> {
  for (const f of await fs.readdir(dir)) {
    if (/^corpus-[0-9a-f]+\.json$/.test(f) && f !== keep) await fs.rm(path.join(dir, f), { force: true });
  }
}
