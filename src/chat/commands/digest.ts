/** A preview of the weekly digest, here and now; and the digest as the schedule posts it. */
import type { Briefing } from '../../answering/briefing';
import type { BriefingSource } from '../../answering/live';
import { sourceOf } from '../../answering/live';
import type { Reply } from '../../reply';
import { channelKey, lastSentArticles, type StateStore } from '../../state/store';
import { buildDigest } from '../../timeline/digest';
import type { Milestone } from '../../timeline/timeline';
import type { ChannelRef } from '../../types';
import type { CommandEnv, CommandModule } from './spec';

/** Articles the channel's last delivered digest covered (undefined before its first). */
export function lastDigestArticles(store: StateStore, channel: ChannelRef): Promise<string[] | undefined> {
  return lastSentArticles(store, channelKey(channel));
}

/** The digest the schedule posts to a channel (what is new since its last one, this week in history, the timeline). */
export function renderDigestFor(briefing: Briefing | BriefingSource, timeline: () => Milestone[], timeZone = 'UTC') {
  const source = sourceOf(briefing);
  return (_channel: ChannelRef, previousArticleIds: string[] | undefined, now: Date): Reply =>
    buildDigest({ timeline: timeline(), articles: source.current.sources(), previousArticleIds, now, timeZone });
}

async function preview(env: CommandEnv, channel: ChannelRef | undefined): Promise<Reply> {
  const previous = env.digest && channel ? await lastDigestArticles(env.digest.store, channel) : undefined;
  const now = env.digest ? env.digest.clock() : new Date(env.now());
  return buildDigest({ timeline: await env.timeline(), articles: env.briefing().sources(), previousArticleIds: previous, now, timeZone: env.timeZone });
}

export const digest: CommandModule = {
  name: 'digest',
  aliases: [],
  usage: 'digest',
  summary: 'Preview the weekly digest here, now.',
  permission: 'anyone',
  cli: true,
  async run(ctx, env) {
    const reply = await preview(env, ctx.channel);
    if (!env.digest) return reply;
    return { ...reply, blocks: [...reply.blocks, { type: 'context', text: `Preview. Subscribed channels get this ${env.digest.describeSchedule()}.` }] };
  },
  json: (env) => preview(env, undefined),
};
