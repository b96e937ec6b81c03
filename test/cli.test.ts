import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { runCli } from '../src/cli';
import { ROOT, SEEDS, tempDir } from './helpers';

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const i = new PassThrough();
  const o = new PassThrough();
  const e = new PassThrough();
  let out = '';
  let err = '';
  o.on('data', (d) => (out += d));
  e.on('data', (d) => (err += d));
  i.end(stdin);
  const code = await runCli(args, { stdin: i, stdout: o, stderr: e, env: { SEEDS_DIR: SEEDS } });
  return { code, out, err };
}

describe('CLI contract', () => {
  it('ask --json prints one object with the contract fields', async () => {
    const { code, out } = await cli(['ask', 'who attended', '--json', '--no-cache']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]);
    expect(r.question).toBe('who attended');
    expect(r.kind).toBe('answer');
    expect(r.answers[0]).toEqual(
      expect.objectContaining({
        text: expect.any(String),
        score: expect.any(Number),
        source: { id: expect.any(String), title: expect.any(String), publisher: expect.any(String), published: expect.any(String) },
      }),
    );
  });

  it('ask --json with no question reads stdin, one JSON line per question, in order', async () => {
    const { code, out } = await cli(['ask', '--json', '--no-cache'], 'hotlne\nwhat is the weather today\n\nwhat is CISP\n');
    expect(code).toBe(0);
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.question)).toEqual(['hotlne', 'what is the weather today', '', 'what is CISP']);
    expect(rows.map((r) => r.kind)).toEqual(['answer', 'no_answer', 'no_answer', 'answer']);
  });

  it('readable output without --json', async () => {
    const { out } = await cli(['ask', 'is', 'there', 'a', 'hotline?', '--no-cache']);
    expect(out).toContain('hotline');
    expect(out).toContain('ITProPortal');
  });

  it('--seeds points at another corpus', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'a.txt'), '---\ntitle: T\npublisher: P\npublished: 2020\n---\nThe summit was held in Oslo.\n');
    const { out } = await cli(['ask', 'where was the summit held', '--json', '--seeds', dir, '--no-cache']);
    expect(JSON.parse(out).answers[0].text).toContain('Oslo');
  });

  it("answers from the same articles as the bot: the seeds and the feeds' articles in DATA_DIR/articles", async () => {
    const data = await tempDir();
    await fs.mkdir(path.join(data, 'articles'));
    await fs.writeFile(
      path.join(data, 'articles', 'feed-1.txt'),
      '---\ntitle: Delegates meet in Lisbon\npublisher: Feed Wire\npublished: 2017-01-02\n---\nDelegates from both countries met in Lisbon to review the cyber pact.\n',
    );
    const run = async (args: string[]) => {
      const o = new PassThrough();
      let out = '';
      o.on('data', (d) => (out += d));
      const i = new PassThrough();
      i.end('');
      await runCli(args, { stdin: i, stdout: o, stderr: new PassThrough(), env: { SEEDS_DIR: SEEDS, DATA_DIR: data } });
      return out;
    };
    expect(JSON.parse(await run(['ask', 'where did the delegates meet', '--json'])).answers[0].text).toContain('Lisbon');
    // --seeds: that folder alone.
    expect(await run(['ask', 'where did the delegates meet', '--json', '--seeds', SEEDS])).not.toContain('Lisbon');
  });

  it('questions piped to ask without --json are answered one by one, readable, none following up on another', async () => {
    const { code, out } = await cli(['ask'], 'who is max baucus\nwhat did he say?\n');
    expect(code).toBe(0);
    expect(out).toContain('== who is max baucus ==');
    expect(out).toContain('"what did he say?" follows up on something');
  });

  it('usage errors go to stderr with exit code 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('unknown command');
  });

  it('the real command prints nothing but JSON on stdout', async () => {
    const data = await tempDir();
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/run.js'), 'cli', 'ask', 'what is CISP', '--json'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: data, SEEDS_DIR: SEEDS },
      timeout: 120_000,
    });
    const r = JSON.parse(stdout);
    expect(r.answers[0].text).toContain('Cyber Security Information Sharing Partnership');
  }, 120_000);

  it('a question from the cached corpus loads neither the configuration schema (zod), node-cron nor, without a date to read, chrono', async () => {
    const data = await tempDir();
    const env = { ...process.env, DATA_DIR: data, SEEDS_DIR: SEEDS };
    const run = promisify(execFile);
    // The first question builds the cache (and dates the corpus's sentences with chrono); the second is what a user waits for.
    await run(process.execPath, [path.join(ROOT, 'scripts/run.js'), 'cli', 'ask', 'who attended', '--json'], { cwd: ROOT, env, timeout: 120_000 });
    const script = `const { main } = require('./dist/src/cli.js');
      process.argv = [process.argv[0], 'cli', 'ask', 'who attended', '--json'];
      void main();
      process.on('exit', () => {
        const loaded = Object.keys(require.cache).map((f) => (/node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f) || [])[1]).filter(Boolean);
        process.stderr.write('\\nloaded ' + JSON.stringify([...new Set(loaded)]));
      });`;
    const { stderr } = await run(process.execPath, ['-e', script], { cwd: ROOT, env, timeout: 120_000 });
    const packages: string[] = JSON.parse(/loaded (.*)$/.exec(stderr)?.[1] ?? 'null');
    expect(packages).toContain('wink-nlp');
    for (const heavy of ['zod', 'node-cron', 'chrono-node', '@slack/bolt', 'discord.js', 'pg']) expect(packages).not.toContain(heavy);
  }, 120_000);
});

