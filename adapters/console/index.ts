/**
 * The terminal chat: the default surface when no platform is configured.
 * Reads one line at a time (interactive or piped), answers with the same
 * grammar as Slack and Discord, rendered as plain text.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatAdapter } from '../../src/adapter';
import type { ChannelRef, CommandContext, Core } from '../../src/chat/core';
import type { Reply } from '../../src/reply';
import { limitLines } from '../../src/chat/lines';
import { renderText } from '../../src/chat/render/text';

async function readHistory(file: string): Promise<string[]> {
  try {
    // readline wants the newest line first.
    return (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

async function writeHistory(file: string, newestFirst: string[]): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, [...newestFirst].reverse().join('\n') + '\n', { mode: 0o600 });
  } catch {
    // History is a convenience: a folder that cannot be written costs only that.
  }
}

export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', id: 'terminal', name: 'terminal' };

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (an interactive terminal). */
  interactive: boolean;
  /** Called when the input ends (Ctrl-D, end of pipe). */
  onClose?: () => void;
  /** Where the interactive chat keeps its history across restarts (last 500 lines). */
  historyFile?: string;
}

const HISTORY_SIZE = 500;

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private rl?: readline.Interface;
  private queue: Promise<void> = Promise.resolve();
  /** History writes, one after another, so the file always holds the latest and stop() can wait for it. */
  private historyWrites: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: Core,
    private readonly options: ConsoleOptions,
  ) {}

  async start(): Promise<void> {
    const { input, output, interactive } = this.options;
    // Piped input is untrusted in size: cut long lines as they stream in. (A terminal's lines are typed.)
    const history = this.options.historyFile ? await readHistory(this.options.historyFile) : [];
    const rl = readline.createInterface({
      input: interactive ? input : limitLines(input),
      output: interactive ? output : undefined,
      terminal: interactive,
      prompt: 'cyberpact> ',
      history,
      historySize: HISTORY_SIZE,
    });
    this.rl = rl;
    if (this.options.historyFile) {
      const file = this.options.historyFile;
      rl.on('history', (lines: string[]) => {
        const snapshot = [...lines];
        this.historyWrites = this.historyWrites.then(() => writeHistory(file, snapshot));
      });
    }
    if (interactive) {
      output.write('CyberPact terminal chat. Ask about the articles in the seeds folder, or type "help" (it says what they are). "quit" or Ctrl-D quits.\n');
      rl.prompt();
    }
    const ctx: CommandContext = { channel: CONSOLE_CHANNEL, canManage: true, invocation: '' };
    rl.on('line', (line) => {
      // Answer lines in order even when they arrive faster than we answer.
      this.queue = this.queue.then(async () => {
        if (!line.trim() && !interactive) return;
        if (/^(?:quit|exit)$/i.test(line.trim())) {
          rl.close();
          return;
        }
        const reply = await this.core.handleText(line, ctx);
        output.write(renderText(reply) + '\n');
        if (!interactive) output.write('\n');
        if (interactive) rl.prompt();
      });
    });
    rl.on('close', () => {
      void this.queue.then(() => this.options.onClose?.());
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
    await this.historyWrites;
  }

  /** The digest in the terminal is printed. */
  async send(_channel: ChannelRef, reply: Reply): Promise<void> {
    this.options.output.write(`\n${renderText(reply)}\n`);
    // The digest printed over the prompt: draw it again, with what was being typed.
    if (this.options.interactive) this.rl?.prompt(true);
  }

  /** Finished answering everything read so far. */
  async idle(): Promise<void> {
    await this.queue;
    await this.historyWrites;
  }
}
