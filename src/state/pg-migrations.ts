/**
 * The PostgreSQL schema, one migration per change, applied in order by
 * pg-store.ts (umzug). A released migration is never edited: a change is a
 * new one at the end.
 */
export interface Migration {
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: '0001-subscriptions-and-deliveries',
    up: `
      CREATE TABLE subscriptions (
        key text PRIMARY KEY,
        channel jsonb NOT NULL,
        since text NOT NULL,
        seq bigserial NOT NULL
      );
      CREATE TABLE deliveries (
        channel_key text NOT NULL,
        slot text NOT NULL,
        status text NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'dropped')),
        at text NOT NULL,
        attempts integer NOT NULL,
        article_ids jsonb NOT NULL,
        error text,
        owner text,
        PRIMARY KEY (channel_key, slot)
      );`,
  },
  {
    name: '0002-event-ids',
    up: `
      CREATE TABLE event_ids (
        id text PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX event_ids_at ON event_ids (at);`,
  },
  {
    name: '0003-installations',
    up: `
      CREATE TABLE installations (
        id text PRIMARY KEY,
        sealed text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    name: '0004-elections',
    up: `
      CREATE TABLE elections (
        key text PRIMARY KEY,
        owner text NOT NULL,
        until timestamptz NOT NULL
      );`,
  },
  {
    name: '0005-digest-schedules-and-feeds',
    up: `
      ALTER TABLE subscriptions ADD COLUMN schedule jsonb, ADD COLUMN paused boolean NOT NULL DEFAULT false;
      CREATE TABLE feeds (
        seq bigserial,
        url text PRIMARY KEY,
        added_by text,
        at text NOT NULL
      );`,
  },
];
