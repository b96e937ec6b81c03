/**
 * The small interface every chat surface implements (after Hubot's Adapter):
 * start listening, stop, and post a reply to a channel unprompted (the
 * weekly digest). Adapters turn platform events into Core commands themselves.
 */
import type { ChannelRef, Platform } from './types';
import type { Reply } from './reply';

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Post a reply in a channel. Throws DeliveryError when it cannot. With a key (a digest slot),
   * the message carries it where the platform keeps it, so `delivered` can find it after a crash.
   */
  send(channel: ChannelRef, reply: Reply, key?: DeliveryKey): Promise<void>;
  /** Is the delivery with this key in the channel already (posted before a crash)? Absent: the platform cannot tell. */
  delivered?(channel: ChannelRef, key: DeliveryKey): Promise<boolean>;
}

/** What identifies one delivery: the digest slot (one per channel). */
export interface DeliveryKey {
  slot: string;
}

/**
 * What a failed delivery says about the future:
 * - `channel`: this channel can never receive (it is gone, archived, the bot was removed or lacks
 *   permission there): unsubscribe this channel only, and say so in the log;
 * - `platform`: the connection itself is unusable (no connection configured, a revoked or invalid
 *   token, a missing scope): nothing is wrong with the channel; keep every subscription, stop this
 *   slot's deliveries on that platform, and try again at the next start or slot;
 * - `transient`: worth retrying soon (network, rate limits, server errors).
 */
export type DeliveryFailure = 'channel' | 'platform' | 'transient';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
    /** Wait at least this long before retrying (rate limits). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
