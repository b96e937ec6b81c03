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
  run: (ctx, env) => {
    const briefing = env.briefing();
    return helpReply(ctx, env.commands, briefing.examples(), briefing.corpusFacts());
  },
};
