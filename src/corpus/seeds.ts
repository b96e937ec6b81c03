/**
 * Reading the corpus folder. Each article is a UTF-8 text file with a short
 * header of `key: value` lines between `---` fences (title, publisher,
 * published, and optionally source: the page's address and fetched: when the
 * feed reader took it in), then the article
 * text as copied from the web page. Other header keys are kept out of the corpus.
 * A bad file is reported by name and skipped; the rest still load.
 */
import { createHash } from 'node:crypto';
import { promises as fs, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { parsePartialDate } from '../language/dates';
import { stripControl } from '../language/text';
import type { ArticleHeader, LoadError } from '../types';

export const MAX_ARTICLE_BYTES = 1_000_000;
export const MAX_FIELD_CHARS = 300;
/** Longest `source:` address taken. */
export const MAX_URL_CHARS = 2000;

/** An http(s) address as written in a `source:` header, normalised; undefined when it is not one. */
export function webAddress(text: string): string | undefined {
  if (text.length > MAX_URL_CHARS || /\s/.test(text)) return undefined;
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A seed file as read: its header, and the body text still with its furniture. */
export interface RawArticle extends ArticleHeader {
  body: string;
}

export interface SeedFile {
  file: string;
  content: string;
}

/** Parse one seed file's text; throws an Error whose message says what is wrong. */
/**
 * A seed file's header: its `key: value` lines (keys lower case), and the text after it. Throws an
 * Error saying what is wrong. Enough of a file's start to hold the header will do.
 */
export function parseSeedHeader(content: string): { fields: Map<string, string>; body: string } {
  if (content.includes('\u0000')) throw new Error('binary content (NUL byte); expected UTF-8 text');
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('missing header: the file must start with a "---" line, then title/publisher/published lines, then "---"');
  const fields = new Map<string, string>();
  for (const line of m[1].split('\n')) {
    if (!line.trim()) continue;
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`header line is not "key: value": ${JSON.stringify(line.slice(0, 60))}`);
    fields.set(kv[1].toLowerCase(), stripControl(kv[2]).trim());
  }
  return { fields, body: text.slice(m[0].length) };
}

export function parseSeed(file: string, content: string): RawArticle {
  const { fields, body: rest } = parseSeedHeader(content);
  const need = (k: string): string => {
    const v = fields.get(k);
    if (!v) throw new Error(`header has no ${k}`);
    if (v.length > MAX_FIELD_CHARS) throw new Error(`header ${k} is longer than ${MAX_FIELD_CHARS} characters`);
    return v;
  };
  const title = need('title');
  const publisher = need('publisher');
  const publishedRaw = need('published');
  const published = parsePartialDate(publishedRaw);
  if (!published) throw new Error(`published is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: ${JSON.stringify(publishedRaw)}`);
  const body = stripControl(rest);
  if (!body.trim()) throw new Error('no article text after the header');
  const source = fields.get('source');
  const url = source ? webAddress(source) : undefined;
  if (source && !url) throw new Error(`source is not an http or https address of at most ${MAX_URL_CHARS} characters: ${JSON.stringify(source.slice(0, 80))}`);
  const fetchedRaw = fields.get('fetched');
  const fetched = fetchedRaw && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(fetchedRaw) && !Number.isNaN(Date.parse(fetchedRaw)) ? fetchedRaw : undefined;
  return { id: articleIdOf(file), file, title, publisher, published, body, ...(url ? { url } : {}), ...(fetched ? { fetched } : {}) };
}

/** Stable id of an article: its file name without extension. */
export function articleIdOf(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

/** Decodes UTF-8 and throws on invalid bytes instead of putting U+FFFD in their place. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The folders a corpus is read from: the seeds folder, then folders of articles the bot keeps
 * itself (fetched from feeds), which need not exist yet. A file of the seeds folder is named by its
 * name; a file of another folder by its absolute path. An article's id is its file's name without
 * extension, so a later folder's file with the name of an earlier one's is left out (and said).
 */
export type SeedFolders = string | readonly string[];

function foldersOf(dirs: SeedFolders): readonly string[] {
  return typeof dirs === 'string' ? [dirs] : dirs;
}

/** Every *.txt file of the folders, named as SeedFolders says, each folder's sorted by name; and names left out. */
async function listSeedFolders(dirs: SeedFolders): Promise<{ names: string[]; errors: LoadError[] }> {
  const [first, ...more] = foldersOf(dirs);
  const list = async (dir: string) => (await fs.readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  const names = await list(first);
  const errors: LoadError[] = [];
  const ids = new Set(names.map(articleIdOf));
  for (const dir of more) {
    const own = await list(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const n of own) {
      const full = path.resolve(dir, n);
      if (ids.has(articleIdOf(n))) errors.push({ file: full, message: `an article named ${articleIdOf(n)} was read from an earlier folder; skipped (rename one of them)` });
      else {
        ids.add(articleIdOf(n));
        names.push(full);
      }
    }
  }
  return { names, errors };
}

/** Read every *.txt file in the folders (see SeedFolders), with size bounds. */
export async function readSeedDir(dirs: SeedFolders): Promise<{ files: SeedFile[]; errors: LoadError[] }> {
  let listed: { names: string[]; errors: LoadError[] };
  try {
    listed = await listSeedFolders(dirs);
  } catch (e) {
    throw new Error(`cannot read the seeds folder ${foldersOf(dirs)[0]}: ${(e as Error).message}`, { cause: e });
  }
  const read = await readSeedFiles(foldersOf(dirs)[0], listed.names);
  return { files: read.files, errors: [...listed.errors, ...read.errors] };
}

/** Read the named files of the folders (in the order given; named as SeedFolders says), with size bounds; one that is not a file is left out. */
export async function readSeedFiles(dirs: SeedFolders, names: readonly string[]): Promise<{ files: SeedFile[]; errors: LoadError[] }> {
  const errors: LoadError[] = [];
  const dir = foldersOf(dirs)[0];
  const read = async (name: string): Promise<SeedFile | LoadError | undefined> => {
    const full = path.resolve(dir, name);
    try {
      const st = await fs.stat(full);
      if (!st.isFile()) return undefined;
      if (st.size > MAX_ARTICLE_BYTES) return { file: name, message: `larger than ${MAX_ARTICLE_BYTES} bytes (${st.size}); skipped` };
      const bytes = await fs.readFile(full);
      try {
        return { file: name, content: UTF8.decode(bytes) };
      } catch {
        return { file: name, message: 'not valid UTF-8 text; skipped (save it as UTF-8)' };
      }
    } catch (e) {
      return { file: name, message: `unreadable: ${(e as Error).message}` };
    }
  };
  // Read in parallel batches (thousands of small files), keeping the sorted order.
  const files: SeedFile[] = [];
  for (let i = 0; i < names.length; i += 64) {
    for (const r of await Promise.all(names.slice(i, i + 64).map(read))) {
      if (!r) continue;
      if ('content' in r) files.push(r);
      else errors.push(r);
    }
  }
  return { files, errors };
}

export function parseSeeds(files: SeedFile[]): { articles: RawArticle[]; errors: LoadError[] } {
  const articles: RawArticle[] = [];
  const errors: LoadError[] = [];
  for (const f of files) {
    try {
      articles.push(parseSeed(f.file, f.content));
    } catch (e) {
      errors.push({ file: f.file, message: (e as Error).message });
    }
  }
  return { articles, errors };
}

export interface SeedStat {
  file: string;
  size: number;
  mtimeMs: number;
}

/** A seed file as a corpus was built from it: its stat then, and the key of its content (partKey), when it could be read. */
export interface SeedKey extends SeedStat {
  key?: string;
}

/**
 * Name, size and modification time of every *.txt file of the folders (see SeedFolders): enough to
 * tell that nothing changed, without reading. Stat'ed synchronously in slices (half the time of one
 * promise per file at 10,000 files), yielding between slices so that a running bot keeps answering.
 */
export async function statSeedDir(dirs: SeedFolders): Promise<SeedStat[]> {
  const { names } = await listSeedFolders(dirs);
  const dir = foldersOf(dirs)[0];
  const out: SeedStat[] = [];
  for (let i = 0; i < names.length; i += 1000) {
    if (i) await new Promise((r) => setImmediate(r));
    for (const file of names.slice(i, i + 1000)) {
      let st: Stats | undefined;
      try {
        st = statSync(path.resolve(dir, file), { throwIfNoEntry: false });
      } catch {
        continue; // unreadable: reading it will say why
      }
      if (st?.isFile()) out.push({ file, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  return out;
}

export function statFingerprint(stats: SeedStat[], salt: string): string {
  const h = createHash('sha256');
  h.update(salt);
  for (const s of stats) h.update(`${s.file}\u0000${s.size}\u0000${s.mtimeMs}\u0000`);
  return h.digest('hex').slice(0, 32);
}
