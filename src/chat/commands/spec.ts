/**
 * What a command is: one module per command (src/chat/commands/*.ts) holds
 * its spec (name, aliases, usage, help text, who may run it) and its
 * handler, and the registry (index.ts) lists the modules. Help, the
 * grammar, the Discord option's description and autocomplete, the CLI and
 * the permission check all read the registry.
 */
import type { Briefing } from '../../answering/briefing';
import type { ConversationMemory } from '../../answering/followup';
import type { Reply } from '../../reply';
import type { StateStore } from '../../state/store';
import type { Milestone } from '../../timeline/timeline';
import type { CommandContext } from '../context';

/** Every command of the grammar but `ask` (a question is the default). */
export const COMMAND_NAMES = ['help', 'sources', 'people', 'timeline', 'digest', 'subscribe', 'unsubscribe', 'subscriptions'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type Command = { type: CommandName } | { type: 'ask'; question: string } | { type: 'invalid'; problem: 'empty' | 'too_long' | 'no_words'; length?: number };

export interface CommandSpec {
  name: CommandName | 'ask';
  /** Other words that run the command ("?" for help). */
  aliases: readonly string[];
  usage: string;
  summary: string;
  /** `managers`: changes the channel's settings, only for those who may (see `CommandContext.canManage`); `Core` checks it. */
  permission: 'anyone' | 'managers';
  /** Offered by the command-line interface (`npm run cli -- <name>`). */
  cli: boolean;
}

/** The weekly digest's state and schedule: present where the bot runs, absent in the CLI. */
export interface DigestEnv {
  store: StateStore;
  clock: () => Date;
  /** Human description of the schedule ("every Monday at 09:00 UTC (next: …)"). */
  describeSchedule: () => string;
}

/** What handlers are given: the current briefing and the rest of the core's state. */
export interface CommandEnv {
  /** The briefing answering now (it is replaced when the seeds change). */
  briefing(): Briefing;
  /** What each conversation was last about, for follow-ups. */
  memory: ConversationMemory;
  /** Milliseconds since the epoch. */
  now(): number;
  /** The current corpus's milestones (computed once per corpus; the date parser is loaded on first use). */
  timeline(): Promise<Milestone[]>;
  /** DIGEST_TIMEZONE: the day a digest is dated by. */
  timeZone: string;
  digest?: DigestEnv;
  /** The command list, for help. */
  commands: readonly CommandSpec[];
}

export interface CommandModule extends CommandSpec {
  run(ctx: CommandContext, env: CommandEnv, command: Command): Reply | Promise<Reply>;
  /** The CLI's `--json` output (the stable contract for scripts), when the command has one. */
  json?(env: CommandEnv): unknown;
}
