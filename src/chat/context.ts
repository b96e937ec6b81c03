/** What a command runs in: the channel, who asked, and how the surface invokes the bot. */
import type { ChannelRef } from '../types';

export interface CommandContext {
  channel: ChannelRef;
  /** The user may change this channel's settings (subscribe/unsubscribe). */
  canManage: boolean;
  /** How the surface invokes the bot, for help text ("/cyberpact", "@CyberPact"). */
  invocation?: string;
  /** The thread the message is in, where the platform has threads: a conversation's context is per channel and thread. */
  thread?: string;
}
