/**
 * Load check of a digest slot shared by two instances on one PostgreSQL
 * database: `npm run load-check [-- --channels 1000 --workspaces 50 --post-ms 50]`.
 *
 * Two instances (two DigestSchedulers, each with its own connection pool and
 * instance id, as two bot processes have) run the same slot for every
 * subscribed channel, as their schedules would fire together. The platform
 * is simulated: a post takes `--post-ms` (an API round trip) and is recorded
 * by channel, so the check can tell how many posts each channel got. Then
 * the same again with one instance dying mid-slot (its posts stop answering,
 * with claims held): the other finds those claims, leaves them for the
 * lease, and then recovers them by asking the platform, as after a crash.
 *
 * DATABASE_URL (default TEST_DATABASE_URL, else the local test database);
 * the tables go in a schema of their own, dropped afterwards.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { silentLogger } from '../src/log';
import type { Reply } from '../src/reply';
import { PgStateStore } from '../src/state/pg-store';
import { DigestScheduler, slotId } from '../src/state/schedule';
import { channelKey } from '../src/state/store';
import type { ChannelRef } from '../src/types';

const SLOT = new Date('2026-11-23T09:00:00Z');
const REPLY: Reply = { kind: 'digest', visibility: 'public', summary: 'digest', blocks: [] };

interface Run {
  ms: number;
  /** Channels by the number of posts they got. */
  posts: Map<number, number>;
  /** Posts each instance made. */
  byInstance: number[];
}

/** The platform both instances post to: records every post by channel. */
class Platform {
  readonly posts = new Map<string, number>();
  constructor(private readonly postMs: number) {}

  async post(channel: ChannelRef): Promise<void> {
    await new Promise((r) => setTimeout(r, this.postMs));
    const k = channelKey(channel);
    this.posts.set(k, (this.posts.get(k) ?? 0) + 1);
  }

  delivered(channel: ChannelRef): boolean {
    return (this.posts.get(channelKey(channel)) ?? 0) > 0;
  }

  histogram(channels: number): Map<number, number> {
    const h = new Map<number, number>([[0, channels - this.posts.size]]);
    // (Channels never posted to are counted under 0.)
    for (const n of this.posts.values()) h.set(n, (h.get(n) ?? 0) + 1);
    return h;
  }
}

