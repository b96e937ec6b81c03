/**
 * The one command grammar every surface shares:
 *   /cyberpact <question> | ask <question> | help | sources | people |
 *   timeline | digest | subscribe | unsubscribe | subscriptions
 */
import { cleanUserText, MAX_INPUT_CHARS } from '../sanitize';

export type CommandName = 'help' | 'sources' | 'people' | 'timeline' | 'digest' | 'subscribe' | 'unsubscribe' | 'subscriptions';

export type Command =
  | { type: CommandName }
  | { type: 'ask'; question: string }
  | { type: 'invalid'; problem: 'empty' | 'too_long' | 'no_words'; length?: number };

export interface CommandSpec {
  name: CommandName | 'ask';
  usage: string;
  summary: string;
  /** Changes channel settings: surfaces may require a permission. */
  manages?: boolean;
}

export const COMMANDS: CommandSpec[] = [
  { name: 'ask', usage: '<question>', summary: 'Answer a question from the articles, with the source (e.g. "who attended").' },
  { name: 'sources', usage: 'sources', summary: 'List the articles I know, with publisher and date.' },
  { name: 'people', usage: 'people', summary: "Who's who: the people in the articles and their roles." },
  { name: 'timeline', usage: 'timeline', summary: "The agreement's milestones in date order, each with its source." },
  { name: 'digest', usage: 'digest', summary: 'Preview the weekly digest here, now.' },
  { name: 'subscribe', usage: 'subscribe', summary: 'Post the weekly digest in this channel.', manages: true },
  { name: 'unsubscribe', usage: 'unsubscribe', summary: 'Stop the weekly digest in this channel.', manages: true },
  { name: 'subscriptions', usage: 'subscriptions', summary: 'List the channels that get the weekly digest.' },
  { name: 'help', usage: 'help', summary: 'Show this help.' },
];

const NAMES = new Set<string>(COMMANDS.map((c) => c.name).filter((n) => n !== 'ask'));
const ALIASES: Record<string, CommandName> = { '?': 'help', commands: 'help', articles: 'sources', whoswho: 'people', milestones: 'timeline', subs: 'subscriptions' };

/** Parse what follows "/cyberpact" (or a mention of the bot). Never throws. */
export function parseCommand(raw: string): Command {
  const rawLength = [...raw].length;
  if (rawLength > MAX_INPUT_CHARS * 4) return { type: 'invalid', problem: 'too_long', length: rawLength };
  const text = cleanUserText(raw).replace(/^\/?cyberpact\b\s*/i, '');
  if (!raw.trim()) return { type: 'invalid', problem: 'empty' };
  if (!text) return { type: 'invalid', problem: 'no_words' };
  if ([...text].length > MAX_INPUT_CHARS) return { type: 'invalid', problem: 'too_long', length: [...text].length };
  const word = text.toLowerCase().replace(/[.!?]+$/, '');
  if (NAMES.has(word)) return { type: word as CommandName };
  if (ALIASES[word]) return { type: ALIASES[word] };
  const ask = /^ask\s+(.+)$/i.exec(text);
  const question = ask ? ask[1] : text;
  if (!/[\p{L}\p{N}]/u.test(question)) return { type: 'invalid', problem: 'no_words' };
  return { type: 'ask', question };
}
