/**
 * The state store of one instance: one JSON file in DATA_DIR, replaced
 * atomically (temporary file, fsync, rename) and mirrored to a backup.
 * Operations run one at a time, so concurrent subscribes lose nothing. A
 * corrupt file is kept aside under another name and reported; the backup is
 * used when it is sound.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic';
import type { Platform } from '../types';
import {
  emptyState,
  LEDGER_PER_CHANNEL,
  StoreError,
  type Claim,
  type ClaimRequest,
  type LedgerEntry,
  type Outcome,
  type State,
  type StateStore,
  type Subscription,
  type FeedEntry,
  type SubscriptionChange,
} from './store';
import { stateSchema } from './schema';

export interface OpenReport {
  /** Where a corrupt state file was moved, and why it was rejected. */
  corrupt?: { movedTo: string; problem: string; restoredFromBackup: boolean };
  /** The state file was missing and the backup beside it was sound: the state was restored from it. */
  restoredMissing?: boolean;
  /** Temporary files a killed process left behind, removed. */
  removedTemporary?: string[];
}

export class FileStateStore implements StateStore {
  private state: State;
  private chain: Promise<unknown> = Promise.resolve();
  /** Why the backup is behind the state file, when its last write failed (the state file holds every change). */
  backupProblem?: string;

  private constructor(
    readonly file: string,
    initial: State,
  ) {
    this.state = initial;
  }

  get backupFile(): string {
    return `${this.file}.bak`;
  }