async function withSchema<T>(url: string, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `cyberpact_load_${process.pid}_${Date.now() % 100000}`;
  try {
    return await work(schema);
  } finally {
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}

function scheduler(store: PgStateStore, instance: string, platform: Platform, clock: () => Date, deliver?: (c: ChannelRef) => Promise<void>) {
  let posted = 0;
  const s = new DigestScheduler(
    {
      store,
      instance,
      clock,
      deliver: async (c) => {
        await (deliver ?? ((x) => platform.post(x)))(c);
        posted++;
      },
      delivered: async (c) => platform.delivered(c),
      render: () => REPLY,
      articleIds: () => ['a1', 'a2', 'a3'],
      log: silentLogger(),
    },
    { cron: '0 9 * * 1', timezone: 'UTC', catchupHours: 24, attempts: 3, retryBaseMs: 100, claimLeaseMs: 60_000 },
  );
  return { s, posted: () => posted };
}

async function subscribeAll(store: PgStateStore, channels: number, workspaces: number): Promise<void> {
  for (let i = 0; i < channels; i++) {
    const channel: ChannelRef = { platform: 'slack', team: `T${String(i % workspaces).padStart(3, '0')}`, id: `C${String(i).padStart(5, '0')}`, name: `c${i}` };
    await store.subscribe({ key: channelKey(channel), channel, since: '2026-11-01T00:00:00.000Z' });
  }
}

/** Both instances run the slot together. */
export async function together(url: string, channels: number, workspaces: number, postMs: number): Promise<Run> {
  return withSchema(url, async (schema) => {
    const stores = [await PgStateStore.open({ connectionString: url, schema }), await PgStateStore.open({ connectionString: url, schema })];
    try {
      await subscribeAll(stores[0], channels, workspaces);
      const platform = new Platform(postMs);
      const replicas = stores.map((st, i) => scheduler(st, `replica-${i}`, platform, () => SLOT));
      const t0 = performance.now();
      await Promise.all(replicas.map((r) => r.s.runSlot(SLOT)));
      const ms = performance.now() - t0;
      return { ms, posts: platform.histogram(channels), byInstance: replicas.map((r) => r.posted()) };
    } finally {
      for (const st of stores) await st.close();
    }
  });
}

/**
 * One instance dies mid-slot (after `dieAfter` posts its later posts never return, with their
 * claims held); the other runs the slot, and again once the claims' lease is over.
 */
export async function oneDies(url: string, channels: number, workspaces: number, postMs: number, dieAfter: number): Promise<Run & { leftToLease: number }> {
  return withSchema(url, async (schema) => {
    const stores = [await PgStateStore.open({ connectionString: url, schema }), await PgStateStore.open({ connectionString: url, schema })];
    try {
      await subscribeAll(stores[0], channels, workspaces);
      const platform = new Platform(postMs);
      let now = SLOT;
      let count = 0;
      const dying = scheduler(
        stores[0],
        'replica-0',
        platform,
        () => now,
        async (c) => {
          if (++count > dieAfter) await new Promise<never>(() => undefined);
          await platform.post(c);
        },
      );
      const survivor = scheduler(stores[1], 'replica-1', platform, () => now);
      const t0 = performance.now();
      void dying.s.runSlot(SLOT);
      // The survivor's schedule fires a moment later.
      await new Promise((r) => setTimeout(r, postMs * 3));
      await survivor.s.runSlot(SLOT);
      const leftToLease = channels - platform.posts.size;
      // The lease over (the clock moved on): the survivor's catch-up takes what the dead one held.
      now = new Date(SLOT.getTime() + 2 * 60_000);
      await survivor.s.runSlot(SLOT);
      const ms = performance.now() - t0;
      return { ms, posts: platform.histogram(channels), byInstance: [Math.min(count, dieAfter), survivor.posted()], leftToLease };
    } finally {
      // The dead instance's pool is closed under its hanging posts.
      for (const st of stores) await st.close().catch(() => undefined);
    }
  });
}

const fmt = (h: Map<number, number>) =>
  [...h]
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([posts, n]) => `${n} channel${n === 1 ? '' : 's'} × ${posts} post${posts === 1 ? '' : 's'}`)
    .join(', ');

export async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { channels: { type: 'string', default: '1000' }, workspaces: { type: 'string', default: '50' }, 'post-ms': { type: 'string', default: '50' } },
  });
  const [channels, workspaces, postMs] = [Number(values.channels), Number(values.workspaces), Number(values['post-ms'])];
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log(`${channels} channels in ${workspaces} workspaces, two instances on one database, slot ${slotId(SLOT)}, a post takes ${postMs} ms\n`);
  const a = await together(url, channels, workspaces, postMs);
  const b = await oneDies(url, channels, workspaces, postMs, Math.floor(channels / 10));
  console.log('| run | slot took ms | posts per channel | posts by instance |');
  console.log('|---|---:|---|---|');
  console.log(`| both instances run the slot | ${a.ms.toFixed(0)} | ${fmt(a.posts)} | ${a.byInstance.join(' + ')} |`);
  console.log(
    `| one dies mid-slot; the other runs it, then again after the lease | ${b.ms.toFixed(0)} | ${fmt(b.posts)} | ${b.byInstance.join(' + ')} (${b.leftToLease} left to the lease at first) |`,
  );
  const ok = [a, b].every((r) => r.posts.get(1) === channels);
  console.log(ok ? '\nEvery channel was posted to exactly once.' : '\nNOT exactly once: see the posts per channel above.');
  if (!ok) process.exitCode = 1;
}

if (require.main === module) void main();
