/** The command list, with examples. */
import { helpReply } from '../replies';
import type { CommandModule } from './spec';

export const help: CommandModule = {
  name: 'help',
  aliases: ['?', 'commands'],
  usage: 'help',
  summary: 'Show this help.',
  permission: 'anyone',
  cli: false,
  run: (ctx, env) => helpReply(ctx, env.commands, env.briefing().examples()),
};
