import { promises as fs } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Briefing } from '../src/answering/briefing';
import { buildCorpus } from '../src/corpus/corpus';
import type { Logger } from '../src/log';
import type { Milestone } from '../src/timeline/timeline';
import { parseSeeds, readSeedDir } from '../src/corpus/seeds';

export const ROOT = path.resolve(__dirname, '..');
export const SEEDS = path.join(ROOT, 'seeds');

let cached: Promise<Briefing> | undefined;

/** The briefing engine over the real seeds, built once per test file. */
export function seedBriefing(): Promise<Briefing> {
  cached ??= (async () => {
    const { files } = await readSeedDir(SEEDS);
    return Briefing.fromCorpus(buildCorpus(parseSeeds(files).articles));
  })();
  return cached;
}

export async function tempDir(prefix = 'cyberpact-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A new folder holding a copy of the real seeds (for tests that add, change or remove articles). */
export async function copySeeds(): Promise<string> {
  const dir = await tempDir();
  for (const f of await fs.readdir(SEEDS)) await fs.copyFile(path.join(SEEDS, f), path.join(dir, f));
  return dir;
}

/** `until` for a check that must read something (a file, a store) to answer. */
export async function untilAsync(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Wait until `check` holds, polling, for at most `ms`; throws when it never does. */
export async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function seedFile(title: string, body: string, published = '2016-01-02', publisher = 'Test Wire'): string {
  return `---\ntitle: ${title}\npublisher: ${publisher}\npublished: ${published}\n---\n${body}\n`;
}

/** A real pino logger whose lines are kept, parsed, for assertions. */
export function captureLogger(): { log: Logger; lines: { level: number; msg: string; [k: string]: unknown }[] } {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) });
  return { log, lines };
}

/** `n` long milestones with one source each: a digest too large for one message on any platform. */
export function manyMilestones(n: number): Milestone[] {
  return Array.from({ length: n }, (_, i) => ({
    date: '2015-09',
    precision: 'month',
    status: 'happened',
    summary: `Milestone ${i} `.repeat(12),
    sources: [{ id: 'a', title: 'T', publisher: 'P', published: '2015-09', sentence: 's' }],
  }));
}

/** A TCP port free on 127.0.0.1 now (for a server the test starts with a fixed port). */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
