/**
 * The state store in PostgreSQL (`DATABASE_URL`), shared by every instance
 * that uses the same database: subscriptions in one table, the ledger of
 * deliveries in another, one row per (channel, slot). A claim is one
 * INSERT … ON CONFLICT, so of two replicas claiming the same channel's slot
 * exactly one gets it, whatever the timing. The schema is created and
 * migrated at open by umzug, under an advisory lock, so replicas starting
 * together do not race.
 */
import { Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import { Umzug, type UmzugStorage } from 'umzug';
import {
  LEDGER_PER_CHANNEL,
  StoreError,
  type Claim,
  type ClaimRequest,
  type EventLog,
  type RunElection,
  type LedgerEntry,
  type Outcome,
  type StateStore,
  type Subscription,
  type DigestSchedule,
  type FeedEntry,
  type SubscriptionChange,
} from './store';
import { MIGRATIONS } from './pg-migrations';
import type { Platform } from '../types';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /**
   * The schema to keep the tables in (created when missing). Default: the connection's own search
   * path (the database's default, "public", unless the URL says otherwise, e.g. `?options=-c%20search_path%3Dcyberpact`).
   */
  schema?: string;
  /** Connections kept open. Default 4. */
  poolSize?: number;
}

/** Held while migrating: one replica migrates, the others wait and then find nothing left to do. */
const MIGRATION_LOCK = 0x43504d47; // "CPMG"

interface DeliveryRow {
  channel_key: string;
  slot: string;
  status: LedgerEntry['status'];
  at: string;
  attempts: number;
  article_ids: string[];
  error: string | null;
  owner: string | null;
}

const entryOf = (r: DeliveryRow): LedgerEntry => ({
  channelKey: r.channel_key,
  slot: r.slot,
  status: r.status,
  at: r.at,
  attempts: r.attempts,
  articleIds: r.article_ids,
  ...(r.error === null ? {} : { error: r.error }),
  ...(r.owner === null ? {} : { owner: r.owner }),
});

interface SubscriptionRow {
  key: string;
  channel: Subscription['channel'];
  since: string;
  schedule: DigestSchedule | null;
  paused: boolean;
}

function subscriptionOfRow(x: SubscriptionRow): Subscription {
  return { key: x.key, channel: x.channel, since: x.since, ...(x.schedule ? { schedule: x.schedule } : {}), ...(x.paused ? { paused: true } : {}) };
}

export class PgStateStore implements StateStore, EventLog, RunElection {
  /** Events logged since the log was last pruned. */
  private sincePrune = 0;

  private constructor(private readonly pool: Pool) {}

