/**
 * Discord surface on discord.js: the /cyberpact command (with autocomplete)
 * and messages that mention the bot in, core commands through, embeds out;
 * the weekly digest through the channel messages endpoint. Only the intents
 * it needs; no privileged ones (messages that mention the bot carry content).
 */
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials, Routes, type Interaction, type Message } from 'discord.js';
import { createHash } from 'node:crypto';
import { DeliveryError, type ChatAdapter, type DeliveryKey } from '../../src/adapter';
import type { DiscordConfig } from '../../src/config';
import type { ChannelRef, CommandContext, Core } from '../../src/chat/core';
import type { Logger } from '../../src/log';
import type { Reply } from '../../src/reply';
import * as cyberpact from './commands/cyberpact';
import { registerCommands } from './register';
import { renderDiscord } from './render';

/** Discord error codes about the channel (or its server): posting there cannot succeed. */
const CHANNEL_ERRORS = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */, 50007 /* Cannot send to user */, 10004 /* Unknown Guild */]);
/** HTTP statuses about the bot's token, not the channel. */
const PLATFORM_STATUSES = new Set([401]);

/** The footer marker of a digest slot's messages: what `delivered` looks for after a crash. */
export function digestMarker(key: DeliveryKey): string {
  return `digest ${key.slot.slice(0, 16)}Z`;
}

/** A nonce (at most 25 characters) for one part of one slot's digest in one channel. */
export function digestNonce(channel: ChannelRef, key: DeliveryKey, part: number): string {
  return createHash('sha256').update(`${channel.id} ${key.slot} ${part}`).digest('base64url').slice(0, 25);
}

export interface DiscordAdapterOptions {
  deferAfterMs?: number;
  /** The bot was removed from a server (or the server deleted): its channels' subscriptions are dropped. */
  onRemoved?: (guildId: string) => Promise<void>;
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly client: Client;

