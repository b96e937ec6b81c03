/** Stop the weekly digest in this channel (for those who may manage it). */
import { channelKey } from '../../state/store';
import { channelName, infoReply, unavailableReply } from '../replies';
import type { CommandModule } from './spec';

export const unsubscribe: CommandModule = {
  name: 'unsubscribe',
  aliases: [],
  usage: 'unsubscribe',
  summary: 'Stop the weekly digest in this channel.',
  permission: 'managers',
  cli: false,
  async run(ctx, env) {
    if (!env.digest) return unavailableReply('unsubscribe');
    const key = channelKey(ctx.channel);
    const removed = await env.digest.store.unsubscribe(key);
    const where = channelName(ctx.channel);
    const text = removed ? `Unsubscribed: ${where} will no longer get the weekly digest.` : `${where} was not subscribed to the weekly digest.`;
    return infoReply(text, removed ? 'public' : 'private');
  },
};
