import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../adapters/console';
import { Core } from '../../src/chat/core';
import { seedBriefing } from '../helpers';

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const core = new Core(await seedBriefing());
  const closed = new Promise<void>((resolve) => {
    void new ConsoleAdapter(core, { input, output, interactive: false, onClose: resolve }).start();
  });
  input.end(lines.join('\n') + '\n');
  await closed;
  return text;
}

describe('terminal chat through stdin', () => {
  it('answers one line after another, in order, with the same grammar', async () => {
    const out = await chat(['who is Guo Shengkun', 'sources', 'what is the weather today', '', 'help']);
    const iGuo = out.indexOf('Minister of Public Security, Guo Shengkun');
    const iSources = out.indexOf('== Sources (5 articles) ==');
    const iRefusal = out.indexOf("don't");
    const iHelp = out.indexOf('CyberPact — briefings');
    expect(iGuo).toBeGreaterThanOrEqual(0);
    expect(iSources).toBeGreaterThan(iGuo);
    expect(iRefusal).toBeGreaterThan(iSources);
    expect(iHelp).toBeGreaterThan(iRefusal);
  });

  it('survives hostile input', async () => {
    const out = await chat(['x'.repeat(20_000), '\u0000\u001b[2J', '🙂', 'hotline']);
    expect(out).toContain('too long');
    expect(out).toContain('hotline');
  });
});

describe('line limiter', () => {
  it('cuts each line to the limit and keeps the newlines', async () => {
    const { LineLimiter } = await import('../../src/chat/lines');
    const lim = new LineLimiter(5);
    let out = '';
    lim.on('data', (d: Buffer) => (out += d.toString()));
    lim.write('abcdefgh');
    lim.write('ij\nshort\n');
    lim.end('1234567\n');
    await new Promise((r) => lim.on('end', r));
    expect(out).toBe('abcde\nshort\n12345\n');
  });
});

describe('the interactive chat, for a person at the terminal', () => {
  it('keeps its history in a file across restarts, and help says how to quit and add articles', async () => {
    const { promises: fs } = await import('node:fs');
    const path = await import('node:path');
    const { tempDir } = await import('../helpers');
    const historyFile = path.join(await tempDir(), 'chat-history');
    const core = new Core(await seedBriefing());
    const run = async (lines: string[]) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let text = '';
      output.on('data', (d) => (text += d));
      let closed: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (closed = resolve));
      const adapter = new ConsoleAdapter(core, { input, output, interactive: true, historyFile, onClose: closed });
      await adapter.start();
      // Every line typed, then Ctrl-D: the chat closes once it has answered them all.
      input.end(lines.map((l) => `${l}\r`).join(''));
      await ended;
      await adapter.stop();
      return text;
    };
    const out = await run(['help', 'who attended']);
    expect(out).toMatch(/"quit" or Ctrl-D quits/);
    expect(out).toMatch(/Type "quit" or press Ctrl-D to leave\. To add an article, put a text file/);
    expect((await fs.readFile(historyFile, 'utf8')).trim().split('\n')).toEqual(['help', 'who attended']);
    await run(['hotline']);
    expect((await fs.readFile(historyFile, 'utf8')).trim().split('\n')).toEqual(['help', 'who attended', 'hotline']);
  });

  it('log records become one readable line each', async () => {
    const { plainLines } = await import('../../src/log');
    let out = '';
    const sink = plainLines({ write: (s: string) => (out += s) });
    sink.write(JSON.stringify({ level: 40, time: 1, msg: 'seed skipped: missing header', file: 'bad.txt' }) + '\n');
    expect(out).toBe('warning: seed skipped: missing header (file: bad.txt)\n');
  });
});
