/** Keep this channel's subscription but post no digest until it is resumed (for those who may manage it). */
import { channelKey } from '../../state/store';
import { channelName, infoReply, unavailableReply } from '../replies';
import type { CommandModule } from './spec';

/** `pause` and `resume`: the same step, one way or the other. */
function toggle(name: 'pause' | 'resume'): CommandModule {
  const pausing = name === 'pause';
  return {
    name,
    aliases: [],
    usage: name,
    summary: pausing ? 'Stop posting the weekly digest here for now, keeping the subscription and its time.' : 'Post the weekly digest here again after a pause.',
    permission: 'managers',
    cli: false,
    async run(ctx, env) {
      const d = env.digest;
      if (!d) return unavailableReply(name);
      const key = channelKey(ctx.channel);
      const where = channelName(ctx.channel);
      const sub = await d.store.subscription(key);
      if (!sub) return infoReply(`${where} is not subscribed to the weekly digest. "subscribe" starts it.`, 'private');
      if (Boolean(sub.paused) === pausing)
        return infoReply(pausing ? `${where}'s digest is already paused. "resume" starts it again.` : `${where}'s digest is not paused: it comes ${d.describeSchedule(sub.schedule)}.`, 'private');
      await d.store.updateSubscription(key, { paused: pausing });
      return infoReply(
        pausing
          ? `Paused: ${where} gets no digest until "resume" (the subscription and its time are kept). The next digest after resuming says what is new since the last one sent.`
          : `Resumed: ${where} gets the weekly digest again, ${d.describeSchedule(sub.schedule)}.`,
        'public',
      );
    },
  };
}

export const pause = toggle('pause');
export const resume = toggle('resume');
