/**
 * The PostgreSQL store against a real server: TEST_DATABASE_URL (default the
 * local one, trust authentication, database `test`), each store in a schema of
 * its own that is dropped afterwards. Without a reachable server these tests
 * fail: they are never skipped.
 */
import net from 'node:net';
import { Client } from 'pg';
import { databaseHealth, StoreError } from '../../src/state/store';
import { PgStateStore } from '../../src/state/pg-store';
import { MIGRATIONS } from '../../src/state/pg-migrations';
import { DigestScheduler } from '../../src/state/schedule';
import { silentLogger } from '../../src/log';
import { describeStateStore } from '../support/store-contract';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];
let n = 0;
const newSchema = () => {
  const s = `cyberpact_test_${process.pid}_${n++}`;
  schemas.push(s);
  return s;
};

afterAll(async () => {
  const c = new Client({ connectionString: URL });
  await c.connect();
  for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await c.end();
});

describeStateStore('PgStateStore', () => {
  const schema = newSchema();
  return {
    open: () => PgStateStore.open({ connectionString: URL, schema }),
    reopen: () => PgStateStore.open({ connectionString: URL, schema }),
    shared: true,
  };
});

describe('PgStateStore: the schema', () => {
  it('replicas opening a new database together migrate it once, under the lock', async () => {
    const schema = newSchema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => PgStateStore.open({ connectionString: URL, schema })));
    const c = new Client({ connectionString: URL });
    await c.connect();
    try {
      const r = await c.query<{ name: string }>(`SELECT name FROM ${schema}.migrations`);
      expect(r.rows.map((x) => x.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await c.end();
      for (const s of stores) await s.close();
    }
  });

  it('an unreachable database is an error at open, naming what failed', async () => {
    await expect(PgStateStore.open({ connectionString: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('a schema name that is not a plain identifier is refused', async () => {
    await expect(PgStateStore.open({ connectionString: URL, schema: 'x; DROP TABLE y' })).rejects.toThrow(/schema name/);
  });

  it('a database outage: every operation fails with a StoreError, and works again once the database is back', async () => {
    // The store reaches the server through a proxy on 127.0.0.1 that the test can cut.
    const sockets = new Set<net.Socket>();
    let open = true;
    const proxy = net.createServer((client) => {
      if (!open) return client.destroy();
      const { hostname, port } = new globalThis.URL(URL);
      const server = net.connect(Number(port || 5432), hostname);
      for (const s of [client, server]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const via = new globalThis.URL(URL);
    via.hostname = '127.0.0.1';
    via.port = String((proxy.address() as net.AddressInfo).port);
    const store = await PgStateStore.open({ connectionString: via.toString(), schema: newSchema() });
    try {
      const sub = { key: 'slack:T1:C1', channel: { platform: 'slack' as const, id: 'C1', team: 'T1' }, since: '2026-11-23T00:00:00.000Z' };
      expect(await store.subscribe(sub)).toBe(true);
      open = false;
      for (const s of sockets) s.destroy();
      await expect(store.subscriptions()).rejects.toBeInstanceOf(StoreError);
      expect(await databaseHealth(store)).toEqual({ database: 'down' });
      await expect(store.subscribe({ ...sub, key: 'slack:T1:C2' })).rejects.toThrow(/the database failed/);
      open = true;
      expect(await databaseHealth(store)).toEqual({ database: 'up' });
      expect(await store.subscribe({ ...sub, key: 'slack:T1:C2' })).toBe(true);
      expect((await store.subscriptions()).map((s) => s.key)).toEqual(['slack:T1:C1', 'slack:T1:C2']);
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });

  it('elections: the first instance to ask runs the key, the others not until the lease is over; exclusive sections never overlap', async () => {
    const schema = newSchema();
    const [a, b] = [await PgStateStore.open({ connectionString: URL, schema }), await PgStateStore.open({ connectionString: URL, schema })];
    try {
      expect(await a.elect('weekly-digest:2026-11-23T09:00:00.000Z', 'replica-a', 100)).toBe(true);
      expect(await b.elect('weekly-digest:2026-11-23T09:00:00.000Z', 'replica-b', 100)).toBe(false);
      expect(await b.elect('weekly-digest:2026-11-30T09:00:00.000Z', 'replica-b', 100)).toBe(true);
      await new Promise((r) => setTimeout(r, 150));
      expect(await b.elect('weekly-digest:2026-11-23T09:00:00.000Z', 'replica-b', 100)).toBe(true);
      let inside = 0;
      let most = 0;
      const section = (s: PgStateStore) =>
        s.exclusive('catch-up', async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 30));
          inside--;
        });
      await Promise.all([section(a), section(b), section(a), section(b)]);
      expect(most).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("two instances' schedules: each firing is run by the one elected, the other waits out the lease", async () => {
    const schema = newSchema();
    const stores = [await PgStateStore.open({ connectionString: URL, schema }), await PgStateStore.open({ connectionString: URL, schema })];
    const runs = [0, 0];
    const later: Date[] = [];
    const schedulers = stores.map((store, i) => {
      const counted = Object.assign(Object.create(store) as PgStateStore, { subscriptions: () => (runs[i]++, store.subscriptions()) });
      const s = new DigestScheduler(
        {
          store: counted,
          election: store,
          instance: `replica-${i}`,
          clock: () => new Date(),
          deliver: async () => undefined,
          render: () => ({ kind: 'digest', visibility: 'public', summary: 'd', blocks: [] }),
          articleIds: () => [],
          log: silentLogger(),
        },
        // Every second, for the test.
        { cron: '* * * * * *', timezone: 'UTC', catchupHours: 0, attempts: 1, retryBaseMs: 1, claimLeaseMs: 60_000 },
      );
      s.runAfterLease = (slot) => void later.push(slot);
      return s;
    });
    try {
      for (const s of schedulers) await s.start();
      await new Promise((r) => setTimeout(r, 2_600));
    } finally {
      for (const s of schedulers) await s.stop();
    }
    const c = new Client({ connectionString: URL });
    await c.connect();
    const elected = Number((await c.query(`SELECT count(*) FROM ${schema}.elections WHERE key LIKE 'weekly-digest:%'`)).rows[0].count);
    await c.end();
    for (const st of stores) await st.close();
    // Each firing ran once, in one of them (besides each one's catch-up at start, of the current minute,
    // and each one's reading of the channels' own times at start); the other was told it was not
    // elected, for each firing both saw.
    expect(elected).toBeGreaterThanOrEqual(2);
    expect(runs[0] + runs[1]).toBe(elected + 2 + 2);
    expect(later.length).toBeGreaterThanOrEqual(elected - 1);
  }, 20_000);
});
