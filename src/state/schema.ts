/**
 * The shape of the state file (file-store.ts) and of the records every store keeps, as zod schemas:
 * a file that does not match is set aside, not trusted. The types are what store.ts exports; this
 * module stays apart so that what only needs the types (the chat commands, the CLI) does not load zod.
 */
import { z } from 'zod';
import { PLATFORMS } from '../types';

const channelSchema = z.object({
  platform: z.enum(PLATFORMS),
  id: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  team: z.string().max(200).optional(),
});

/** A channel's own digest time (cron expression and IANA time zone); absent: DIGEST_CRON in DIGEST_TIMEZONE. */
const digestScheduleSchema = z.object({ cron: z.string().min(1).max(100), timezone: z.string().min(1).max(100) });
const subscriptionSchema = z.object({
  key: z.string(),
  channel: channelSchema,
  since: z.string(),
  schedule: digestScheduleSchema.optional(),
  /** Kept, but no digest is posted until it is resumed. */
  paused: z.boolean().optional(),
});
/** A feed added from chat (`feeds add URL`); FEEDS from the environment are not stored. */
const feedSchema = z.object({ url: z.string().min(1).max(2000), addedBy: z.string().max(200).optional(), at: z.string() });
const ledgerSchema = z.object({
  channelKey: z.string(),
  slot: z.string(),
  status: z.enum(['claimed', 'sent', 'failed', 'dropped']),
  at: z.string(),
  attempts: z.number().int().min(0),
  articleIds: z.array(z.string()),
  error: z.string().optional(),
  /** The instance that claimed it (SchedulerDeps.instance). */
  owner: z.string().optional(),
});
export const stateSchema = z.object({
  version: z.literal(1),
  subscriptions: z.array(subscriptionSchema),
  ledger: z.array(ledgerSchema),
  /** Sealed installations (seal.ts) of the workspaces that installed the Slack app, by workspace or organisation id. */
  installations: z.record(z.string(), z.string()).optional(),
  feeds: z.array(feedSchema).optional(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;
export type DigestSchedule = z.infer<typeof digestScheduleSchema>;
export type FeedEntry = z.infer<typeof feedSchema>;
export type LedgerEntry = z.infer<typeof ledgerSchema>;
export type State = z.infer<typeof stateSchema>;
