/**
 * The registry of commands, and the one grammar every surface shares:
 *   /cyberpact <question> | ask <question> | help | sources | people |
 *   timeline | digest | subscribe [day] [time] [zone] | unsubscribe |
 *   pause | resume | subscriptions |
 *   feeds [add URL | remove URL]
 *
 * Adding a command: a module beside this one (its spec and handler, see
 * spec.ts), its name in COMMAND_NAMES, and one line in COMMANDS below.
 */
import { cleanUserText, MAX_INPUT_CHARS } from '../../sanitize';
import { ask } from './ask';
import { digest } from './digest';
import { feeds } from './feeds';
import { help } from './help';
import { people } from './people';
import { pause, resume } from './pause';
import { sources } from './sources';
import { subscribe } from './subscribe';
import { subscriptions } from './subscriptions';
import { timeline } from './timeline';
import { unsubscribe } from './unsubscribe';
import type { Command, CommandModule, CommandName } from './spec';

export { COMMAND_NAMES, type Command, type CommandEnv, type CommandModule, type CommandName, type CommandSpec, type DigestEnv, type FeedsEnv } from './spec';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandModule[] = [ask, sources, people, timeline, digest, subscribe, unsubscribe, pause, resume, subscriptions, feeds, help];

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

/** The module of a command. */
export function commandOf(name: CommandName | 'ask'): CommandModule {
  const c = BY_NAME.get(name);
  if (!c) throw new Error(`no module for the command ${name}`);
  return c;
}

/**
 * Does this command need someone who may manage the channel's settings (so that a surface asks the
 * platform who the user is only then)?
 */
export function needsManager(cmd: Command): boolean {
  if (cmd.type === 'invalid' || cmd.type === 'ask') return false;
  const c = BY_NAME.get(cmd.type);
  return c?.permission === 'managers' || Boolean(c?.managesWith && cmd.args && c.managesWith(cmd.args));
}

/** Word → command, for the names and their aliases. */
const WORDS = new Map<string, CommandName>(
  COMMANDS.filter((c): c is CommandModule & { name: CommandName } => c.name !== 'ask').flatMap((c) => [c.name, ...c.aliases].map((w) => [w, c.name] as const)),
);

/** Parse what follows "/cyberpact" (or a mention of the bot). Never throws. */
export function parseCommand(raw: string): Command {
  const rawLength = [...raw].length;
  if (rawLength > MAX_INPUT_CHARS * 4) return { type: 'invalid', problem: 'too_long', length: rawLength };
  const text = cleanUserText(raw).replace(/^\/?cyberpact\b\s*/i, '');
  if (!raw.trim()) return { type: 'invalid', problem: 'empty' };
  if (!text) return { type: 'invalid', problem: 'no_words' };
  if ([...text].length > MAX_INPUT_CHARS) return { type: 'invalid', problem: 'too_long', length: [...text].length };
  const word = text.toLowerCase().replace(/(?<=.)[.!?]+$/, '');
  const named = WORDS.get(word);
  if (named) return { type: named };
  // A command that takes arguments: its name, then the rest of the line.
  const first = /^(\S+)\s+(.+)$/.exec(text);
  const withArgs = first ? WORDS.get(first[1].toLowerCase()) : undefined;
  if (first && withArgs && BY_NAME.get(withArgs)?.arguments) return { type: withArgs, args: first[2].trim() };
  const asked = /^ask\s+(.+)$/i.exec(text);
  const question = asked ? asked[1] : text;
  if (!/[\p{L}\p{N}]/u.test(question)) return { type: 'invalid', problem: 'no_words' };
  return { type: 'ask', question };
}
