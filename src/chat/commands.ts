/**
 * The one command grammar every surface shares:
 *   /cyberpact <question> | ask <question> | help | sources | people |
 *   timeline | digest | subscribe | unsubscribe | subscriptions
 */
import { cleanUserText, MAX_INPUT_CHARS } from '../sanitize';

/** Every command of the grammar but `ask`; the one list CommandName and the specs below derive from. */
export const COMMAND_NAMES = ['help', 'sources', 'people', 'timeline', 'digest', 'subscribe', 'unsubscribe', 'subscriptions'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export type Command = { type: CommandName } | { type: 'ask'; question: string } | { type: 'invalid'; problem: 'empty' | 'too_long' | 'no_words'; length?: number };

/**
 * One record per command: its name, the other words that run it, its usage line and help text,
 * and who may run it. Help, the Discord option's description and autocomplete, and the permission
 * check all read this list; `Core` runs the handler registered under the name.
 */
export interface CommandSpec {
  name: CommandName | 'ask';
  /** Other words that run the command ("?" for help). */
  aliases: readonly string[];
  usage: string;
  summary: string;
  /** `managers`: changes the channel's settings, only for those who may (see `CommandContext.canManage`). */
  permission: 'anyone' | 'managers';
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'ask', aliases: [], usage: '<question>', summary: 'Answer a question from the articles, with the source (e.g. "who attended").', permission: 'anyone' },
  { name: 'sources', aliases: ['articles'], usage: 'sources', summary: 'List the articles I know, with publisher and date.', permission: 'anyone' },
  { name: 'people', aliases: ['whoswho'], usage: 'people', summary: "Who's who: the people in the articles and their roles.", permission: 'anyone' },
  { name: 'timeline', aliases: ['milestones'], usage: 'timeline', summary: "The agreement's milestones in date order, each with its source.", permission: 'anyone' },
  { name: 'digest', aliases: [], usage: 'digest', summary: 'Preview the weekly digest here, now.', permission: 'anyone' },
  { name: 'subscribe', aliases: [], usage: 'subscribe', summary: 'Post the weekly digest in this channel.', permission: 'managers' },
  { name: 'unsubscribe', aliases: [], usage: 'unsubscribe', summary: 'Stop the weekly digest in this channel.', permission: 'managers' },
  { name: 'subscriptions', aliases: ['subs'], usage: 'subscriptions', summary: 'List the channels that get the weekly digest.', permission: 'anyone' },
  { name: 'help', aliases: ['?', 'commands'], usage: 'help', summary: 'Show this help.', permission: 'anyone' },
];

/** The spec of a command. */
export function specOf(name: CommandName | 'ask'): CommandSpec {
  return COMMANDS.find((c) => c.name === name)!;
}

/** Word → command, for the names and their aliases. */
const WORDS = new Map<string, CommandName>(COMMANDS.filter((c): c is CommandSpec & { name: CommandName } => c.name !== 'ask').flatMap((c) => [c.name, ...c.aliases].map((w) => [w, c.name] as const)));

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
  const ask = /^ask\s+(.+)$/i.exec(text);
  const question = ask ? ask[1] : text;
  if (!/[\p{L}\p{N}]/u.test(question)) return { type: 'invalid', problem: 'no_words' };
  return { type: 'ask', question };
}
