/**
 * The core's entry point for every surface: a parsed command in, a
 * platform-neutral reply out. Never throws for anything a user types.
 * Each command is a module in `commands/`; the core checks who may run it,
 * runs it with what it needs (`CommandEnv`), and turns a failure into an
 * apology with an error id.
 */
import { randomBytes } from 'node:crypto';
import type { Briefing } from '../answering/briefing';
import { ConversationMemory } from '../answering/followup';
import { sourceOf, type BriefingSource } from '../answering/live';
import type { Reply } from '../reply';
import { commandOf, COMMANDS, parseCommand, type Command, type CommandEnv, type CommandModule, type DigestEnv, type FeedsEnv } from './commands';
import type { CommandContext } from './context';
import { errorReply, invalidReply, notAllowedReply, storageDownReply } from './replies';
import { StoreError } from '../state/store';

export type { ChannelRef, Platform } from '../types';
export type { CommandContext } from './context';

export interface CoreOptions {
  /**
   * Told of an internal error with the id the user was given, for the operator's log (the user
   * sees only an apology and the id: never a path, a token or a stack).
   */
  onError?: (error: unknown, errorId: string, ctx: CommandContext) => void;
  /** Milliseconds since the epoch (tests pass a clock). */
  now?: () => number;
  /** The digest's store and schedule, where subscriptions are kept (the bot); without them those commands say they are not available. */
  digest?: DigestEnv;
  /** The feed list and poller, where feeds are read (the bot); without them `feeds` says it is not available. */
  feeds?: FeedsEnv;
  /** DIGEST_TIMEZONE: the day a digest preview is dated by. Default UTC. */
  timeZone?: string;
  /** The commands (default: the registry, src/chat/commands). */
  commands?: readonly CommandModule[];
}

export class Core {
  private readonly source: BriefingSource;
  private readonly env: CommandEnv;
  private readonly commands: readonly CommandModule[];

  constructor(
    /** The briefing, or where to read the current one from (it is replaced when the corpus changes). */
    briefing: Briefing | BriefingSource,
    private readonly options: CoreOptions = {},
  ) {
    this.source = sourceOf(briefing);
    this.commands = options.commands ?? COMMANDS;
    this.env = {
      briefing: () => this.source.current,
      memory: new ConversationMemory(),
      now: options.now ?? Date.now,
      // Loaded on first use: the date parser costs start-up time a question does not need.
      timeline: async () => (await import('../timeline/timeline')).timelineOfCorpus(this.source.current.corpus),
      timeZone: options.timeZone ?? 'UTC',
      digest: options.digest,
      feeds: options.feeds,
      commands: this.commands,
    };
  }

  get briefing(): Briefing {
    return this.source.current;
  }

  /** Parse and run what the user typed. */
  async handleText(text: string, ctx: CommandContext): Promise<Reply> {
    return this.handle(parseCommand(text), ctx);
  }

  async handle(cmd: Command, ctx: CommandContext): Promise<Reply> {
    try {
      if (cmd.type === 'invalid') return invalidReply(cmd, ctx, this.briefing.examples()[0]);
      const command = this.commands.find((c) => c.name === cmd.type) ?? commandOf(cmd.type);
      if (command.permission === 'managers' && !ctx.canManage) return notAllowedReply(ctx, command.name);
      return await command.run(ctx, this.env, cmd);
    } catch (e) {
      const errorId = randomBytes(4).toString('hex');
      try {
        this.options.onError?.(e, errorId, ctx);
      } catch {
        // A failing logger must not turn an apology into a crash.
      }
      if (e instanceof StoreError) return storageDownReply(errorId);
      return errorReply(`Sorry, something went wrong on my side. Please try again; if it keeps happening, tell the bot's operator error id ${errorId}.`);
    }
  }

  /** A command's `--json` output for the CLI (undefined when it has none). */
  async json(name: Command['type']): Promise<unknown> {
    const command = this.commands.find((c) => c.name === name);
    return command?.json ? await command.json(this.env) : undefined;
  }
}
