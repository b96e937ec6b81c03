/**
 * Durable state: subscriptions and the ledger of digests sent per channel and
 * slot, with the articles each digest covered. What the rest of the bot may do
 * with it is the `StateStore` interface: domain operations, each atomic, so a
 * store can keep them in one file (file-store.ts) or in a database.
 */
import type { ChannelRef, Platform } from '../types';
import type { DigestSchedule, FeedEntry, LedgerEntry, State, Subscription } from './schema';

export type { DigestSchedule, FeedEntry, LedgerEntry, State, Subscription } from './schema';

/** A change to a subscription: a schedule (null: back to the default one), paused or not. */
export interface SubscriptionChange {
  schedule?: DigestSchedule | null;
  paused?: boolean;
}

/** Ledger entries kept per channel (a year of weekly digests). */
export const LEDGER_PER_CHANNEL = 60;

export function channelKey(c: ChannelRef): string {
  return `${c.platform}:${c.team ?? ''}:${c.id}`;
}

export function emptyState(): State {
  return { version: 1, subscriptions: [], ledger: [] };
}

/** A store that cannot do what was asked (a database that is down, a disk that is full): nothing was changed. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** A claim on a (channel, slot) delivery: granted, with the articles the channel's last digest before it covered; or refused, with the entry that holds it. */
export type Claim = { ok: true; previous?: string[] } | { ok: false; prior: LedgerEntry };

export interface ClaimRequest {
  channelKey: string;
  slot: string;
  at: string;
  articleIds: string[];
  owner?: string;
  takeOver?: { owner?: string; at: string };
}

/** How a claimed delivery ended. */
export interface Outcome {
  status: 'sent' | 'failed' | 'dropped';
  attempts: number;
  at: string;
  error?: string;
}

/** What the bot keeps: every operation is atomic, and done (persisted) when its promise resolves. */
export interface StateStore {
  /** Every subscribed channel, in the order they subscribed. */
  subscriptions(): Promise<Subscription[]>;
  /** One channel's subscription (by its key), if it is subscribed. */
  subscription(key: string): Promise<Subscription | undefined>;
  /** Subscribe a channel; false when it was subscribed already (the first subscription is kept). */
  subscribe(sub: Subscription): Promise<boolean>;
  /** Unsubscribe a channel; false when it was not subscribed. */
  unsubscribe(key: string): Promise<boolean>;
  /** Change a subscription's schedule or pause it; false when the channel is not subscribed. */
  updateSubscription(key: string, change: SubscriptionChange): Promise<boolean>;
  /** Unsubscribe every channel of a workspace or server (the bot was removed from it); how many there were. */
  unsubscribeWorkspace(platform: Platform, team: string): Promise<number>;
  /**
   * Claim a channel's delivery of a slot. Granted when no entry holds the pair, or the entry's last
   * attempt failed (its attempts are kept), or `takeOver` names the claim that holds it (an
   * interrupted one: owner and time must still match, so of two taking it over one wins); refused
   * while another is claimed, sent or dropped.
   */
  claim(entry: ClaimRequest): Promise<Claim>;
  /** Record how a delivery ended; `dropped` also unsubscribes the channel, in the same step. */
  record(channelKey: string, slot: string, outcome: Outcome): Promise<void>;
  /** A channel's ledger, oldest slot first (at most LEDGER_PER_CHANNEL entries are kept). */
  ledger(channelKey: string): Promise<LedgerEntry[]>;
  /** Keep a workspace's installation (sealed: seal.ts), replacing the one it had. */
  saveInstallation(id: string, sealed: string): Promise<void>;
  /** A workspace's sealed installation, if it installed the app. */
  installation(id: string): Promise<string | undefined>;
  /** Forget a workspace's installation (uninstalled); false when there was none. */
  deleteInstallation(id: string): Promise<boolean>;
  /** The feeds added from chat, oldest first. */
  feeds(): Promise<FeedEntry[]>;
  /** Add a feed; false when it was there already. */
  addFeed(feed: FeedEntry): Promise<boolean>;
  /** Remove a feed; false when it was not there. */
  removeFeed(url: string): Promise<boolean>;
  /** Resolves when the store can be reached now (for health checks); rejects with a StoreError when it cannot. */
  ping(): Promise<void>;
  /** Wait for writes under way. */
  flush(): Promise<void>;
  /** Flush and let go of what the store holds open. */
  close(): Promise<void>;
}

/**
 * Which platform events were handled already, so that one a platform delivers again (Slack retries
 * an event it got no answer to in 3 seconds, for up to about 5 minutes) is answered once. Shared by
 * the instances using one database, so a retry that reaches another instance is recognised too.
 */
export interface EventLog {
  /** True the first time an id is seen (remembered for an hour at least). */
  first(id: string): Promise<boolean>;
}

/** What a health check reports of a shared store: whether the database can be reached now. */
export async function databaseHealth(store: StateStore): Promise<Record<string, string>> {
  return {
    database: await store.ping().then(
      () => 'up',
      () => 'down',
    ),
  };
}

/**
 * Instances sharing one database elect one of them to run each digest slot (node-cron's run
 * coordinator) and take turns at the catch-up after downtime. A store that serves one instance has none.
 */
export interface RunElection {
  /** Elect `owner` to run `key` for `ttlMs`: true for the first to ask (and for anyone once that lease is over). */
  elect(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Run `work` while holding a lock named `name` that no other instance holds meanwhile. */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** The articles the channel's last delivered digest covered (undefined before its first). */
export async function lastSentArticles(store: StateStore, key: string): Promise<string[] | undefined> {
  return (await store.ledger(key)).filter((e) => e.status === 'sent').pop()?.articleIds;
}