describe('CLI contract for everyday messages', () => {
  it('small talk is kind "no_answer" with reason "small_talk"; a summary is an answer', async () => {
    const { out } = await cli(['ask', '--json', '--no-cache'], 'hi\ngive me a summary\n');
    const [hi, summary] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(hi).toMatchObject({ kind: 'no_answer', reason: 'small_talk', answers: [], message: expect.stringMatching(/^Hi!/) });
    expect(hi.suggestions).toHaveLength(2);
    expect(summary).toMatchObject({ kind: 'answer', mode: 'summary' });
    expect(summary.answers.length).toBeGreaterThanOrEqual(2);
  });
});

describe('CLI configuration', () => {
  it('reads SEEDS_DIR, DATA_DIR and DIGEST_TIMEZONE through the one config loader: a malformed value is named', async () => {
    const e = new PassThrough();
    let err = '';
    e.on('data', (d) => (err += d));
    const code = await runCli(['ask', 'who attended'], { stdin: new PassThrough(), stdout: new PassThrough(), stderr: e, env: { SEEDS_DIR: SEEDS, DIGEST_TIMEZONE: 'Mars/Olympus' } });
    expect(code).toBe(2);
    expect(err).toMatch(/DIGEST_TIMEZONE/);
  });
});

describe('CLI version', () => {
  it('--version prints the package version', async () => {
    const { code, out } = await cli(['--version']);
    expect(code).toBe(0);
    expect(out.trim()).toBe(`cyberpact ${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}`);
  });
});

describe('CLI input bounds', () => {
  it('ask "" --json answers that the question is empty instead of waiting on standard input', async () => {
    // The stdin stream is never ended: reading it would hang the test.
    const i = new PassThrough();
    const o = new PassThrough();
    let out = '';
    o.on('data', (d) => (out += d));
    const code = await runCli(['ask', '', '--json', '--no-cache'], { stdin: i, stdout: o, stderr: new PassThrough(), env: { SEEDS_DIR: SEEDS } });
    expect(code).toBe(0);
    expect(JSON.parse(out.trim())).toMatchObject({ question: '', kind: 'no_answer', reason: 'empty' });
  });

  it('a huge line on standard input is cut as it streams in and refused as too long; the next line is answered', async () => {
    const { code, out } = await cli(['ask', '--json', '--no-cache'], `${'word '.repeat(2_000_000)}\nwho attended\n`);
    expect(code).toBe(0);
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.kind, r.reason])).toEqual([
      ['no_answer', 'too_long'],
      ['answer', undefined],
    ]);
  });
});
