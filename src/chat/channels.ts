/**
 * The digest-related commands of the grammar: timeline, digest (preview),
 * subscribe, unsubscribe, subscriptions. They read the timeline and the store
 * they are given; the composition root wires them into the Core.
 */
import type { Briefing } from '../answering/briefing';
import { sourceOf, type BriefingSource } from '../answering/live';
import type { ChannelRef, Core } from './core';
import { buildDigest, timelineReply } from '../timeline/digest';
import type { Reply } from '../reply';
import { channelKey, type StateStore } from '../state/store';
import { extractTimeline, type Milestone } from '../timeline/timeline';

export interface DigestCommandDeps {
  /** The briefing, or where to read the current one from. */
  briefing: Briefing | BriefingSource;
  store: StateStore;
  clock: () => Date;
  /** Human description of the schedule ("Mondays 09:00 UTC; next 23 Nov 2026 09:00"). */
  describeSchedule: () => string;
  /** DIGEST_TIMEZONE: the day a digest is dated by. Default UTC. */
  timeZone?: string;
}

const timelines = new WeakMap<Briefing, Milestone[]>();

/** The timeline of the current briefing's corpus, computed once per corpus on first use. */
export function timelineOf(briefing: Briefing | BriefingSource): () => Milestone[] {
  const source = sourceOf(briefing);
  return () => {
    const b = source.current;
    let t = timelines.get(b);
    if (!t) timelines.set(b, (t = extractTimeline(b.corpus)));
    return t;
  };
}

/** Articles the channel's last delivered digest covered (undefined before its first). */
export function lastDigestArticles(store: StateStore, channel: ChannelRef): string[] | undefined {
  const key = channelKey(channel);
  return store
    .read()
    .ledger.filter((e) => e.channelKey === key && e.status === 'sent')
    .sort((a, b) => a.slot.localeCompare(b.slot))
    .pop()?.articleIds;
}

export function renderDigestFor(briefing: Briefing | BriefingSource, timeline: () => Milestone[], timeZone = 'UTC') {
  const source = sourceOf(briefing);
  return (_channel: ChannelRef, previousArticleIds: string[] | undefined, now: Date): Reply =>
    buildDigest({ timeline: timeline(), articles: source.current.sources(), previousArticleIds, now, timeZone });
}

const where = (c: ChannelRef) => (c.name ? (c.name.startsWith('#') ? c.name : `#${c.name}`) : `channel ${c.id}`);

export function registerDigestCommands(core: Core, deps: DigestCommandDeps): void {
  const timeline = timelineOf(deps.briefing);
  const source = sourceOf(deps.briefing);
  core.register('timeline', () => timelineReply(timeline()));
  core.register('digest', (ctx) => {
    const reply = buildDigest({
      timeline: timeline(),
      articles: source.current.sources(),
      previousArticleIds: lastDigestArticles(deps.store, ctx.channel),
      now: deps.clock(),
      timeZone: deps.timeZone,
    });
    return { ...reply, blocks: [...reply.blocks, { type: 'context', text: `Preview. Subscribed channels get this ${deps.describeSchedule()}.` }] };
  });
  core.register('subscribe', async (ctx) => {
    const key = channelKey(ctx.channel);
    const added = await deps.store.update((s) => {
      if (s.subscriptions.some((x) => x.key === key)) return false;
      s.subscriptions.push({ key, channel: ctx.channel, since: deps.clock().toISOString() });
      return true;
    });
    const text = added
      ? `Subscribed: ${where(ctx.channel)} will get the weekly digest ${deps.describeSchedule()}. Preview it with "digest"; stop it with "unsubscribe".`
      : `${where(ctx.channel)} is already subscribed to the weekly digest (${deps.describeSchedule()}).`;
    return { kind: 'info', visibility: added ? 'public' : 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
  });
  core.register('unsubscribe', async (ctx) => {
    const key = channelKey(ctx.channel);
    const removed = await deps.store.update((s) => {
      const before = s.subscriptions.length;
      s.subscriptions = s.subscriptions.filter((x) => x.key !== key);
      return s.subscriptions.length < before;
    });
    const text = removed ? `Unsubscribed: ${where(ctx.channel)} will no longer get the weekly digest.` : `${where(ctx.channel)} was not subscribed to the weekly digest.`;
    return { kind: 'info', visibility: removed ? 'public' : 'private', summary: text, blocks: [{ type: 'paragraph', text }] };
  });
  core.register('subscriptions', (ctx) => {
    const mine = deps.store.read().subscriptions.filter((s) => s.channel.platform === ctx.channel.platform && s.channel.team === ctx.channel.team);
    const text = mine.length
      ? `${mine.length} channel${mine.length === 1 ? ' gets' : 's get'} the weekly digest ${deps.describeSchedule()}:`
      : `No channel here gets the weekly digest yet. Use "subscribe" in a channel to start (${deps.describeSchedule()}).`;
    return {
      kind: 'info',
      visibility: 'private',
      summary: text,
      blocks: [{ type: 'paragraph', text }, ...(mine.length ? [{ type: 'list' as const, items: mine.map((s) => ({ text: `${where(s.channel)} — since ${s.since.slice(0, 10)}` })) }] : [])],
    };
  });
}
