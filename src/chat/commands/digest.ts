/** A preview of the weekly digest, here and now; and the digest as the schedule posts it. */
import type { Briefing } from '../../answering/briefing';
import type { BriefingSource } from '../../answering/live';
import { sourceOf } from '../../answering/live';
import type { Reply } from '../../reply';
import { channelKey, lastSentArticles, type StateStore } from '../../state/store';
import { buildDigest, milestoneItem } from '../../timeline/digest';
import { storyOf, type Milestone } from '../../timeline/timeline';
import type { ListItem } from '../../reply';
import type { ChannelRef } from '../../types';
import type { CommandEnv, CommandModule } from './spec';

/** Articles the channel's last delivered digest covered (undefined before its first). */
export function lastDigestArticles(store: StateStore, channel: ChannelRef): Promise<string[] | undefined> {
  return lastSentArticles(store, channelKey(channel));
}

/** Each article's first sentence (news puts what a story is about first), found by the article's sentence range. */
export function ledes(b: Briefing): (id: string) => string | undefined {
  return (id) => {
    const [start, end] = b.sentenceRange(id);
    const t = start < end ? b.corpus.sentences[start].text : undefined;
    return t && t.length > 300 ? t.slice(0, 299) + '…' : t;
  };
}

/** When each article was taken in from a feed (its `fetched:` header), if it was. */
export function addedTimes(b: Briefing): (id: string) => string | undefined {
  return (id) => b.article(id)?.fetched;
}

/** The digest's title words and "the story in brief", from a briefing's corpus. */
export function storyParts(b: Briefing): { subject: string; brief: ListItem[] } {
  const { subject, brief } = storyOf(b.corpus);
  return {
    subject,
    brief: brief.map(({ label, milestone }) => {
      const item = milestoneItem(milestone);
      return { ...item, text: `${label} — ${item.text}` };
    }),
  };
}

/** The digest the schedule posts to a channel (what is new since its last one, this week in history, the timeline). */
export function renderDigestFor(briefing: Briefing | BriefingSource, timeline: () => Milestone[], timeZone = 'UTC') {
  const source = sourceOf(briefing);
  return (_channel: ChannelRef, previousArticleIds: string[] | undefined, now: Date, channelTimeZone = timeZone): Reply =>
    buildDigest({
      timeline: timeline(),
      articles: source.current.sources(),
      previousArticleIds,
      now,
      timeZone: channelTimeZone,
      summaryOf: ledes(source.current),
      addedOf: addedTimes(source.current),
      ...storyParts(source.current),
    });
}

async function preview(env: CommandEnv, channel: ChannelRef | undefined): Promise<Reply> {
  const previous = env.digest && channel ? await lastDigestArticles(env.digest.store, channel) : undefined;
  const now = env.digest ? env.digest.clock() : new Date(env.now());
  // A channel on its own time is previewed in its own time zone.
  const own = env.digest && channel ? (await env.digest.store.subscription(channelKey(channel)))?.schedule : undefined;
  return buildDigest({
    timeline: await env.timeline(),
    articles: env.briefing().sources(),
    previousArticleIds: previous,
    now,
    timeZone: own?.timezone ?? env.timeZone,
    summaryOf: ledes(env.briefing()),
    addedOf: addedTimes(env.briefing()),
    ...storyParts(env.briefing()),
  });
}

/** The channel's own schedule, if it is subscribed: what the preview says it gets. */
async function channelSchedule(env: CommandEnv, channel: ChannelRef | undefined): Promise<string | undefined> {
  if (!env.digest || !channel) return undefined;
  const sub = await env.digest.store.subscription(channelKey(channel));
  if (!sub) return undefined;
  return sub.paused ? `paused (it would come ${env.digest.describeSchedule(sub.schedule ?? undefined)})` : env.digest.describeSchedule(sub.schedule ?? undefined);
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
    const own = await channelSchedule(env, ctx.channel);
    const text = own ? `Preview. This channel gets it ${own}.` : `Preview. This channel is not subscribed; subscribed channels get this ${env.digest.describeSchedule()} ("subscribe" here to get it).`;
    return { ...reply, blocks: [...reply.blocks, { type: 'context', text }] };
  },
  json: (env) => preview(env, undefined),
};
