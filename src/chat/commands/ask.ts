/** A question (what anything that is not a command is): answered from the articles, read against the conversation when it is a follow-up. */
import { askInConversation } from '../../answering/followup';
import { clip, defuseMentions } from '../../sanitize';
import { askReply, errorReply } from '../replies';
import type { CommandModule } from './spec';

export const ask: CommandModule = {
  name: 'ask',
  aliases: [],
  usage: '<question>',
  summary: 'Answer a question from the articles, with the source (e.g. "who attended").',
  permission: 'anyone',
  cli: true,
  run(ctx, env, command) {
    if (command.type !== 'ask') return errorReply('Ask me a question.');
    const text = command.question;
    const briefing = env.briefing();
    const now = env.now();
    const key = [ctx.channel.platform, ctx.channel.team ?? '', ctx.channel.id, ctx.thread ?? ''].join(':');
    const answered = askInConversation(briefing, env.memory, key, text, now);
    if (answered.kind === 'orphan') {
      return errorReply(`"${clip(defuseMentions(text), 100)}" follows up on something, and we have not talked yet here. Ask me a question first, e.g. "${briefing.examples()[0] ?? "what's new"}".`);
    }
    return askReply(answered.result);
  },
};
