/** Post the weekly digest in this channel (for those who may manage it). */
import { channelKey } from '../../state/store';
import { channelName, unavailableReply } from '../replies';
import type { CommandModule } from './spec';

export const subscribe: CommandModule = {
  name: 'subscribe',
  aliases: [],
  usage: 'subscribe',
  summary: 'Post the weekly digest in this channel.',
  permission: 'managers',
  cli: false,
  async run(ctx, env) {
    const d = env.digest;
    if (!d) return unavailableReply('subscribe');
    const key = channelKey(ctx.channel);
    const added = await d.store.subscribe({ key, channel: ctx.channel, since: d.clock().toISOString() });
    const where = channelName(ctx.channel);
    const text = added
      ? `Subscribed: ${where} will get the weekly digest ${d.describeSchedule()}. Preview it with "digest"; stop it with "unsubscribe".`
      : `${where} is already subscribed to the weekly digest (${d.describeSchedule()}).`;
    return { kind: 'info', visibility: added ? 'public' : 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
  },
};
