/**
 * What the feed reader keeps in DATA_DIR: the articles it took, one seed-format
 * file each in `articles/` (an operator may read or delete them), and in
 * `feeds/state.json` what it has seen (by feed item id, address, canonical
 * address and text hash, so a story is taken once even under two addresses,
 * and a deleted article is not fetched again) and each feed's conditional
 * request headers and backoff. A damaged state file is set aside and rebuilt
 * from the articles' own headers.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic';
import { articleIdOf, MAX_ARTICLE_BYTES, MAX_FIELD_CHARS, parseSeed, parseSeedHeader } from '../corpus/seeds';
import { stripControl } from '../language/text';

/** What happened to an item or page seen: kept (as this article id), or why not. */
export type SeenOutcome = { kept: string } | { skipped: 'irrelevant' | 'not-html' | 'no-text' | 'duplicate' | 'gone' | 'failed' | 'unreadable' };

const feedStateSchema = z.object({
  etag: z.string().max(500).optional(),
  lastModified: z.string().max(200).optional(),
  /** Failures in a row, and when the next attempt may be made (ISO). */
  failures: z.number().int().min(0).default(0),
  retryAt: z.string().optional(),
  lastError: z.string().max(500).optional(),
  lastOk: z.string().optional(),
  title: z.string().max(200).optional(),
});
const seenSchema = z.record(z.string(), z.object({ at: z.string(), outcome: z.union([z.object({ kept: z.string() }), z.object({ skipped: z.string() })]), attempts: z.number().int().optional() }));
const archiveStateSchema = z.object({ version: z.literal(1), feeds: z.record(z.string(), feedStateSchema), seen: seenSchema });

export type FeedState = z.infer<typeof feedStateSchema>;
type ArchiveState = z.infer<typeof archiveStateSchema>;

/** Bytes of an article file read to learn its header at start (the header is a few lines). */
const HEADER_BYTES = 8192;

/** Seen keys remembered (the oldest are forgotten first); feeds carry a few hundred items at most. */
export const MAX_SEEN = 20_000;

/** An article to keep, as the feed and the page gave it. */
export interface FetchedArticle {
  title: string;
  publisher: string;
  /** YYYY-MM-DD. */
  published: string;
  url: string;
  guid: string;
  paragraphs: string[];
}

/** The hash a text is recognised by: its words, case and spacing aside. */
export function textHash(paragraphs: readonly string[]): string {
  return createHash('sha256').update(paragraphs.join(' ').toLowerCase().replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32);
}

const headerValue = (s: string, max = MAX_FIELD_CHARS) => {
  const v = stripControl(s).replace(/\s+/g, ' ').trim();
  return v.length <= max ? v : v.slice(0, max - 1) + '…';
};

export class FeedArchive {
  readonly articlesDir: string;
  private readonly stateFile: string;
  private state: ArchiveState = { version: 1, feeds: {}, seen: {} };

  private constructor(dataDir: string) {
    this.articlesDir = path.join(dataDir, 'articles');
    this.stateFile = path.join(dataDir, 'feeds', 'state.json');
  }

