/**
 * Reading the corpus folder. Each article is a UTF-8 text file with a short
 * header of `key: value` lines between `---` fences (title, publisher,
 * published), then the article text as copied from the web page.
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

/** A seed file as read: its header, and the body text still with its furniture. */
export interface RawArticle extends ArticleHeader {
  body: string;
}

export interface SeedFile {
  file: string;
  content: string;
}

/** Parse one seed file's text; throws an Error whose message says what is wrong. */
export function parseSeed(file: string, content: string): RawArticle {
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
  const body = stripControl(text.slice(m[0].length));
  if (!body.trim()) throw new Error('no article text after the header');
  return { id: articleIdOf(file), file, title, publisher, published, body };
}

/** Stable id of an article: its file name without extension. */
export function articleIdOf(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

/** Decodes UTF-8 and throws on invalid bytes instead of putting U+FFFD in their place. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Read every *.txt file in the folder (sorted by name), with size bounds. */
export async function readSeedDir(dir: string): Promise<{ files: SeedFile[]; errors: LoadError[] }> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  } catch (e) {
    throw new Error(`cannot read the seeds folder ${dir}: ${(e as Error).message}`, { cause: e });
  }
  return readSeedFiles(dir, names);
}

/** Read the named files of the folder (in the order given), with size bounds; one that is not a file is left out. */
export async function readSeedFiles(dir: string, names: readonly string[]): Promise<{ files: SeedFile[]; errors: LoadError[] }> {
  const errors: LoadError[] = [];
  const read = async (name: string): Promise<SeedFile | LoadError | undefined> => {
    const full = path.join(dir, name);
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
 * Name, size and modification time of every *.txt file: enough to tell that nothing changed, without reading.
 * Stat'ed synchronously in slices (half the time of one promise per file at 10,000 files), yielding
 * between slices so that a running bot keeps answering.
 */
export async function statSeedDir(dir: string): Promise<SeedStat[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  const out: SeedStat[] = [];
  for (let i = 0; i < names.length; i += 1000) {
    if (i) await new Promise((r) => setImmediate(r));
    for (const file of names.slice(i, i + 1000)) {
      let st: Stats | undefined;
      try {
        st = statSync(path.join(dir, file), { throwIfNoEntry: false });
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
