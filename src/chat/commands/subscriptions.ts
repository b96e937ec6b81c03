/** The channels of this workspace or server that get the weekly digest, each with its time and next post. */
import { channelName, unavailableReply } from '../replies';
import type { CommandModule } from './spec';

export const subscriptions: CommandModule = {
  name: 'subscriptions',
  aliases: ['subs'],
  usage: 'subscriptions',
  summary: 'List the channels that get the weekly digest, with when each gets it next.',
  permission: 'anyone',
  cli: false,
  async run(ctx, env) {
    const d = env.digest;
    if (!d) return unavailableReply('subscriptions');
    const mine = (await d.store.subscriptions()).filter((s) => s.channel.platform === ctx.channel.platform && s.channel.team === ctx.channel.team);
    const text = mine.length
      ? `${mine.length} channel${mine.length === 1 ? ' is' : 's are'} subscribed to the weekly digest:`
      : `No channel here gets the weekly digest yet. Use "subscribe" in a channel to start (${d.describeSchedule()}).`;
    return {
      kind: 'info',
      visibility: 'private',
      summary: text,
      blocks: [
        { type: 'paragraph', text },
        ...(mine.length
          ? [
              {
                type: 'list' as const,
                items: mine.map((s) => ({
                  text: `${channelName(s.channel)} — ${s.paused ? `paused (would be ${d.describeSchedule(s.schedule).replace(/ \(next: [^)]*\)$/, '')})` : d.describeSchedule(s.schedule)}; since ${s.since.slice(0, 10)}`,
                })),
              },
            ]
          : []),
      ],
    };
  },
};
