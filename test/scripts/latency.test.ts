import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../scripts/latency';

const ROOT = path.resolve(__dirname, '../..');

async function run(...args: string[]): Promise<{ out: string[]; err: string[]; code: number | undefined }> {
  const argv = process.argv;
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  const error = jest.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
  try {
    process.argv = ['node', 'latency', ...args];
    process.exitCode = undefined;
    await main();
    return { out, err, code: process.exitCode as number | undefined };
  } finally {
    process.argv = argv;
    process.exitCode = undefined;
    log.mockRestore();
    error.mockRestore();
  }
}

describe('npm run latency', () => {
  it('times the benchmark questions on a cached corpus and prints median and p99', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'latency-'));
    try {
      const r = await run('--seeds', path.join(ROOT, 'seeds'), '--cache', cache, '--rounds', '1');
      expect(r.code).toBeUndefined();
      expect(r.out).toEqual([expect.stringMatching(/^192 questions × 1 rounds: median \d+\.\d{3} ms, p99 \d+\.\d{2} ms$/)]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60_000);

  it('says how to call it, or what is wrong, in one line and exit code 2', async () => {
    expect(await run()).toEqual({ out: [], err: ['usage: npm run latency -- --seeds DIR --cache DIR [--rounds 5] [--options JSON]'], code: 2 });
    const bad = await run('--seeds', 'x', '--cache', 'y', '--rounds', 'zero');
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual(['latency: --rounds must be a whole number of at least 1, not "zero"']);
    const notJson = await run('--seeds', 'x', '--cache', 'y', '--options', '{rank:');
    expect(notJson.code).toBe(2);
    expect(notJson.err).toEqual([expect.stringMatching(/^latency: --options is not JSON: /)]);
    const notObject = await run('--seeds', 'x', '--cache', 'y', '--options', '[1]');
    expect(notObject.err).toEqual(['latency: --options must be a JSON object, e.g. \'{"rank":{"titleWeight":0}}\'']);
  });
});
