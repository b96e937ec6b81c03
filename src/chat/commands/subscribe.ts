/** Post the weekly digest in this channel (for those who may manage it), at the default time or its own. */
import { DIGEST_TIME_USAGE, parseDigestTime } from '../../state/digest-time';
import { channelKey } from '../../state/store';
import { channelName, errorReply, infoReply, unavailableReply } from '../replies';
import type { CommandModule } from './spec';

export const subscribe: CommandModule = {
  name: 'subscribe',
  aliases: [],
  usage: 'subscribe [day] [time] [time zone]',
  summary: 'Post the weekly digest in this channel, at the default time or its own (e.g. "subscribe friday 16:00 Europe/London").',
  permission: 'managers',
  cli: false,
  arguments: true,
  async run(ctx, env, command) {
    const d = env.digest;
    if (!d) return unavailableReply('subscribe');
    const args = 'args' in command ? command.args?.trim() : undefined;
    const key = channelKey(ctx.channel);
    // What is left out keeps the channel's own time ("subscribe 4pm" after "subscribe friday 16:00 Europe/London": Friday, London).
    const own = args ? (await d.store.subscription(key))?.schedule : undefined;
    const parsed = args ? parseDigestTime(args, own ?? d.defaults ?? { cron: '0 9 * * 1', timezone: 'UTC' }) : undefined;
    if (parsed && !parsed.ok) return errorReply(parsed.problem);
    const schedule = parsed?.ok ? parsed.schedule : undefined;
    const where = channelName(ctx.channel);
    const added = await d.store.subscribe({ key, channel: ctx.channel, since: d.clock().toISOString(), ...(schedule ? { schedule } : {}) });
    if (added) {
      if (schedule) d.changed?.();
      const text = `Subscribed: ${where} will get the weekly digest ${d.describeSchedule(schedule)}. Preview it with "digest"; pause it with "pause"; stop it with "unsubscribe".`;
      return infoReply(text, 'public');
    }
    if (!schedule) {
      const current = await d.store.subscription(key);
      const text = `${where} is already subscribed to the weekly digest (${d.describeSchedule(current?.schedule)}${current?.paused ? '; paused: "resume" starts it again' : ''}). To change its time: ${DIGEST_TIME_USAGE}.`;
      return infoReply(text, 'private');
    }
    // Subscribed already: a new time replaces the old one.
    await d.store.updateSubscription(key, { schedule });
    d.changed?.();
    const text = `${where} will now get the weekly digest ${d.describeSchedule(schedule)}.`;
    return infoReply(text, 'public');
  },
};
