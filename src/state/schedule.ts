/**
 * The weekly digest schedule: node-cron fires each slot; the ledger in the
 * store makes delivery exactly-once per channel and slot across restarts;
 * a slot missed while the bot was down is caught up at start-up when it is
 * recent enough; failed deliveries are retried with backoff, each channel on
 * its own so one bad channel holds up no other.
 */
import { setTimeout as delay } from 'node:timers/promises';
import fastq from 'fastq';
import { createTask, type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import { DeliveryError, type DeliveryKey } from '../adapter';
import type { ChannelRef } from '../types';
import type { Logger } from '../log';
import type { Reply } from '../reply';
import type { DigestSchedule, LedgerEntry, RunElection, StateStore, Subscription } from './store';

export interface ScheduleOptions {
  cron: string;
  timezone: string;
  /** Catch up a missed slot younger than this at start-up. */
  catchupHours: number;
  /** Delivery attempts per channel and slot. Default 5. */
  attempts: number;
  /** First retry delay; doubles each time (plus jitter). Default 2 s. */
  retryBaseMs: number;
  /**
   * How long another instance's claim on a delivery is left to it (it may still be sending) before
   * this one treats it as cut short and asks the platform whether it arrived. Default 15 minutes,
   * well beyond the retries' own time.
   */
  claimLeaseMs?: number;
  /**
   * Channels delivered to at once, in each instance (the rest wait their turn): a slot with a
   * thousand subscribed channels does not open a thousand posts together. Default 8.
   */
  concurrency?: number;
  /** How soon a slot the state store failed for (a database that is down) is tried again, until it runs or leaves the catch-up window. Default 30 s. */
  storeRetryMs?: number;
}

export const DEFAULT_RETRY = { attempts: 5, retryBaseMs: 2_000, claimLeaseMs: 15 * 60_000 };

export interface SchedulerDeps {
  store: StateStore;
  /**
   * Who claims deliveries: the same for every start of one instance (one DATA_DIR), different for
   * each instance sharing a database. Its own claims found at start were cut short by a stop;
   * another's may be under way. Default "local".
   */
  instance?: string;
  clock: () => Date;
  /** Post a reply to a channel; throws DeliveryError (about the channel, the platform, or transient) when it cannot. */
  deliver: (channel: ChannelRef, reply: Reply, key: DeliveryKey) => Promise<void>;
  /**
   * Is this slot's digest already in the channel? Asked when the ledger says a delivery was under
   * way when the bot stopped: yes → recorded as sent; no → sent now. Absent: such a slot is not
   * sent again (at most once).
   */
  delivered?: (channel: ChannelRef, key: DeliveryKey) => Promise<boolean>;
  /** Runs between the platform's answer and the ledger write (tests use it to stand for a crash there). */
  afterDeliver?: (channel: ChannelRef, key: DeliveryKey) => Promise<void>;
  /** The digest for a channel, given the articles its previous digest covered. */
  /** `timeZone`: the channel's own schedule's, or DIGEST_TIMEZONE (which day "today" is, and "this week"). */
  render: (channel: ChannelRef, previousArticleIds: string[] | undefined, now: Date, timeZone: string) => Reply;
  /** Ids of the articles in the corpus now (recorded with each digest). */
  articleIds: () => string[];
  log: Logger;
  /**
   * Several instances on one database: each slot is run by the one elected (node-cron's run
   * coordinator); the others run it again once the claims' lease is over, which finishes what an
   * elected instance that died left (the rest is found done). The catch-up runs in one at a time.
   */
  election?: RunElection;
  /** Waits between retries; resolves early (rejects) when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type SlotOutcome = 'sent' | 'skipped' | 'failed' | 'dropped';

/** A slot's identity: its scheduled minute in UTC ISO form. */
export function slotId(d: Date): string {
  const t = new Date(d);
  t.setUTCSeconds(0, 0);
  return t.toISOString();
}

/** A schedule's identity: its expression and time zone. */
export function scheduleKey(s: DigestSchedule): string {
  return `${s.cron.trim()} @ ${s.timezone}`;
}

/** One schedule in use: a task that fires it (once started), and a matcher to ask which minutes are its slots. */
interface Timetable {
  schedule: DigestSchedule;
  matcher: ScheduledTask;
  task?: ScheduledTask;
}

/** A task that is never started, used to ask whether a minute matches a schedule (in its time zone) and when it comes next. */
function matcherOf(s: DigestSchedule): ScheduledTask {
  return createTask(s.cron, () => undefined, { timezone: s.timezone });
}

/** node-cron's own messages ("missed execution at …") as the bot's log lines, one JSON line each, not console text. */
export function cronLogger(log: Logger): CronLogger {
  const text = (m: string | Error) => (m instanceof Error ? m.message : String(m));
  return {
    info: (m) => log.info({ component: 'node-cron' }, text(m)),
    warn: (m) => log.warn({ component: 'node-cron' }, text(m)),
    error: (m, e) => log.error({ component: 'node-cron', ...(e ? { error: e.message } : {}) }, text(m)),
    debug: (m, e) => log.debug({ component: 'node-cron', ...(e ? { error: e.message } : {}) }, text(m)),
  };
}

/** How often the schedules in use are read again (channels given their own time by another instance). */
const SYNC_MS = 60_000;

export class DigestScheduler {
  /** The default schedule (DIGEST_CRON in DIGEST_TIMEZONE), and each channel's own that is in use, by scheduleKey. */
  private readonly timetables = new Map<string, Timetable>();
  private readonly defaultKey: string;
  private started = false;
  private syncTimer?: NodeJS.Timeout;
  private readonly abort = new AbortController();
  private readonly inflight = new Set<Promise<unknown>>();
  /** Deliveries under way in this process (channel key + slot): a 'claimed' entry not here was cut short by a stop. */
  private readonly sending = new Set<string>();
  private stopped = false;
  /** Runs of slots another instance was elected for, waiting for the lease. */
  private readonly followUps = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly options: ScheduleOptions,
  ) {
    const schedule = { cron: options.cron, timezone: options.timezone };
    this.defaultKey = scheduleKey(schedule);
    this.timetables.set(this.defaultKey, { schedule, matcher: matcherOf(schedule) });
  }

  /** Start the cron schedules (the default, and the channels' own) and catch up recently missed slots. */
  async start(): Promise<void> {
    this.started = true;
    await this.startTask(this.defaultKey);
    await this.sync().catch((e: unknown) => this.deps.log.error({ error: (e as Error)?.message }, "channels' own digest times not read yet: the state store failed; tried again in a minute"));
    this.syncTimer = setInterval(() => void this.sync().catch(() => undefined), SYNC_MS);
    this.syncTimer.unref();
    await this.track(this.catchUp());
  }

  private async startTask(key: string): Promise<void> {
    const t = this.timetables.get(key);
    if (!t || t.task || this.stopped) return;
    const { election } = this.deps;
    const owner = this.deps.instance ?? 'local';
    const lease = this.options.claimLeaseMs ?? DEFAULT_RETRY.claimLeaseMs;
    const task = createTask(t.schedule.cron, (ctx) => this.track(this.runSlot(ctx.date, key)), {
      timezone: t.schedule.timezone,
      // The election's key starts with the name: each schedule's slots are elected apart.
      name: key === this.defaultKey ? 'weekly-digest' : `weekly-digest ${key}`,
      logger: cronLogger(this.deps.log),
      // Slots may overlap: a slot whose delivery still waits on a platform call does not hold up the
      // next one (with noOverlap it was skipped for good); claims keep each (channel, slot) to one post.
      ...(election ? { distributed: true, distributedLease: lease, runCoordinator: { shouldRun: (k: string, ttl: number) => election.elect(k, owner, ttl) } } : {}),
    });
    task.on('execution:skipped', (ctx) => {
      if (ctx.reason === 'not-elected') this.runAfterLease(ctx.date, key);
      // The election could not be held (the database is down): the slot waits for it.
      if (ctx.reason === 'coordinator-error') this.runLater(ctx.date, key);
    });
    t.task = task;
    await task.start();
  }

  /**
   * Bring the schedules in line with the subscriptions: a task for each channel's own time in use,
   * none for a time no channel has any more. Run at start, every minute, and after a change.
   */
  async sync(): Promise<void> {
    const inUse = new Map<string, DigestSchedule>();
    for (const s of await this.deps.store.subscriptions()) if (s.schedule) inUse.set(scheduleKey(s.schedule), s.schedule);
    if (this.stopped) return;
    for (const [key, schedule] of inUse) {
      if (this.timetables.has(key)) continue;
      this.timetables.set(key, { schedule, matcher: matcherOf(schedule) });
      if (this.started) await this.startTask(key);
    }
    for (const [key, t] of this.timetables) {
      if (key === this.defaultKey || inUse.has(key)) continue;
      this.timetables.delete(key);
      await t.task?.stop();
      await t.task?.destroy();
      await t.matcher.destroy();
    }
  }

  /** Another instance was elected for this slot: run it again once the claims' lease is over (to finish what it may have left). */
  runAfterLease(slot: Date, key = this.defaultKey): void {
    this.runIn(slot, (this.options.claimLeaseMs ?? DEFAULT_RETRY.claimLeaseMs) + 1_000, key);
  }

  /** The state store failed for this slot: try it again in a while, as long as it is within the catch-up window. */
  private runLater(slot: Date, key: string): void {
    if (this.deps.clock().getTime() - slot.getTime() > this.options.catchupHours * 3_600_000) {
      this.deps.log.error({ slot: slotId(slot) }, 'digest slot given up: the state store was unavailable for longer than DIGEST_CATCHUP_HOURS');
      return;
    }
    this.runIn(slot, this.options.storeRetryMs ?? 30_000, key);
  }

  private runIn(slot: Date, ms: number, key: string): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.followUps.delete(timer);
      void this.track(this.runSlot(slot, key));
    }, ms);
    timer.unref();
    this.followUps.add(timer);
  }

  /** When a schedule (default: DIGEST_CRON) fires next (for logs and the subscriptions listing). */
  nextRun(schedule?: DigestSchedule): Date | null {
    const t = this.timetables.get(schedule ? scheduleKey(schedule) : this.defaultKey);
    if (t) return t.task?.getNextRun() ?? t.matcher.getNextRuns(1)[0] ?? null;
    // A time no channel has yet (being set now): asked of a matcher made for the question.
    const m = matcherOf(schedule!);
    const next = m.getNextRuns(1)[0] ?? null;
    void m.destroy();
    return next;
  }

  /** The latest slot of a schedule at or before `now`, if it is within the catch-up window. */
  previousSlot(now: Date, key = this.defaultKey): Date | undefined {
    const matcher = this.timetables.get(key)?.matcher;
    if (!matcher) return undefined;
    const t = new Date(now);
    t.setUTCSeconds(0, 0);
    const steps = Math.floor(this.options.catchupHours * 60);
    for (let i = 0; i <= steps; i++) {
      const d = new Date(t.getTime() - i * 60_000);
      if (matcher.match(d)) return d;
    }
    return undefined;
  }

  /** Post the slots missed while the bot was down (once each), if recent enough; with other instances, one at a time. */
  async catchUp(): Promise<SlotOutcome[]> {
    const out: SlotOutcome[] = [];
    for (const key of [...this.timetables.keys()]) {
      const slot = this.previousSlot(this.deps.clock(), key);
      if (!slot) continue;
      this.deps.log.info({ slot: slotId(slot), schedule: key }, 'catching up the most recent digest slot');
      const { election } = this.deps;
      if (!election) {
        out.push(...(await this.runSlot(slot, key)));
        continue;
      }
      try {
        out.push(...(await election.exclusive('digest-catch-up', () => this.runSlot(slot, key))));
      } catch (e) {
        this.deps.log.error({ slot: slotId(slot), error: (e as Error)?.message }, 'digest catch-up not run: the state store failed');
      }
    }
    return out;
  }

  /**
   * Deliver one slot's digest to every channel subscribed on that schedule (default: DIGEST_CRON)
   * and not paused, each once. When the state store fails (a database that is down), the slot waits
   * for it: it is run again every `storeRetryMs` while within DIGEST_CATCHUP_HOURS (what was done is
   * found done), and a later start catches it up too.
   */
  async runSlot(slot: Date, key = this.defaultKey): Promise<SlotOutcome[]> {
    if (this.stopped) return [];
    const down = new Map<string, string>();
    // The latest lease of another instance's claim found still running: the slot is looked at again once it ends.
    const waiting = { until: 0 };
    try {
      const subs = (await this.deps.store.subscriptions()).filter((s) => !s.paused && (s.schedule ? scheduleKey(s.schedule) : this.defaultKey) === key);
      const queue = fastq.promise((s: Subscription) => this.deliverOnce(s, slotId(slot), down, waiting), this.options.concurrency ?? 8);
      let storeFailed = false;
      const outcomes = await Promise.all(
        subs.map((s) =>
          queue.push(s).catch((e: unknown) => {
            storeFailed = true;
            this.deps.log.error({ channel: s.key, slot: slotId(slot), error: (e as Error)?.message }, 'digest delivery could not be recorded: the state store failed; the slot will be tried again');
            return 'failed' as const;
          }),
        ),
      );
      if (storeFailed) this.runLater(slot, key);
      else if (waiting.until) {
        // Claims another instance made that may still be sending: if it dies, nobody else would look at them again.
        this.runIn(slot, Math.max(1_000, waiting.until - this.deps.clock().getTime() + 1_000), key);
      }
      return outcomes;
    } catch (e) {
      this.deps.log.error({ slot: slotId(slot), error: (e as Error)?.message }, 'digest slot not run yet: the state store could not list the subscriptions; it will be tried again');
      this.runLater(slot, key);
      return [];
    }
  }

  /**
   * Deliver a slot to one channel. `down` holds the platforms found unusable during this slot
   * (a revoked token, no connection configured): their channels are left for the next start or
   * slot, subscribed and unclaimed.
   */
  private async deliverOnce(sub: Subscription, slot: string, down: Map<string, string>, waiting: { until: number }): Promise<SlotOutcome> {
    if (down.has(sub.channel.platform)) return 'skipped';
    // One run at a time per (channel, slot) in this process (two firings of one slot, a run after the
    // lease): a claim of this instance found while none is under way was cut short by a stop.
    const k = `${sub.key} ${slot}`;
    if (this.sending.has(k)) return 'skipped';
    this.sending.add(k);
    try {
      return await this.claimAndSend(sub, slot, down, waiting);
    } finally {
      this.sending.delete(k);
    }
  }

  private async claimAndSend(sub: Subscription, slot: string, down: Map<string, string>, waiting: { until: number }, takeOver?: LedgerEntry): Promise<SlotOutcome> {
    const { store } = this.deps;
    const now = this.deps.clock();
    const articleIds = this.deps.articleIds();
    // Claim the (channel, slot) pair atomically: a restart or a second trigger finds it taken.
    const owner = this.deps.instance ?? 'local';
    const claim = await store.claim({ channelKey: sub.key, slot, at: now.toISOString(), articleIds, owner, ...(takeOver ? { takeOver: { owner: takeOver.owner, at: takeOver.at } } : {}) });
    if (!claim.ok) {
      // Taking over an interrupted claim, someone else was first: theirs.
      if (takeOver || claim.prior.status !== 'claimed') return 'skipped';
      // Another instance's claim, young enough that it may still be sending: its own.
      const lease = this.options.claimLeaseMs ?? DEFAULT_RETRY.claimLeaseMs;
      const age = now.getTime() - Date.parse(claim.prior.at);
      if ((claim.prior.owner ?? 'local') !== owner && !(age > lease)) {
        waiting.until = Math.max(waiting.until, Date.parse(claim.prior.at) + lease);
        return 'skipped';
      }
      return this.recover(sub, slot, claim.prior, down, waiting);
    }
    return this.send(sub, slot, claim.previous, now, down);
  }

  /**
   * A delivery was under way when the bot stopped: ask the platform whether the digest got there.
   * Found → recorded as sent; not found → sent now; no way to tell → not sent again (at most once).
   */
  private async recover(sub: Subscription, slot: string, prior: LedgerEntry, down: Map<string, string>, waiting: { until: number }): Promise<SlotOutcome> {
    const { log } = this.deps;
    if (!this.deps.delivered) {
      log.warn({ channel: sub.key, slot }, 'digest was being sent when the bot stopped and the platform cannot tell whether it arrived; not sending again');
      return 'skipped';
    }
    let found: boolean;
    try {
      found = await this.deps.delivered(sub.channel, { slot });
    } catch (e) {
      log.warn({ channel: sub.key, slot, error: (e as Error)?.message }, 'could not check whether an interrupted digest arrived; not sending again');
      return 'skipped';
    }
    if (found) {
      await this.mark(sub.key, slot, 'sent', 1);
      log.info({ channel: sub.key, slot }, 'interrupted digest was found in the channel; recorded as sent');
      return 'skipped';
    }
    log.info({ channel: sub.key, slot }, 'interrupted digest is not in the channel; sending it');
    // Taken over only if the claim is still the interrupted one: of two instances (or two runs) recovering it, one sends.
    return this.claimAndSend(sub, slot, down, waiting, prior);
  }

  private async send(sub: Subscription, slot: string, previous: string[] | undefined, now: Date, down: Map<string, string>): Promise<SlotOutcome> {
    const { store, log } = this.deps;
    const platform = sub.channel.platform;
    const reply = this.deps.render(sub.channel, previous, now, sub.schedule?.timezone ?? this.options.timezone);
    let lastError = '';
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        await this.deps.deliver(sub.channel, reply, { slot });
      } catch (e) {
        lastError = (e as Error)?.message ?? String(e);
        if (e instanceof DeliveryError && e.failure === 'platform') {
          // Nothing is wrong with the channel: keep it, leave the slot to be retried, stop this platform for the slot.
          await this.mark(sub.key, slot, 'failed', attempt, lastError);
          if (!down.has(platform)) {
            down.set(platform, lastError);
            log.error({ platform, slot, error: lastError }, `${platform} cannot deliver digests (${lastError}); no channel was unsubscribed, this slot is retried at the next start or slot`);
          }
          return 'failed';
        }
        if (e instanceof DeliveryError && e.failure === 'channel') {
          await store.record(sub.key, slot, { status: 'dropped', attempts: attempt, at: this.deps.clock().toISOString(), error: lastError });
          log.warn(
            { channel: sub.key, channelName: sub.channel.name, slot, error: lastError },
            `channel ${sub.channel.name ?? sub.key} cannot receive the digest any more (${lastError}); unsubscribed it — subscribe again from that channel once it is reachable`,
          );
          return 'dropped';
        }
        log.warn({ channel: sub.key, slot, attempt, error: lastError }, 'digest delivery failed');
        if (attempt === this.options.attempts || this.stopped) break;
        const retryAfter = e instanceof DeliveryError ? (e.retryAfterMs ?? 0) : 0;
        const backoff = this.options.retryBaseMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.2);
        try {
          await (this.deps.sleep ?? sleepAbortable)(Math.max(retryAfter, backoff), this.abort.signal);
        } catch {
          break;
        }
        continue;
      }
      // Posted. From here a failure is the ledger's, never the post's: the post is not repeated.
      await this.deps.afterDeliver?.(sub.channel, { slot });
      await this.recordSent(sub.key, slot, attempt);
      log.info({ channel: sub.key, slot, attempt }, 'digest delivered');
      return 'sent';
    }
    await this.mark(sub.key, slot, 'failed', this.options.attempts, lastError);
    log.error({ channel: sub.key, slot, error: lastError }, 'digest not delivered after retries');
    return 'failed';
  }

  /**
   * Record a posted digest as sent, with retries of its own (a database restarting, a disk briefly
   * full). If the store stays down the error goes up: the slot is run again later, finds this
   * instance's claim with nothing under way, and asks the platform whether the digest arrived.
   */
  private async recordSent(key: string, slot: string, attempts: number): Promise<void> {
    for (let i = 1; ; i++) {
      try {
        return await this.mark(key, slot, 'sent', attempts);
      } catch (e) {
        if (i >= this.options.attempts || this.stopped) throw e;
        this.deps.log.warn(
          { channel: key, slot, attempt: i, error: (e as Error)?.message },
          'digest posted but not yet recorded: the state store failed; recording it again (the post is not repeated)',
        );
        await (this.deps.sleep ?? sleepAbortable)(this.options.retryBaseMs * 2 ** (i - 1), this.abort.signal).catch(() => undefined);
      }
    }
  }

  private mark(key: string, slot: string, status: 'sent' | 'failed', attempts: number, error?: string): Promise<void> {
    return this.deps.store.record(key, slot, { status, attempts, at: this.deps.clock().toISOString(), ...(error ? { error } : {}) });
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** Stop firing, cancel retry waits, let in-flight sends finish, flush state. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.syncTimer);
    for (const t of this.followUps) clearTimeout(t);
    this.followUps.clear();
    for (const t of this.timetables.values()) {
      await t.task?.stop();
      await t.task?.destroy();
      await t.matcher.destroy();
    }
    this.abort.abort();
    await Promise.allSettled([...this.inflight]);
    await this.deps.store.flush();
  }
}

function sleepAbortable(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "every Monday at 09:00 UTC (next: 2026-11-23 09:00 UTC)" for simple weekly expressions, the expression otherwise. */
export function describeSchedule(cron: string, timezone: string, next: Date | null): string {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/.exec(cron.trim());
  const base = m ? `every ${DAYS[Number(m[3]) % 7]} at ${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')} ${timezone}` : `on the schedule "${cron}" (${timezone})`;
  return next ? `${base} (next: ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : base;
}
