import { DeliveryError } from '../../src/adapter';
import type { ChannelRef } from '../../src/chat/core';
import type { Reply } from '../../src/reply';
import { cronLogger, DigestScheduler, describeSchedule, slotId, type ScheduleOptions } from '../../src/state/schedule';
import { channelKey } from '../../src/state/store';
import { FileStateStore } from '../../src/state/file-store';
import { captureLogger, tempDir, until, untilAsync } from '../helpers';

const A: ChannelRef = { platform: 'slack', id: 'CA', team: 'T', name: 'a' };
const B: ChannelRef = { platform: 'slack', id: 'CB', team: 'T', name: 'b' };
const OPTS: ScheduleOptions = { cron: '0 9 * * 1', timezone: 'UTC', catchupHours: 24, attempts: 3, retryBaseMs: 10 };
const MONDAY_9 = new Date('2026-11-23T09:00:00Z');

interface Harness {
  scheduler: DigestScheduler;
  sent: { channel: string; reply: Reply }[];
  store: FileStateStore;
  clock: { now: Date };
  dir: string;
  fail: Map<string, Error[]>;
  articles: string[];
  sleeps: number[];
  logs: ReturnType<typeof captureLogger>['lines'];
  /** Runs inside each retry wait. */
  onSleep?: () => Promise<void>;
}

async function harness(
  opts: Partial<ScheduleOptions> = {},
  dir?: string,
  subscribe = [A, B],
  deps: { instance?: string; delivered?: (channel: ChannelRef) => Promise<boolean> } = {},
): Promise<Harness> {
  const d = dir ?? (await tempDir());
  const { store } = await FileStateStore.open(d);
  if (!dir) for (const c of subscribe) await store.subscribe({ key: channelKey(c), channel: c, since: 'x' });
  const captured = captureLogger();
  const h: Partial<Harness> = { sent: [], store, clock: { now: MONDAY_9 }, dir: d, fail: new Map(), articles: ['a1', 'a2'], sleeps: [], logs: captured.lines };
  h.scheduler = new DigestScheduler(
    {
      store,
      instance: deps.instance,
      delivered: deps.delivered,
      clock: () => h.clock!.now,
      deliver: async (channel, reply) => {
        const queue = h.fail!.get(channel.id);
        const err = queue?.shift();
        if (err) throw err;
        h.sent!.push({ channel: channel.id, reply });
      },
      render: (_c, prev, _now, tz) => ({ kind: 'digest', visibility: 'public', summary: `prev=${prev ? prev.join(',') : 'none'}`, blocks: [{ type: 'context', text: tz }] }),
      articleIds: () => h.articles!,
      log: captured.log,
      sleep: async (ms) => {
        h.sleeps!.push(ms);
        await h.onSleep?.();
      },
    },
    { ...OPTS, ...opts },
  );
  return h as Harness;
}

