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
      expect(r.rows.map((x) => x.name)).toEqual(['0001-subscriptions-and-deliveries', '0002-event-ids', '0003-installations']);
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
});