  constructor(
    private readonly core: Core,
    private readonly config: DiscordConfig,
    private readonly log: Logger,
    private readonly options: DiscordAdapterOptions = {},
  ) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      // As many gateway shards as Discord recommends for the bot's servers (GET /gateway/bot): one
      // below 2,500 servers, and discord.js runs more in this process when Discord asks for them.
      shards: 'auto',
      partials: [Partials.Channel],
      // No reply may ping anyone: not @everyone, @here, roles, or users named in a question.
      allowedMentions: { parse: [], repliedUser: false },
      ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    });
    this.client.on(Events.InteractionCreate, (i) => void this.onInteraction(i));
    this.client.on(Events.MessageCreate, (m) => void this.onMessage(m));
    this.client.on(Events.Error, (e) => log.error({ err: e.message }, 'discord client error'));
    // Joined a server: the global command reaches it by itself (DISCORD_GUILD_ID registers in one server only, for development).
    this.client.on(Events.GuildCreate, (g) => log.info({ guild: g.id }, 'discord: added to a server'));
    // Removed from a server (an outage is GuildUnavailable, not this): nothing can be posted there any more.
    this.client.on(Events.GuildDelete, (g) => {
      log.info({ guild: g.id }, 'discord: removed from a server; dropping its subscriptions');
      void this.options.onRemoved?.(g.id).catch((e: unknown) => log.error({ guild: g.id, err: (e as Error)?.message }, 'could not drop the subscriptions of a server the bot left'));
    });
  }

  private async onInteraction(i: Interaction): Promise<void> {
    try {
      if (i.isAutocomplete() && i.commandName === 'cyberpact') return await cyberpact.autocomplete(this.core, i);
      if (i.isChatInputCommand() && i.commandName === 'cyberpact') return await cyberpact.execute(this.core, i, this.log, { deferAfterMs: this.options.deferAfterMs ?? 1500 });
    } catch (e) {
      this.log.error({ err: (e as Error)?.message }, 'interaction failed');
      if (i.isRepliable()) {
        const text = 'Sorry — something went wrong while answering. Please try again in a moment.';
        try {
          if (i.replied || i.deferred) await i.followUp({ content: text, flags: 64, allowedMentions: { parse: [] } });
          else await i.reply({ content: text, flags: 64, allowedMentions: { parse: [] } });
        } catch {
          // The interaction token is gone (too late): say so in the channel instead.
          if (i.channelId) await this.client.rest.post(Routes.channelMessages(i.channelId), { body: { content: text, allowed_mentions: { parse: [] } } }).catch(() => undefined);
        }
      }
    }
  }

  private async onMessage(message: Message): Promise<void> {
    if (message.author.bot || !this.client.user) return;
    const isDm = !message.inGuild();
    if (!isDm && !message.mentions.has(this.client.user, { ignoreEveryone: true, ignoreRoles: true, ignoreRepliedUser: true })) return;
    const text = message.content.replace(new RegExp(`<@!?${this.client.user.id}>`, 'g'), ' ');
    const ctx: CommandContext = {
      channel: {
        platform: 'discord',
        id: message.channelId,
        team: message.guildId ?? undefined,
        name: 'name' in message.channel && typeof message.channel.name === 'string' ? message.channel.name : undefined,
      },
      canManage: isDm ? true : Boolean(message.member?.permissionsIn(message.channelId).has('ManageChannels')),
      invocation: `@${this.client.user.username}`,
    };
    try {
      const reply = await this.core.handleText(text, ctx);
      for (const p of renderDiscord(reply)) await message.reply({ ...p, allowedMentions: { parse: [], repliedUser: false } });
    } catch (e) {
      this.log.error({ err: (e as Error)?.message }, 'could not answer a mention');
    }
  }

  async start(): Promise<void> {
    if (this.config.registerOnStart) {
      const r = await registerCommands(this.config, this.client.rest.setToken(this.config.token));
      this.log.info(r, 'discord commands registered');
    }
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.config.token);
    await ready;
    this.log.info({ user: this.client.user?.tag }, 'discord connected');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  /** Was this slot's digest posted in the channel already? Looks for its marker among the bot's recent messages. */
  async delivered(channel: ChannelRef, key: DeliveryKey): Promise<boolean> {
    const marker = digestMarker(key);
    const recent = (await this.client.rest.get(Routes.channelMessages(channel.id), { query: new URLSearchParams({ limit: '50' }) })) as {
      author?: { id?: string };
      embeds?: { footer?: { text?: string } }[];
    }[];
    const me = this.client.user?.id;
    return recent.some((m) => (!me || m.author?.id === me) && (m.embeds ?? []).some((e) => e.footer?.text?.includes(marker)));
  }

  async send(channel: ChannelRef, reply: Reply, key?: DeliveryKey): Promise<void> {
    const parts = renderDiscord(reply, key ? digestMarker(key) : undefined);
    for (const [i, p] of parts.entries()) {
      // A digest's parts carry a nonce made of channel, slot and part: Discord answers a repeated send
      // within minutes with the first message instead of posting again (enforce_nonce).
      const nonce = key ? { nonce: digestNonce(channel, key, i), enforce_nonce: true } : {};
      try {
        await this.client.rest.post(Routes.channelMessages(channel.id), { body: { ...p, allowed_mentions: { parse: [] }, ...nonce } });
      } catch (e) {
        if (e instanceof DiscordAPIError && typeof e.code === 'number' && CHANNEL_ERRORS.has(e.code)) throw new DeliveryError(`Discord: ${e.message} (${e.code})`, 'channel');
        if (e instanceof DiscordAPIError && PLATFORM_STATUSES.has(e.status)) throw new DeliveryError(`Discord: ${e.message} (${e.status})`, 'platform');
        throw new DeliveryError(`Discord: ${(e as Error)?.message ?? String(e)}`, 'transient');
      }
    }
  }
}