  /** Open (or create) the state in `dir`/state.json. */
  static async open(dir: string, now: () => Date = () => new Date()): Promise<{ store: FileStateStore; report: OpenReport }> {
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'state.json');
    const report: OpenReport = {};
    let state = emptyState();
    report.removedTemporary = await removeTemporaryFiles(dir, path.basename(file));
    if (!report.removedTemporary.length) delete report.removedTemporary;
    const main = await readState(file);
    if (main.ok) state = main.state;
    else if (main.problem === 'missing') {
      // A missing file with a sound backup (deleted by hand, lost in a crash before the rename):
      // restore rather than start empty and overwrite the backup with nothing.
      const bak = await readState(`${file}.bak`);
      if (bak.ok) {
        state = bak.state;
        report.restoredMissing = true;
      }
    } else {
      const movedTo = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(file, movedTo);
      const bak = await readState(`${file}.bak`);
      if (bak.ok) state = bak.state;
      report.corrupt = { movedTo, problem: main.problem, restoredFromBackup: bak.ok };
    }
    const store = new FileStateStore(file, state);
    if (report.corrupt || report.restoredMissing) await store.rewrite();
    return { store, report };
  }

  /** A snapshot of the whole state (do not change it). */
  read(): State {
    return this.state;
  }

  async subscriptions(): Promise<Subscription[]> {
    await this.chain;
    return this.state.subscriptions;
  }

  async subscription(key: string): Promise<Subscription | undefined> {
    await this.chain;
    return this.state.subscriptions.find((s) => s.key === key);
  }

  subscribe(sub: Subscription): Promise<boolean> {
    return this.update((s) => {
      if (s.subscriptions.some((x) => x.key === sub.key)) return false;
      s.subscriptions.push(sub);
      return true;
    });
  }

  unsubscribe(key: string): Promise<boolean> {
    return this.update((s) => {
      const before = s.subscriptions.length;
      s.subscriptions = s.subscriptions.filter((x) => x.key !== key);
      return s.subscriptions.length < before;
    });
  }

  updateSubscription(key: string, change: SubscriptionChange): Promise<boolean> {
    return this.update((s) => {
      const sub = s.subscriptions.find((x) => x.key === key);
      if (!sub) return false;
      if (change.schedule === null) delete sub.schedule;
      else if (change.schedule) sub.schedule = change.schedule;
      if (change.paused !== undefined) {
        if (change.paused) sub.paused = true;
        else delete sub.paused;
      }
      return true;
    });
  }

  async feeds(): Promise<FeedEntry[]> {
    await this.chain;
    return this.state.feeds ?? [];
  }

  addFeed(feed: FeedEntry): Promise<boolean> {
    return this.update((s) => {
      if (s.feeds?.some((f) => f.url === feed.url)) return false;
      s.feeds = [...(s.feeds ?? []), feed];
      return true;
    });
  }

  removeFeed(url: string): Promise<boolean> {
    return this.update((s) => {
      const before = s.feeds?.length ?? 0;
      s.feeds = (s.feeds ?? []).filter((f) => f.url !== url);
      return s.feeds.length < before;
    });
  }

  unsubscribeWorkspace(platform: Platform, team: string): Promise<number> {
    return this.update((s) => {
      const before = s.subscriptions.length;
      s.subscriptions = s.subscriptions.filter((x) => !(x.channel.platform === platform && x.channel.team === team));
      return before - s.subscriptions.length;
    });
  }

  claim(request: ClaimRequest): Promise<Claim> {
    const { takeOver, ...entry } = request;
    return this.update((s): Claim => {
      const prior = s.ledger.find((e) => e.channelKey === entry.channelKey && e.slot === entry.slot);
      const stillThat = takeOver && prior?.status === 'claimed' && (prior.owner ?? 'local') === (takeOver.owner ?? 'local') && prior.at === takeOver.at;
      if (prior && prior.status !== 'failed' && !stillThat) return { ok: false, prior };
      const previous = s.ledger
        .filter((e) => e.channelKey === entry.channelKey && e.status === 'sent' && e.slot < entry.slot)
        .sort((a, b) => a.slot.localeCompare(b.slot))
        .pop();
      s.ledger = s.ledger.filter((e) => e !== prior).concat({ ...entry, status: 'claimed', attempts: prior?.attempts ?? 0 });
      return { ok: true, previous: previous?.articleIds };
    });
  }

  record(channelKey: string, slot: string, outcome: Outcome): Promise<void> {
    return this.update((s) => {
      if (outcome.status === 'dropped') s.subscriptions = s.subscriptions.filter((x) => x.key !== channelKey);
      const e = s.ledger.find((x) => x.channelKey === channelKey && x.slot === slot);
      if (e) Object.assign(e, { status: outcome.status, attempts: outcome.attempts, at: outcome.at, ...(outcome.error ? { error: outcome.error } : {}) });
    });
  }

  async ledger(channelKey: string): Promise<LedgerEntry[]> {
    await this.chain;
    return this.state.ledger.filter((e) => e.channelKey === channelKey).sort((a, b) => a.slot.localeCompare(b.slot));
  }

  saveInstallation(id: string, sealed: string): Promise<void> {
    return this.update((s) => void (s.installations = { ...s.installations, [id]: sealed }));
  }

  async installation(id: string): Promise<string | undefined> {
    await this.chain;
    return Object.hasOwn(this.state.installations ?? {}, id) ? this.state.installations![id] : undefined;
  }

  deleteInstallation(id: string): Promise<boolean> {
    return this.update((s) => {
      if (!s.installations || !Object.hasOwn(s.installations, id)) return false;
      const { [id]: _gone, ...rest } = s.installations;
      s.installations = rest;
      return true;
    });
  }

  async ping(): Promise<void> {
    // The state is in memory and written on each change: nothing to reach.
  }

  async close(): Promise<void> {
    await this.flush();
  }

  /** Apply a change to a copy of the state, write it, and only then make it the state. One at a time. */
  private update<T>(change: (draft: State) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const draft = structuredClone(this.state);
      const result = change(draft);
      pruneLedger(draft);
      const text = JSON.stringify(draft, null, 1);
      try {
        await writeFileAtomic(this.file, text);
      } catch (e) {
        throw new StoreError(`the state file could not be written: ${(e as Error).message}`, { cause: e });
      }
      // Written: the change is made, on disk as in memory, whatever becomes of the backup.
      this.state = draft;
      try {
        await writeFileAtomic(this.backupFile, text);
        this.backupProblem = undefined;
      } catch (e) {
        // The backup is a change behind until a later write succeeds; the change itself stands.
        this.backupProblem = `the backup ${this.backupFile} could not be written: ${(e as Error).message}`;
      }
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async flush(): Promise<void> {
    await this.chain;
  }

  /** Write the state as it is (after it was restored from the backup). */
  private rewrite(): Promise<void> {
    return this.update(() => undefined);
  }
}

async function readState(file: string): Promise<{ ok: true; state: State } | { ok: false; problem: string }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'missing' };
    return { ok: false, problem: `unreadable: ${(e as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `not valid JSON: ${(e as Error).message}` };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: `unexpected content: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}` };
  return { ok: true, state: parsed.data };
}

/** Remove `.state.json.<pid>.<n>.tmp` files of writes that never finished (the process was killed). */
async function removeTemporaryFiles(dir: string, base: string): Promise<string[]> {
  const removed: string[] = [];
  const pattern = new RegExp(`^\\.${base.replace(/\./g, '\\.')}(?:\\.bak)?\\.\\d+\\.\\d+\\.tmp$`);
  for (const f of await fs.readdir(dir)) {
    if (!pattern.test(f)) continue;
    await fs.rm(path.join(dir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

function pruneLedger(s: State): void {
  const perChannel = new Map<string, LedgerEntry[]>();
  for (const e of s.ledger) perChannel.set(e.channelKey, [...(perChannel.get(e.channelKey) ?? []), e]);
  s.ledger = [...perChannel.values()].flatMap((list) => list.sort((a, b) => a.slot.localeCompare(b.slot)).slice(-LEDGER_PER_CHANNEL));
}
