/**
 * Durable state: subscriptions and the ledger of digests sent per channel and
 * slot, with the articles each digest covered. One JSON file in DATA_DIR,
 * replaced atomically (temporary file, fsync, rename) and mirrored to a
 * backup. Updates run one at a time, so concurrent subscribes lose nothing.
 * A corrupt file is kept aside under another name and reported; the backup is
 * used when it is sound.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic';
import { PLATFORMS, type ChannelRef } from '../types';

const channelSchema = z.object({
  platform: z.enum(PLATFORMS),
  id: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  team: z.string().max(200).optional(),
});

const subscriptionSchema = z.object({ key: z.string(), channel: channelSchema, since: z.string() });
const ledgerSchema = z.object({
  channelKey: z.string(),
  slot: z.string(),
  status: z.enum(['claimed', 'sent', 'failed', 'dropped']),
  at: z.string(),
  attempts: z.number().int().min(0),
  articleIds: z.array(z.string()),
  error: z.string().optional(),
});
const stateSchema = z.object({ version: z.literal(1), subscriptions: z.array(subscriptionSchema), ledger: z.array(ledgerSchema) });

export type Subscription = z.infer<typeof subscriptionSchema>;
export type LedgerEntry = z.infer<typeof ledgerSchema>;
export type State = z.infer<typeof stateSchema>;

/** Ledger entries kept per channel (a year of weekly digests). */
export const LEDGER_PER_CHANNEL = 60;

export function channelKey(c: ChannelRef): string {
  return `${c.platform}:${c.team ?? ''}:${c.id}`;
}

export function emptyState(): State {
  return { version: 1, subscriptions: [], ledger: [] };
}

/** The small interface the rest of the bot uses; tests and other backends can implement it. */
export interface StateStore {
  /** A snapshot of the current state (do not mutate). */
  read(): State;
  /** Apply a change and persist it before resolving. Changes run one at a time. */
  update<T>(change: (draft: State) => T): Promise<T>;
  /** Wait for pending writes. */
  flush(): Promise<void>;
}

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
    if (report.corrupt || report.restoredMissing) await store.update(() => undefined);
    return { store, report };
  }

  read(): State {
    return this.state;
  }

  update<T>(change: (draft: State) => T): Promise<T> {
    const run = this.chain.then(async () => {
      const draft = structuredClone(this.state);
      const result = change(draft);
      pruneLedger(draft);
      const text = JSON.stringify(draft, null, 1);
      await writeFileAtomic(this.file, text);
      await writeFileAtomic(this.backupFile, text);
      this.state = draft;
      return result;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  async flush(): Promise<void> {
    await this.chain;
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
