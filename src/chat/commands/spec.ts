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
import type { DigestSchedule, StateStore } from '../../state/store';
import type { Milestone } from '../../timeline/timeline';
import type { CommandContext } from '../context';
import type { PollReport } from '../../feeds/poller';

/** Every command of the grammar but `ask` (a question is the default). */
export const COMMAND_NAMES = ['help', 'sources', 'people', 'timeline', 'digest', 'subscribe', 'unsubscribe', 'pause', 'resume', 'subscriptions', 'feeds'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type Command =
  | { type: CommandName; /** What follows the command's name, for a command that takes arguments. */ args?: string }
  | { type: 'ask'; question: string }
  | { type: 'invalid'; problem: 'empty' | 'too_long' | 'no_words'; length?: number };

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
  /** Takes what follows its name ("feeds add URL"); a command without arguments is only its name. */
  arguments?: boolean;
  /**
   * For a command anyone may run that changes settings with some arguments ("feeds add URL"): does
   * this use of it need a manager? (The handler checks `canManage`; a surface asks the platform only then.)
   */
  managesWith?: (args: string) => boolean;
}

/** The weekly digest's state and schedule: present where the bot runs, absent in the CLI. */
export interface DigestEnv {
  store: StateStore;
  clock: () => Date;
  /** Human description of a schedule, the default one when none is given ("every Monday at 09:00 UTC (next: …)"). */
  describeSchedule: (schedule?: DigestSchedule) => string;
  /** DIGEST_CRON in DIGEST_TIMEZONE: what a channel's own time leaves out comes from it. Default Monday 09:00 UTC. */
  defaults?: DigestSchedule;
  /** Told after a channel's schedule changed (the scheduler starts firing a new time at once). */
  changed?: () => void;
}

/** The news feeds: present where the bot runs. */
export interface FeedsEnv {
  store: StateStore;
  /** FEEDS from the environment (listed, not removable from chat). */
  configured: readonly string[];
  clock: () => Date;
  /** Poll now (after a feed is added), without waiting for FEEDS_INTERVAL; what each feed gave, when told. */
  pollNow: () => Promise<Pick<PollReport, 'byFeed'> | void>;
  /** How long "feeds add" waits for that first read before answering without it. Default 20 s. */
  readWaitMs?: number;
  intervalMs: number;
  /** FEEDS_ALLOW_PRIVATE: addresses on private networks may be added. */
  allowPrivate: boolean;
  /**
   * The addresses a host name resolves to (DNS): a feed whose name does not resolve, or resolves to a
   * private address, is refused before "Added". Absent: names are resolved only when fetched.
   */
  resolve?: (hostname: string) => Promise<string[]>;
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
  feeds?: FeedsEnv;
  /** The command list, for help. */
  commands: readonly CommandSpec[];
}

export interface CommandModule extends CommandSpec {
  run(ctx: CommandContext, env: CommandEnv, command: Command): Reply | Promise<Reply>;
  /** The CLI's `--json` output (the stable contract for scripts), when the command has one. */
  json?(env: CommandEnv): unknown;
}
