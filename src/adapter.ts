/**
 * The small interface every chat surface implements (after Hubot's Adapter):
 * start listening, stop, and post a reply to a channel unprompted (the
 * weekly digest). Adapters turn platform events into Core commands themselves.
 */
import type { ChannelRef, Platform } from './core';
import type { Reply } from './reply';

export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Post a reply in a channel. Throws DeliveryError when it cannot. */
  send(channel: ChannelRef, reply: Reply): Promise<void>;
}

/**
 * A failed delivery. `permanent` means retrying cannot help (the bot was
 * removed from the channel, the channel is gone, permission is missing):
 * the channel should be unsubscribed and the failure reported.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** Wait at least this long before retrying (rate limits). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
