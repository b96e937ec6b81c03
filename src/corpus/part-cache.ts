/**
 * The per-article cache: what analysing each article yielded (its
 * `ArticlePart`), one file per article under `DATA_DIR/cache/parts/`, named by
 * a hash of the code, the file name and the file's content. A start after one
 * article was added or changed analyses that article only; a removed
 * article's entry is pruned. Every entry is checked when read (its first line
 * names its key and the SHA-256 of the part below it, which must match, see
 * checksummed.ts; the part must parse and have the shape of a part); a bad one
 * is analysed again.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic';
import { checksummed, readChecksummed } from '../checksummed';
import type { ArticlePart } from './corpus';
import type { SeedFile } from './seeds';
import { reportProblem } from '../events/report';

export type PartRead = { ok: true; part: ArticlePart } | { ok: false; problem?: string };

/** The cache key of a seed file's analysis: its name and content, and `salt`, the hash of the code that analyses articles (a new version makes every entry stale). */
export function partKey(salt: string, file: SeedFile): string {
  return createHash('sha256').update(salt).update('\u0000').update(file.file).update('\u0000').update(file.content).digest('hex').slice(0, 40);
}

export class PartCache {
  constructor(readonly dir: string) {}

  private pathOf(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  async get(key: string): Promise<PartRead> {
    let text: string;
    try {
      text = await fs.readFile(this.pathOf(key), 'utf8');
    } catch {
      return { ok: false };
    }
    try {
      const { header, body, intact } = readChecksummed(text);
      if (header.key !== key) return { ok: false, problem: 'it names another article' };
      if (!intact) return { ok: false, problem: 'its content does not match its checksum' };
      const part = JSON.parse(body) as ArticlePart;
      const problem = partProblem(part);
      return problem ? { ok: false, problem } : { ok: true, part };
    } catch (e) {
      return { ok: false, problem: `it cannot be read (${(e as Error).message})` };
    }
  }

  /** Store a part; a failure only costs analysing the article again next time. */
  async put(key: string, part: ArticlePart): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.pathOf(key), checksummed({ key }, JSON.stringify(part)), { sync: false });
    } catch {
      // An unwritable cache costs time, not answers.
    }
  }

  /** Remove entries of articles no longer in the corpus (and temporary files of unfinished writes). */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return 0;
    }
    for (const n of names) {
      const key = /^([0-9a-f]+)\.json$/.exec(n)?.[1];
      if ((key && !keep.has(key)) || (!key && n.endsWith('.tmp'))) {
        await fs.rm(path.join(this.dir, n), { force: true });
        removed++;
      }
    }
    return removed;
  }
}

const isStringArray = (x: unknown) => Array.isArray(x) && x.every((v) => typeof v === 'string');
const isPairs = (x: unknown) => Array.isArray(x) && x.every((v) => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string');

/** What is wrong with a parsed part's shape, if anything. */
export function partProblem(p: ArticlePart | undefined): string | undefined {
  if (!p || typeof p !== 'object' || !p.article || typeof p.article.id !== 'string' || !Number.isInteger(p.article.paragraphCount) || !Array.isArray(p.article.titleTerms))
    return 'its article is missing';
  if (!Array.isArray(p.sentences) || !Array.isArray(p.mentions) || !isPairs(p.words) || !isPairs(p.surface)) return 'a part is missing';
  for (const m of p.mentions) if (!m || typeof m.name !== 'string' || (m.role !== undefined && typeof m.role !== 'string')) return 'a mention is malformed';
  for (const s of p.sentences) {
    if (!s || typeof s.text !== 'string' || !Number.isInteger(s.paragraph) || s.paragraph < 0 || s.paragraph >= p.article.paragraphCount) return 'a sentence is malformed';
    if (!isStringArray(s.terms) || !isStringArray(s.capitals) || !s.answers) return 'a sentence is malformed';
    for (const k of ['name', 'place', 'date', 'number', 'cause'] as const) if (!isStringArray(s.answers[k])) return 'a sentence is malformed';
    if (s.report !== undefined) {
      const problem = reportProblem(s.report);
      if (problem) return problem;
    }
  }
  return undefined;
}