  /** Connect, create the schema if needed and bring it to the current version. Throws when the database cannot be reached. */
  static async open(options: PgStoreOptions): Promise<PgStateStore> {
    const { schema } = options;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a usable schema name: ${schema}`);
    // Every connection works in the schema (the server applies `options` as it starts the session).
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: 10_000,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    // A connection that breaks while idle is dropped by the pool; the next query opens another.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migrate(client, schema);
      } finally {
        client.release();
      }
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return new PgStateStore(pool);
  }

  async subscriptions(): Promise<Subscription[]> {
    const r = await this.query<SubscriptionRow>('SELECT key, channel, since, schedule, paused FROM subscriptions ORDER BY seq');
    return r.rows.map(subscriptionOfRow);
  }

  async subscription(key: string): Promise<Subscription | undefined> {
    const r = await this.query<SubscriptionRow>('SELECT key, channel, since, schedule, paused FROM subscriptions WHERE key = $1', [key]);
    return r.rows[0] && subscriptionOfRow(r.rows[0]);
  }

  async updateSubscription(key: string, change: SubscriptionChange): Promise<boolean> {
    const r = await this.query(`UPDATE subscriptions SET schedule = CASE WHEN $2::boolean THEN $3::jsonb ELSE schedule END, paused = COALESCE($4::boolean, paused) WHERE key = $1`, [
      key,
      change.schedule !== undefined,
      change.schedule ? JSON.stringify(change.schedule) : null,
      change.paused ?? null,
    ]);
    return (r.rowCount ?? 0) > 0;
  }

  async feeds(): Promise<FeedEntry[]> {
    const r = await this.query<{ url: string; added_by: string | null; at: string }>('SELECT url, added_by, at FROM feeds ORDER BY seq');
    return r.rows.map((x) => ({ url: x.url, at: x.at, ...(x.added_by ? { addedBy: x.added_by } : {}) }));
  }

  async addFeed(feed: FeedEntry): Promise<boolean> {
    const r = await this.query('INSERT INTO feeds (url, added_by, at) VALUES ($1, $2, $3) ON CONFLICT (url) DO NOTHING', [feed.url, feed.addedBy ?? null, feed.at]);
    return r.rowCount === 1;
  }

  async removeFeed(url: string): Promise<boolean> {
    return ((await this.query('DELETE FROM feeds WHERE url = $1', [url])).rowCount ?? 0) > 0;
  }

  async subscribe(sub: Subscription): Promise<boolean> {
    const r = await this.query('INSERT INTO subscriptions (key, channel, since, schedule, paused) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING', [
      sub.key,
      JSON.stringify(sub.channel),
      sub.since,
      sub.schedule ? JSON.stringify(sub.schedule) : null,
      sub.paused ?? false,
    ]);
    return r.rowCount === 1;
  }

  async unsubscribe(key: string): Promise<boolean> {
    const r = await this.query('DELETE FROM subscriptions WHERE key = $1', [key]);
    return (r.rowCount ?? 0) > 0;
  }

  async unsubscribeWorkspace(platform: Platform, team: string): Promise<number> {
    return (await this.query("DELETE FROM subscriptions WHERE channel->>'platform' = $1 AND channel->>'team' = $2", [platform, team])).rowCount ?? 0;
  }

  async claim(entry: ClaimRequest): Promise<Claim> {
    // One statement: a new pair is inserted, a failed one taken over (its attempts kept); anything else stays as it is and returns no row.
    const won = await this.query(
      `INSERT INTO deliveries (channel_key, slot, status, at, attempts, article_ids, owner)
       VALUES ($1, $2, 'claimed', $3, 0, $4, $5)
       ON CONFLICT (channel_key, slot) DO UPDATE SET status = 'claimed', at = EXCLUDED.at, article_ids = EXCLUDED.article_ids, owner = EXCLUDED.owner, error = NULL
       WHERE deliveries.status = 'failed'
          OR ($6::boolean AND deliveries.status = 'claimed' AND COALESCE(deliveries.owner, 'local') = $7 AND deliveries.at = $8)
       RETURNING attempts`,
      [entry.channelKey, entry.slot, entry.at, JSON.stringify(entry.articleIds), entry.owner ?? null, entry.takeOver !== undefined, entry.takeOver?.owner ?? 'local', entry.takeOver?.at ?? ''],
    );
    if (won.rowCount !== 1) {
      const prior = await this.query<DeliveryRow>('SELECT * FROM deliveries WHERE channel_key = $1 AND slot = $2', [entry.channelKey, entry.slot]);
      // Gone in between (trimmed): claim again.
      if (!prior.rows[0]) return this.claim(entry);
      return { ok: false, prior: entryOf(prior.rows[0]) };
    }
    await this.trim(entry.channelKey);
    const previous = await this.query<{ article_ids: string[] }>(`SELECT article_ids FROM deliveries WHERE channel_key = $1 AND status = 'sent' AND slot < $2 ORDER BY slot DESC LIMIT 1`, [
      entry.channelKey,
      entry.slot,
    ]);
    return { ok: true, previous: previous.rows[0]?.article_ids };
  }

  async record(channelKey: string, slot: string, outcome: Outcome): Promise<void> {
    await this.transaction(async (c) => {
      if (outcome.status === 'dropped') await c.query('DELETE FROM subscriptions WHERE key = $1', [channelKey]);
      await c.query('UPDATE deliveries SET status = $3, attempts = $4, at = $5, error = COALESCE($6, error) WHERE channel_key = $1 AND slot = $2', [
        channelKey,
        slot,
        outcome.status,
        outcome.attempts,
        outcome.at,
        outcome.error ?? null,
      ]);
    });
  }

  async ledger(channelKey: string): Promise<LedgerEntry[]> {
    const r = await this.query<DeliveryRow>('SELECT * FROM deliveries WHERE channel_key = $1 ORDER BY slot', [channelKey]);
    return r.rows.map(entryOf);
  }

  async saveInstallation(id: string, sealed: string): Promise<void> {
    await this.query('INSERT INTO installations (id, sealed) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET sealed = EXCLUDED.sealed, at = now()', [id, sealed]);
  }

  async installation(id: string): Promise<string | undefined> {
    return (await this.query<{ sealed: string }>('SELECT sealed FROM installations WHERE id = $1', [id])).rows[0]?.sealed;
  }

  async deleteInstallation(id: string): Promise<boolean> {
    return ((await this.query('DELETE FROM installations WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  /** One row per key: taken when new or when its lease is over; old rows are pruned as they are taken. */
  async elect(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const r = await this.query(
      `INSERT INTO elections (key, owner, until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until WHERE elections.until < now()
       RETURNING owner`,
      [key, owner, ttlMs],
    );
    if (r.rowCount === 1) await this.query("DELETE FROM elections WHERE until < now() - interval '30 days'");
    return r.rowCount === 1;
  }

  /** A session-level advisory lock on one connection, held while `work` runs. */
  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`cyberpact:${name}`]).catch(storeError);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`cyberpact:${name}`]).catch(() => undefined);
      }
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  /** Claimed atomically: of two instances given the same event, one is told it is the first. Entries older than an hour are pruned now and then. */
  async first(id: string): Promise<boolean> {
    const r = await this.query('INSERT INTO event_ids (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);
    if (++this.sincePrune >= 500) {
      this.sincePrune = 0;
      await this.query("DELETE FROM event_ids WHERE at < now() - interval '1 hour'");
    }
    return r.rowCount === 1;
  }

  /** Every statement goes through here: a failure of the database is a StoreError, as the StateStore's callers know it. */
  private query<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.pool.query<R>(text, params).catch(storeError);
  }

  private connect(): Promise<PoolClient> {
    return this.pool.connect().catch(storeError);
  }

  async flush(): Promise<void> {
    // Every operation is written when its promise resolves.
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Keep the newest LEDGER_PER_CHANNEL entries of a channel. */
  private async trim(channelKey: string): Promise<void> {
    await this.query(
      `DELETE FROM deliveries WHERE channel_key = $1 AND slot < (
         SELECT slot FROM deliveries WHERE channel_key = $1 ORDER BY slot DESC OFFSET $2 LIMIT 1)`,
      [channelKey, LEDGER_PER_CHANNEL - 1],
    );
  }

  private async transaction<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.connect();
    try {
      await c.query('BEGIN');
      const out = await work(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      return storeError(e);
    } finally {
      c.release();
    }
  }
}

/** A failure of the database, thrown as the StateStore's callers know it. */
function storeError(e: unknown): never {
  throw new StoreError(`the database failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
}

/** Create the schema if needed and bring it to the current version, one replica at a time (umzug, its log in the `migrations` table). */
async function migrate(client: PoolClient, schema: string | undefined): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS migrations (name text PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
    const storage: UmzugStorage<PoolClient> = {
      logMigration: async ({ name, context }) => void (await context.query('INSERT INTO migrations (name) VALUES ($1)', [name])),
      unlogMigration: async ({ name, context }) => void (await context.query('DELETE FROM migrations WHERE name = $1', [name])),
      executed: async ({ context }) => (await context.query<{ name: string }>('SELECT name FROM migrations ORDER BY name')).rows.map((r) => r.name),
    };
    const umzug = new Umzug<PoolClient>({
      migrations: MIGRATIONS.map((m) => ({ name: m.name, up: ({ context }) => context.query(m.up).then(() => undefined) })),
      context: client,
      storage,
      logger: undefined,
    });
    await umzug.up();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