  /** Open DATA_DIR's archive; `problems` says what was damaged and mended. */
  static async open(dataDir: string): Promise<{ archive: FeedArchive; problems: string[] }> {
    const a = new FeedArchive(dataDir);
    const problems: string[] = [];
    await fs.mkdir(a.articlesDir, { recursive: true });
    await fs.mkdir(path.dirname(a.stateFile), { recursive: true });
    let text: string | undefined;
    try {
      text = await fs.readFile(a.stateFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${a.stateFile} could not be read (${(e as Error).message})`);
    }
    let sound = false;
    if (text !== undefined) {
      let parsed: ArchiveState | undefined;
      try {
        const r = archiveStateSchema.safeParse(JSON.parse(text));
        if (r.success) parsed = r.data;
      } catch {
        // not JSON: set aside below
      }
      if (parsed) {
        a.state = parsed;
        sound = true;
      } else {
        const aside = `${a.stateFile}.damaged-${Date.now()}`;
        await fs.rename(a.stateFile, aside).catch(() => undefined);
        problems.push(`${a.stateFile} was damaged; set aside as ${path.basename(aside)} and rebuilt from the kept articles`);
      }
    }
    // No sound state file (first start, lost, or set aside): the articles' own headers say what was kept.
    // (A sound one knows them; an article written just before a crash that kept the state from being
    // saved is fetched again and written over itself: its file is named by its text's hash.)
    if (!sound) await a.learnFromArticles();
    return { archive: a, problems };
  }

  private async learnFromArticles(): Promise<void> {
    const names = (await fs.readdir(this.articlesDir).catch(() => [] as string[])).filter((n) => n.endsWith('.txt'));
    for (const name of names) {
      // Only the header is needed: its first few kilobytes.
      let head: string;
      try {
        const fh = await fs.open(path.join(this.articlesDir, name), 'r');
        try {
          const buf = Buffer.alloc(HEADER_BYTES);
          const { bytesRead } = await fh.read(buf, 0, HEADER_BYTES, 0);
          head = buf.toString('utf8', 0, bytesRead);
        } finally {
          await fh.close();
        }
      } catch {
        continue; // unreadable: the corpus loader reports it
      }
      let fields: Map<string, string>;
      try {
        fields = parseSeedHeader(head).fields;
      } catch {
        continue; // not a seed file: the corpus loader reports it
      }
      const kept = { kept: articleIdOf(name) };
      const url = fields.get('source');
      const guid = fields.get('guid');
      const hash = fields.get('hash');
      for (const key of [url && `url ${url}`, guid && `guid ${guid}`, hash && /^[0-9a-f]+$/.test(hash) && `hash ${hash}`])
        if (key && !this.state.seen[key]) this.state.seen[key] = { at: new Date(0).toISOString(), outcome: kept };
    }
  }

  feed(url: string): FeedState {
    return this.state.feeds[url] ?? { failures: 0 };
  }

  setFeed(url: string, state: FeedState): void {
    this.state.feeds[url] = state;
  }

  /** What happened the last time one of these keys was seen (item id, address, canonical address, text hash). */
  seen(...keys: (string | undefined)[]): { outcome: SeenOutcome; attempts?: number } | undefined {
    for (const k of keys) {
      const e = k ? this.state.seen[k] : undefined;
      if (e) return { outcome: e.outcome as SeenOutcome, attempts: e.attempts };
    }
    return undefined;
  }

  remember(keys: (string | undefined)[], outcome: SeenOutcome, at: Date, attempts?: number): void {
    for (const k of keys) if (k) this.state.seen[k] = { at: at.toISOString(), outcome, ...(attempts ? { attempts } : {}) };
    const all = Object.keys(this.state.seen);
    if (all.length > MAX_SEEN) {
      const oldest = all.sort((x, y) => this.state.seen[x].at.localeCompare(this.state.seen[y].at)).slice(0, all.length - MAX_SEEN);
      for (const k of oldest) delete this.state.seen[k];
    }
  }

  /** Write an article in the seed format (atomically); returns its id. */
  async write(a: FetchedArticle, fetchedAt: Date): Promise<string> {
    const hash = textHash(a.paragraphs);
    const id = `feed-${hash.slice(0, 16)}`;
    const header = [
      '---',
      `title: ${headerValue(a.title)}`,
      `publisher: ${headerValue(a.publisher)}`,
      `published: ${a.published}`,
      `source: ${a.url}`,
      `guid: ${headerValue(a.guid, 500)}`,
      `hash: ${hash}`,
      `fetched: ${fetchedAt.toISOString()}`,
      '---',
      '',
    ].join('\n');
    let body = '';
    for (const p of a.paragraphs) {
      const next = `${stripControl(p)}\n\n`;
      if (Buffer.byteLength(header + body + next) > MAX_ARTICLE_BYTES) break;
      body += next;
    }
    const content = header + body;
    // The loader must read it back: check before writing.
    parseSeed(`${id}.txt`, content);
    await writeFileAtomic(path.join(this.articlesDir, `${id}.txt`), content);
    return id;
  }

  save(): Promise<void> {
    return writeFileAtomic(this.stateFile, JSON.stringify(this.state));
  }
}