describe('DigestScheduler', () => {
  it('delivers a slot once to every subscribed channel', async () => {
    const h = await harness();
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent', 'sent']);
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['skipped', 'skipped']);
    expect(h.sent.map((s) => s.channel).sort()).toEqual(['CA', 'CB']);
  });

  it('a restart within the same slot posts nothing', async () => {
    const h = await harness();
    await h.scheduler.runSlot(MONDAY_9);
    const restarted = await harness({}, h.dir);
    restarted.clock.now = new Date('2026-11-23T09:30:00Z');
    expect(await restarted.scheduler.catchUp()).toEqual(['skipped', 'skipped']);
    expect(restarted.sent).toEqual([]);
  });

  it('catches up a slot missed while down, once, if it is recent enough', async () => {
    const h = await harness();
    h.clock.now = new Date('2026-11-23T20:00:00Z');
    expect(h.scheduler.previousSlot(h.clock.now)?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(await h.scheduler.catchUp()).toEqual(['sent', 'sent']);
    const restarted = await harness({}, h.dir);
    restarted.clock.now = new Date('2026-11-23T21:00:00Z');
    expect(await restarted.scheduler.catchUp()).toEqual(['skipped', 'skipped']);
  });

  it('does not catch up a slot older than DIGEST_CATCHUP_HOURS', async () => {
    const h = await harness({ catchupHours: 6 });
    h.clock.now = new Date('2026-11-23T20:00:00Z');
    expect(await h.scheduler.catchUp()).toEqual([]);
    expect(h.sent).toEqual([]);
  });

  it('respects the time zone of the schedule', async () => {
    const h = await harness({ timezone: 'America/New_York' });
    // 09:00 in New York on Monday 23 Nov 2026 is 14:00 UTC.
    expect(h.scheduler.previousSlot(new Date('2026-11-23T15:00:00Z'))?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(h.scheduler.previousSlot(new Date('2026-11-23T13:00:00Z'))).toBeUndefined();
  });

  it('retries a failing delivery with backoff, without holding up the other channel', async () => {
    const h = await harness();
    h.fail.set('CA', [new Error('socket hang up'), new DeliveryError('rate limited', 'transient', 5_000)]);
    // While channel A waits to retry, channel B must get its digest.
    h.onSleep = async () => {
      for (let i = 0; i < 100 && !h.sent.some((x) => x.channel === 'CB'); i++) await new Promise((r) => setTimeout(r, 5));
    };
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent', 'sent']);
    expect(h.sent.map((s) => s.channel)).toEqual(['CB', 'CA']);
    expect(h.sent[1].reply.blocks).toEqual([{ type: 'context', text: 'UTC' }]);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(10);
    expect(h.sleeps[1]).toBeGreaterThanOrEqual(5_000);
  });

  it('gives up after the last attempt and records the failure; a later run retries it', async () => {
    const h = await harness();
    h.fail.set('CA', [new Error('e1'), new Error('e2'), new Error('e3')]);
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['failed', 'sent']);
    const entry = h.store.read().ledger.find((e) => e.channelKey === channelKey(A))!;
    expect(entry).toMatchObject({ status: 'failed', attempts: 3, error: 'e3' });
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent', 'skipped']);
  });

  it('unsubscribes a channel that cannot receive any more (a channel-level failure), and only that one', async () => {
    const h = await harness();
    h.fail.set('CA', [new DeliveryError('channel_not_found', 'channel')]);
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['dropped', 'sent']);
    expect(h.store.read().subscriptions.map((s) => s.channel.id)).toEqual(['CB']);
    expect(h.logs.find((l) => l.msg.includes('cannot receive the digest any more'))?.msg).toMatch(/channel a .*channel_not_found.*subscribe again/);
  });

  it('a platform-level failure (revoked token, no connection) unsubscribes nobody and leaves the slot for later', async () => {
    const C: ChannelRef = { platform: 'discord', id: 'CC', name: 'c' };
    const h = await harness({}, undefined, [A, B, C]);
    h.fail.set('CA', [new DeliveryError('Slack: token_revoked', 'platform')]);
    h.fail.set('CB', [new DeliveryError('Slack: token_revoked', 'platform')]);
    const outcomes = await h.scheduler.runSlot(MONDAY_9);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(h.sent.map((s) => s.channel)).toEqual(['CC']);
    expect(h.store.read().subscriptions.map((s) => s.channel.id)).toEqual(['CA', 'CB', 'CC']);
    expect(h.logs.filter((l) => l.level >= 50 && l.msg.includes('token_revoked') && l.msg.includes('no channel was unsubscribed'))).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    // The token is fixed: the next run delivers what was held back.
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent', 'sent', 'skipped']);
  });

  it('tells each digest which articles the previous one covered', async () => {
    const h = await harness();
    await h.scheduler.runSlot(MONDAY_9);
    h.articles = ['a1', 'a2', 'a3'];
    await h.scheduler.runSlot(new Date('2026-11-30T09:00:00Z'));
    expect(h.sent.map((s) => s.reply.summary)).toEqual(['prev=none', 'prev=none', 'prev=a1,a2', 'prev=a1,a2']);
  });

  it('start() schedules with node-cron and stop() shuts down cleanly', async () => {
    const h = await harness();
    h.clock.now = new Date('2026-11-25T12:00:00Z');
    await h.scheduler.start();
    expect(h.scheduler.nextRun()?.getUTCDay()).toBe(1);
    await h.scheduler.stop();
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual([]);
  });

  it("another instance's claim is left to it while it may still be sending, and recovered through the platform once its lease is over", async () => {
    const asked: string[] = [];
    const h = await harness({ claimLeaseMs: 10 * 60_000 }, undefined, [A], { instance: 'replica-b', delivered: async (c) => (asked.push(c.id), false) });
    // Replica A claimed the slot a minute ago and is sending.
    await h.store.claim({ channelKey: channelKey(A), slot: slotId(MONDAY_9), at: '2026-11-23T08:59:00.000Z', articleIds: [], owner: 'replica-a' });
    h.clock.now = new Date('2026-11-23T09:00:30Z');
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['skipped']);
    expect(asked).toEqual([]);
    expect(h.sent).toEqual([]);
    // Twenty minutes on, still claimed: replica A died holding it. The platform says it never arrived, so it is sent, once.
    h.clock.now = new Date('2026-11-23T09:20:00Z');
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent']);
    expect(asked).toEqual(['CA']);
    expect(h.sent.map((s) => s.channel)).toEqual(['CA']);
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['skipped']);
    // Its own claim left by a stop is recovered at once, lease or not.
    const own = await harness({ claimLeaseMs: 10 * 60_000 }, undefined, [B], { instance: 'replica-b', delivered: async () => true });
    await own.store.claim({ channelKey: channelKey(B), slot: slotId(MONDAY_9), at: '2026-11-23T08:59:59.000Z', articleIds: [], owner: 'replica-b' });
    expect(await own.scheduler.runSlot(MONDAY_9)).toEqual(['skipped']);
    expect((await own.store.ledger(channelKey(B)))[0].status).toBe('sent');
  });

  it('a post that succeeded is never repeated because recording it failed: the record is retried on its own', async () => {
    const h = await harness({}, undefined, [A]);
    const record = h.store.record.bind(h.store);
    let failures = 2;
    h.store.record = (key, slot, entry) => (entry.status === 'sent' && failures-- > 0 ? Promise.reject(new Error('disk full')) : record(key, slot, entry));
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent']);
    expect(h.sent.map((s) => s.channel)).toEqual(['CA']);
    expect((await h.store.ledger(channelKey(A)))[0].status).toBe('sent');
    expect(h.logs.some((l) => l.msg.includes('the post is not repeated'))).toBe(true);
  });

  it('a store down for longer than the record retries: the slot is run again later and asks the platform, posting nothing twice', async () => {
    const sent: string[] = [];
    const h = await harness({ storeRetryMs: 50 }, undefined, [A, B], { delivered: async (c) => sent.includes(c.id) });
    const record = h.store.record.bind(h.store);
    let down = true;
    h.store.record = (key, slot, entry) => (down ? Promise.reject(new Error('connection refused')) : record(key, slot, entry));
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['failed', 'failed']);
    sent.push(...h.sent.map((s) => s.channel));
    expect(sent.sort()).toEqual(['CA', 'CB']);
    expect(h.logs.some((l) => l.msg.includes('could not be recorded'))).toBe(true);
    down = false;
    await untilAsync(async () => (await h.store.ledger(channelKey(A)))[0]?.status === 'sent' && (await h.store.ledger(channelKey(B)))[0]?.status === 'sent', 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.sent.map((s) => s.channel).sort()).toEqual(['CA', 'CB']);
    await h.scheduler.stop();
  });

  it('a claim another instance made late in the slot is looked at again once its lease is over: if that instance died, the digest is still sent, once', async () => {
    const lease = 300;
    const h = await harness({ claimLeaseMs: lease }, undefined, [A], { instance: 'replica-b', delivered: async () => false });
    h.clock.now = new Date();
    // Replica A claimed it just now, then died.
    await h.store.claim({ channelKey: channelKey(A), slot: slotId(MONDAY_9), at: h.clock.now.toISOString(), articleIds: [], owner: 'replica-a' });
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['skipped']);
    const started = Date.now();
    const tick = setInterval(() => (h.clock.now = new Date()), 20);
    await until(() => h.sent.length === 1, 10_000);
    clearInterval(tick);
    expect(Date.now() - started).toBeGreaterThanOrEqual(lease - 50);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(h.sent.map((s) => s.channel)).toEqual(['CA']);
    await h.scheduler.stop();
  });

  it('a state store that fails (a database down): the slot waits for it, tried again until it runs, logged, never throws', async () => {
    const h = await harness({ storeRetryMs: 50 });
    const real = { subscriptions: h.store.subscriptions.bind(h.store), claim: h.store.claim.bind(h.store) };
    h.store.subscriptions = () => Promise.reject(new Error('connection refused'));
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual([]);
    expect(h.logs.some((l) => l.msg.includes('could not list the subscriptions'))).toBe(true);
    // The database back for listing, not yet for claiming one channel: that one is tried again too.
    h.store.subscriptions = real.subscriptions;
    h.store.claim = (entry) => (entry.channelKey === channelKey(A) ? Promise.reject(new Error('connection reset')) : real.claim(entry));
    await until(() => h.sent.length === 1, 10_000);
    expect(h.sent.map((s) => s.channel)).toEqual(['CB']);
    h.store.claim = real.claim;
    await until(() => h.sent.length === 2, 10_000);
    expect(h.sent.map((s) => s.channel)).toEqual(['CB', 'CA']);
    expect(h.sent[1].reply.blocks).toEqual([{ type: 'context', text: 'UTC' }]);
    // Done: nothing more is tried.
    await new Promise((r) => setTimeout(r, 200));
    expect(h.sent).toHaveLength(2);
    await h.scheduler.stop();
  });

  it('delivers to at most `concurrency` channels at once, and to every one', async () => {
    const many = Array.from({ length: 20 }, (_, i): ChannelRef => ({ platform: 'slack', id: `C${i}`, team: 'T', name: `c${i}` }));
    const h = await harness({}, undefined, many);
    let inFlight = 0;
    let most = 0;
    const posted: string[] = [];
    const scheduler = new DigestScheduler(
      {
        store: h.store,
        clock: () => MONDAY_9,
        deliver: async (channel) => {
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 30));
          inFlight--;
          posted.push(channel.id);
        },
        render: () => ({ kind: 'digest', visibility: 'public', summary: 'd', blocks: [] }),
        articleIds: () => [],
        log: captureLogger().log,
      },
      { ...OPTS, concurrency: 3 },
    );
    expect(await scheduler.runSlot(MONDAY_9)).toEqual(many.map(() => 'sent'));
    // Never more than three; more than one (claims are written one at a time, so three need not meet).
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
    expect(posted.sort()).toEqual(many.map((c) => c.id).sort());
  });

  it('a slot another instance was elected for is run again once the lease is over (finishing what it left), and not after a stop', async () => {
    const h = await harness({ claimLeaseMs: 10 });
    h.scheduler.runAfterLease(MONDAY_9);
    // Run a second after the lease: waited for, not slept for (a loaded machine is slower).
    await until(() => h.sent.length >= 2, 10_000);
    expect(h.sent.map((s) => s.channel).sort()).toEqual(['CA', 'CB']);
    const stopped = await harness({ claimLeaseMs: 10 });
    stopped.scheduler.runAfterLease(MONDAY_9);
    await stopped.scheduler.stop();
    await new Promise((r) => setTimeout(r, 1_300));
    expect(stopped.sent).toEqual([]);
  });

  it('two runs of one slot at once in one instance (two firings, a run after the lease) recover an interrupted claim once', async () => {
    let asked = 0;
    const h = await harness({}, undefined, [A], { delivered: async () => (asked++, await new Promise((r) => setTimeout(r, 20)), false) });
    await h.store.claim({ channelKey: channelKey(A), slot: slotId(MONDAY_9), at: '2026-11-23T08:59:00.000Z', articleIds: [] });
    const outcomes = await Promise.all([h.scheduler.runSlot(MONDAY_9), h.scheduler.runSlot(MONDAY_9), h.scheduler.runSlot(MONDAY_9)]);
    expect(outcomes.flat().sort()).toEqual(['sent', 'skipped', 'skipped']);
    expect(asked).toBe(1);
    expect(h.sent.map((s) => s.channel)).toEqual(['CA']);
  });

  it('each channel on its own time: a slot goes to the channels on its schedule and not paused; each schedule is caught up; a time no channel has is dropped', async () => {
    const C: ChannelRef = { platform: 'slack', id: 'CC', team: 'T', name: 'c' };
    const london = { cron: '0 16 * * 5', timezone: 'Europe/London' };
    const h = await harness({}, undefined, [A]);
    await h.store.subscribe({ key: channelKey(B), channel: B, since: 'x', schedule: london });
    await h.store.subscribe({ key: channelKey(C), channel: C, since: 'x', paused: true });
    // Friday 20 Nov 2026, 16:00 in London (GMT) is 16:00 UTC; the clock is Saturday morning, within the catch-up window.
    const friday = new Date('2026-11-20T16:00:00Z');
    h.clock.now = new Date('2026-11-21T08:00:00Z');
    await h.scheduler.sync();
    const next = h.scheduler.nextRun(london)!;
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('Friday 16:00');
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(await h.scheduler.catchUp()).toEqual(['sent']);
    expect(h.sent.map((s) => s.channel)).toEqual(['CB']);
    // Its digest is dated in its own time zone.
    expect(h.sent[0].reply.blocks).toEqual([{ type: 'context', text: 'Europe/London' }]);
    // Monday's default slot: A only (B has its own time, C is paused).
    h.clock.now = MONDAY_9;
    expect(await h.scheduler.runSlot(MONDAY_9)).toEqual(['sent']);
    expect(h.sent.map((s) => s.channel)).toEqual(['CB', 'CA']);
    expect(h.sent[1].reply.blocks).toEqual([{ type: 'context', text: 'UTC' }]);
    expect(await h.scheduler.runSlot(friday, '0 16 * * 5 @ Europe/London')).toEqual(['skipped']);
    // Resumed, C gets the next default slot; B back on the default time shares it; London's timetable is dropped.
    await h.store.updateSubscription(channelKey(C), { paused: false });
    await h.store.updateSubscription(channelKey(B), { schedule: null });
    await h.scheduler.sync();
    expect(h.scheduler.previousSlot(new Date('2026-11-20T16:30:00Z'), '0 16 * * 5 @ Europe/London')).toBeUndefined();
    expect((await h.scheduler.runSlot(new Date('2026-11-30T09:00:00Z'))).sort()).toEqual(['sent', 'sent', 'sent']);
    await h.scheduler.stop();
  });

  it("node-cron's own messages go to the bot's log, one record each", () => {
    const { log, lines } = captureLogger();
    const cron = cronLogger(log);
    cron.warn('missed execution at Mon Nov 23 2026 09:00');
    cron.error('task failed', new Error('boom'));
    expect(lines).toEqual([
      expect.objectContaining({ component: 'node-cron', msg: 'missed execution at Mon Nov 23 2026 09:00' }),
      expect.objectContaining({ component: 'node-cron', msg: 'task failed', error: 'boom' }),
    ]);
  });

  it('slot ids and schedule descriptions', () => {
    expect(slotId(new Date('2026-11-23T09:00:31.5Z'))).toBe('2026-11-23T09:00:00.000Z');
    expect(describeSchedule('0 9 * * 1', 'UTC', null)).toBe('every Monday at 09:00 UTC');
    expect(describeSchedule('*/5 * * * *', 'Europe/Berlin', null)).toBe('on the schedule "*/5 * * * *" (Europe/Berlin)');
  });
});
