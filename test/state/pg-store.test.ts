/**
 * The PostgreSQL store against a real server: TEST_DATABASE_URL (default the
 * local one, trust authentication, database `test`), each store in a schema of
 * its own that is dropped afterwards. Without a reachable server these tests
 * fail: they are never skipped.
 */
import { Client } from 'pg';
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
      expect(r.rows.map((x) => x.name)).toEqual(['0001-subscriptions-and-deliveries']);
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
});
