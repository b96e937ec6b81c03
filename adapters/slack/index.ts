/**
 * Slack surface on @slack/bolt: the /cyberpact slash command, mentions and
 * direct messages in, core commands through, Block Kit out; the weekly digest
 * through chat.postMessage. Socket Mode when an app token is configured,
 * HTTP (with GET /healthz) otherwise — one receiver file each in Bolt.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { DeliveryError, type ChatAdapter, type DeliveryKey } from '../../src/adapter';
import type { SlackConfig } from '../../src/config';
import { needsManager, parseCommand } from '../../src/chat/commands';
import type { ChannelRef, CommandContext, Core } from '../../src/chat/core';
import type { Logger } from '../../src/log';
import type { Reply } from '../../src/reply';
import { renderSlack, type SlackMessage } from './render';
import type { EventLog, StateStore } from '../../src/state/store';
import { SealedInstallations } from './installations';
import { OneTimeStateStore } from './oauth-state';

/** Answers about the channel: posting there can never succeed (only that channel is unsubscribed). */
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action']);
/** Answers about the token or the app, not the channel: no channel is to blame, all keep their subscription. */
const PLATFORM_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'team_access_not_granted',
  'no_permission',
  'org_login_required',
  'ekm_access_denied',
]);

/** Message metadata type of the weekly digest's messages. */
export const DIGEST_EVENT_TYPE = 'cyberpact_digest';

/** Largest request body read in HTTP mode: Slack's payloads are a few kB (Bolt's default is 10 MB). */
export const SLACK_BODY_LIMIT = 256 * 1024;
/** Connections served at once in HTTP mode. */
export const SLACK_MAX_CONNECTIONS = 256;
/** A request stamped further than this from now, either way, is refused (Bolt checks only the past). */
export const SLACK_MAX_CLOCK_SKEW_S = 5 * 60;

export interface SlackAdapterOptions {
  /** Pause between the parts of a split message to one channel (Slack allows about one a second). Default 1100 ms. */
  pacingMs?: number;
  /**
   * Where the ids of handled events are kept, so a redelivered event is answered once: the shared
   * database's log when several instances serve one app. Default: this process's memory.
   */
  events?: EventLog;
  /** The app was uninstalled from a workspace, or its bot token revoked: the workspace's subscriptions are dropped. */
  onRemoved?: (teamId: string) => Promise<void>;
  /** Where the installations of the app are kept (sealed) when it is installed through OAuth (config.oauth). */
  store?: StateStore;
  /** What `GET /healthz` reports besides `ok` (the database's state when there is one). Default: nothing more. */
  health?: () => Promise<Record<string, string>>;
  /** How long one Web API call may take before it fails (the client's default waits as long as the server does). Default 10 s. */
  apiTimeoutMs?: number;
  /** Retries of a failed Web API call by the client itself (the client's default retries for about 30 minutes). Default 2. */
  apiRetries?: number;
}

/** Time allowed one Web API call. */
export const SLACK_API_TIMEOUT_MS = 10_000;

/** Remembers recently handled event ids, so redelivered events are answered once. */
export class RecentIds {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 60 * 60_000,
    private readonly max = 10_000,
  ) {}

  /** True the first time an id is seen (within the TTL). */
  first(id: string, now = Date.now()): boolean {
    for (const [k, t] of this.seen) {
      if (now - t < this.ttlMs && this.seen.size <= this.max) break;
      this.seen.delete(k);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }
}

function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => log.debug({ slack: m.map(String).join(' ') }),
    info: (...m: unknown[]) => log.info({ slack: m.map(String).join(' ') }),
    warn: (...m: unknown[]) => log.warn({ slack: m.map(String).join(' ') }),
    error: (...m: unknown[]) => log.error({ slack: m.map(String).join(' ') }),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** The bot scopes the app asks for when installed through OAuth (as in slack/manifest.yml). */
export const SLACK_BOT_SCOPES = ['commands', 'app_mentions:read', 'chat:write', 'im:history', 'im:read', 'im:write', 'users:read', 'channels:history', 'groups:history'];

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly app: App;
  private readonly receiver: Receiver;
  private readonly recent = new RecentIds();
  /** OAuth mode: the workspaces' installations. */
  private readonly installations?: SealedInstallations;
  private server?: Server;
  private botUserId?: string;
  /** users.info answers: is this user a workspace admin or owner, and when it was asked. */
  private readonly admins = new Map<string, { admin: boolean; at: number }>();

  constructor(
    private readonly core: Core,
    private readonly config: SlackConfig,
    private readonly log: Logger,
    private readonly options: SlackAdapterOptions = {},
  ) {
    const logger = boltLogger(log);
    // Every call bounded: a call Slack never answers fails after the timeout and a few quick retries,
    // so no delivery, schedule or handler waits on it (the client's own default is ten retries over half an hour).
    const retries = options.apiRetries ?? 2;
    const clientOptions = { slackApiUrl: config.apiUrl, logger, timeout: options.apiTimeoutMs ?? SLACK_API_TIMEOUT_MS, retryConfig: { retries, factor: 2, minTimeout: 500, maxTimeout: 4_000 } };
    const { oauth } = config;
    if (oauth) {
      if (!options.store) throw new Error('installing the Slack app in any workspace needs a state store for the installations');
      this.installations = new SealedInstallations(options.store, oauth.tokenKey);
    }
    this.receiver =
      config.mode === 'socket'
        ? new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions: { clientOptions } })
        : new HTTPReceiver({
            signingSecret: config.signingSecret!,
            logger,
            bodyLimit: SLACK_BODY_LIMIT,
            customRoutes: [{ path: '/healthz', method: ['GET', 'HEAD'], handler: (req, res) => void this.healthz(res, req.method === 'HEAD') }],
            // Any workspace: /slack/install starts Slack's OAuth flow, /slack/oauth_redirect ends it and keeps the installation.
            ...(oauth && this.installations
              ? {
                  clientId: oauth.clientId,
                  clientSecret: oauth.clientSecret,
                  stateSecret: oauth.stateSecret,
                  scopes: SLACK_BOT_SCOPES,
                  installationStore: this.installations,
                  // A state good once, whichever instance sees it (the shared event log when there is one).
                  installerOptions: {
                    directInstall: true,
                    clientOptions,
                    stateStore: new OneTimeStateStore(oauth.stateSecret, options.events ?? { first: async (id: string) => this.recent.first(id) }),
                  },
                }
              : {}),
          });
    // Bolt would call auth.test from its constructor, where a rejected token becomes an unhandled
    // rejection (a raw WebAPIPlatformError stack); start() checks the token itself and says which variable.
    // Installed through OAuth, each event's token comes from its workspace's installation.
    this.app = new App({ ...(oauth ? {} : { token: config.botToken }), receiver: this.receiver, logger, clientOptions, tokenVerificationEnabled: false });
    this.app.error(async (e) => {
      log.error({ err: { message: e.message, code: (e as { code?: string }).code } }, 'slack handler error');
    });
    this.routes();
  }

  /**
   * `GET /healthz`: 200 while the bot can answer (questions need only the local corpus), with what
   * `health` adds, e.g. `{"ok":true,"database":"down"}` while the database cannot be reached.
   */
  private async healthz(res: ServerResponse, head = false): Promise<void> {
    const more = await (this.options.health?.() ?? Promise.resolve({})).catch(() => ({ health: 'unknown' }));
    const body = JSON.stringify({ ok: true, ...more });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(head ? undefined : body);
  }

  /** Is this the first delivery of an event? The shared log says; when it cannot, this process's memory does (an event is never dropped for it). */
  private async firstDelivery(id: string): Promise<boolean> {
    const local = this.recent.first(id);
    if (!this.options.events) return local;
    try {
      return await this.options.events.first(id);
    } catch (e) {
      this.log.warn({ eventId: id, error: (e as Error)?.message }, 'the shared event log failed; de-duplicating in this process only');
      return local;
    }
  }

  /** The HTTP server in HTTP mode (for tests and probes). */
  get httpServer(): Server | undefined {
    return this.server;
  }

  private routes(): void {
    // Redelivered events (retry_attempt / X-Slack-Retry-Num) are answered once: the first delivery is being handled.
    this.app.use(async ({ body, next }) => {
      const id = (body as { event_id?: string }).event_id;
      if (id && !(await this.firstDelivery(id))) {
        this.log.info({ eventId: id }, 'duplicate Slack event ignored');
        return;
      }
      await next();
    });

    // Uninstalled, or the bot's token revoked: nothing can be posted in that workspace any more.
    const removed = async (teamId: string | undefined, why: string) => {
      if (!teamId) return;
      this.log.info({ team: teamId }, `slack: ${why}; dropping the workspace's subscriptions`);
      await this.installations
        ?.deleteInstallation({ teamId, isEnterpriseInstall: false, enterpriseId: undefined })
        .catch((e: unknown) => this.log.error({ team: teamId, err: (e as Error)?.message }, 'could not forget the installation of a workspace'));
      await this.options.onRemoved?.(teamId).catch((e: unknown) => this.log.error({ team: teamId, err: (e as Error)?.message }, 'could not drop the subscriptions of a workspace'));
    };
    this.app.event('app_uninstalled', async ({ body }) => removed(body.team_id, 'the app was uninstalled'));
    this.app.event('tokens_revoked', async ({ event, body }) => {
      if (event.tokens.bot?.length) await removed(body.team_id, 'the bot token was revoked');
    });

    this.app.command('/cyberpact', async ({ command, ack, respond }) => {
      await ack();
      const ctx: CommandContext = {
        channel: { platform: 'slack', id: command.channel_id, team: command.team_id, name: command.channel_name },
        canManage: await this.canManage(command.text ?? '', command.user_id, command.team_id),
        invocation: '/cyberpact',
      };
      const reply = await this.core.handleText(command.text ?? '', ctx);
      for (const m of renderSlack(reply)) {
        await respond({ response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', text: m.text, blocks: m.blocks as never, replace_original: false });
      }
    });

    this.app.event('app_mention', async ({ event, client, body, context }) => {
      const text = stripBotMention(event.text ?? '', context.botUserId ?? this.botUserId);
      const team = (body as { team_id?: string }).team_id;
      const ctx: CommandContext = {
        channel: { platform: 'slack', id: event.channel, team },
        canManage: await this.canManage(text, event.user, team),
        invocation: '@CyberPact',
        // Answers go to the mention's thread: the conversation is that thread.
        thread: event.thread_ts ?? event.ts,
      };
      const reply = await this.core.handleText(text, ctx);
      for (const m of renderSlack(reply)) {
        if (reply.visibility === 'private' && event.user) {
          await client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts: event.thread_ts ?? event.ts, text: m.text, blocks: m.blocks as never });
        } else await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: m.text, blocks: m.blocks as never });
      }
    });

    this.app.message(async ({ message, client, body, context }) => {
      const m = message as { channel_type?: string; subtype?: string; bot_id?: string; text?: string; channel: string; ts: string };
      if (m.channel_type !== 'im' || m.subtype || m.bot_id) return;
      const m2 = m as typeof m & { user?: string };
      const text = stripBotMention(m.text ?? '', context.botUserId ?? this.botUserId);
      const team = (body as { team_id?: string }).team_id;
      const ctx: CommandContext = {
        channel: { platform: 'slack', id: m.channel, team, name: 'direct message' },
        canManage: await this.canManage(text, m2.user, team),
        invocation: '',
      };
      const reply = await this.core.handleText(text, ctx);
      for (const msg of renderSlack(reply)) await client.chat.postMessage({ channel: m.channel, text: msg.text, blocks: msg.blocks as never });
    });
  }

  /**
   * May this user subscribe or unsubscribe a channel? Workspace admins and owners (users.info), and
   * the users in SLACK_DIGEST_MANAGERS. Asked only for the commands that need it; answers are kept
   * for five minutes. Any failure to ask means no.
   */
  private async canManage(text: string, userId: string | undefined, team: string | undefined): Promise<boolean> {
    if (!needsManager(parseCommand(text))) return false;
    if (!userId) return false;
    if (this.config.digestManagers.includes(userId)) return true;
    const cached = this.admins.get(`${team} ${userId}`);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.admin;
    try {
      const r = await this.app.client.users.info({ user: userId, ...(await this.tokenOf(team)) });
      const u = r.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
      const admin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
      this.admins.set(`${team} ${userId}`, { admin, at: Date.now() });
      return admin;
    } catch (e) {
      this.log.warn({ err: { message: (e as Error)?.message }, user: userId }, 'could not look up whether a user may manage digests (users:read scope?)');
      return false;
    }
  }

  /** The token to call the Web API with for a workspace: its installation's bot token (OAuth), else the app's one (no argument). */
  private async tokenOf(team: string | undefined): Promise<{ token?: string }> {
    if (!this.installations) return {};
    let token: string | undefined;
    try {
      token = team ? await this.installations.botToken(team) : undefined;
    } catch (e) {
      // Nothing is wrong with the channel: the installations cannot be read now (or SLACK_TOKEN_KEY changed).
      throw new DeliveryError(`Slack: the workspace's installation cannot be read (${(e as Error)?.message ?? String(e)})`, 'platform');
    }
    if (!token) throw new DeliveryError(`Slack: the app is not installed in workspace ${team ?? '(unknown)'}`, 'channel');
    return { token };
  }

  async start(): Promise<void> {
    if (this.installations) {
      // Any workspace: there is no one token to check; each installation brought its own.
      this.server = (await this.app.start({ port: this.config.port, host: this.config.host })) as Server;
      guardHttpServer(this.server);
      this.log.info({ mode: 'http', oauth: true, port: this.config.port }, 'slack connected (installable in any workspace: /slack/install)');
      return;
    }
    let auth: { user_id?: string };
    try {
      auth = await this.app.client.auth.test();
    } catch (e) {
      // A rejected token is a configuration problem: say which variable, not a Web API stack.
      const code = (e as { data?: { error?: string }; code?: string }).data?.error ?? (e as { code?: string }).code ?? 'no answer';
      if (PLATFORM_ERRORS.has(code)) throw new Error(`SLACK_BOT_TOKEN was rejected by Slack (${code}): check the bot token in the app's OAuth settings`, { cause: e });
      throw new Error(`could not reach Slack to check SLACK_BOT_TOKEN (${code}${(e as Error)?.message ? `: ${(e as Error).message}` : ''})`, { cause: e });
    }
    this.botUserId = auth.user_id;
    if (this.config.mode === 'http') {
      this.server = (await this.app.start({ port: this.config.port, host: this.config.host })) as Server;
      guardHttpServer(this.server);
    } else await this.app.start();
    this.log.info({ mode: this.config.mode, port: this.config.mode === 'http' ? this.config.port : undefined }, 'slack connected');
  }

  async stop(): Promise<void> {
    // Idle keep-alive connections would otherwise hold the HTTP server open after close().
    this.server?.closeIdleConnections();
    await this.app.stop();
    this.server?.closeAllConnections();
  }

  /** Was this slot's digest posted in the channel already (the bot stopped before recording it)? */
  async delivered(channel: ChannelRef, key: DeliveryKey): Promise<boolean> {
    try {
      return await findDigest(this.app, channel, key, await this.tokenOf(channel.team));
    } catch (e) {
      const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error)?.message ?? 'unknown_error';
      throw new Error(`Slack conversations.history: ${code} (the channels:history and groups:history scopes are needed)`, { cause: e });
    }
  }

  /** Post a reply (the digest) to a channel; maps Slack's answers onto DeliveryError. */
  async send(channel: ChannelRef, reply: Reply, key?: DeliveryKey): Promise<void> {
    const messages: SlackMessage[] = renderSlack(reply);
    // A digest's messages carry its slot as message metadata, which `delivered` looks for after a crash.
    const metadata = key ? { event_type: DIGEST_EVENT_TYPE, event_payload: { slot: key.slot } } : undefined;
    const token = await this.tokenOf(channel.team);
    for (let i = 0; i < messages.length; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, this.options.pacingMs ?? 1100));
      try {
        await this.app.client.chat.postMessage({ channel: channel.id, text: messages[i].text, blocks: messages[i].blocks as never, ...(metadata ? { metadata } : {}), ...token });
      } catch (e) {
        const err = e as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
        const code = err.data?.error ?? err.code ?? 'unknown_error';
        if (CHANNEL_ERRORS.has(code)) throw new DeliveryError(`Slack: ${code}`, 'channel');
        if (PLATFORM_ERRORS.has(code)) throw new DeliveryError(`Slack: ${code}`, 'platform');
        throw new DeliveryError(`Slack: ${code}`, 'transient', err.retryAfter ? err.retryAfter * 1000 : undefined);
      }
    }
  }
}

/**
 * Bounds on the HTTP receiver's server: connections at once, time to send headers and body, and a
 * request timestamp within five minutes either way of now (checked before Bolt reads the body).
 */
function guardHttpServer(server: Server, now: () => number = Date.now): void {
  server.maxConnections = SLACK_MAX_CONNECTIONS;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  const [bolt] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!bolt) return;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const stamp = req.headers['x-slack-request-timestamp'];
    if (req.method === 'POST' && typeof stamp === 'string' && Math.abs(now() / 1000 - Number(stamp)) > SLACK_MAX_CLOCK_SKEW_S) {
      res.writeHead(401, { connection: 'close' }).end();
      req.destroy();
      return;
    }
    if (req.method !== 'POST') return bolt(req, res);
    // The body read here, within the limit, and handed to Bolt already read (its receiver uses a
    // request's `rawBody` when there is one). A body that is no object (`null`, `payload=null`) is
    // refused before Bolt reads a field of it: signed or not, it would end the process there.
    void readBody(req, SLACK_BODY_LIMIT).then(
      (raw) => {
        if (!isObjectBody(raw, req.headers['content-type'])) {
          res.writeHead(400, { connection: 'close' }).end();
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        bolt(req, res);
      },
      (e: Error & { status?: number }) => {
        if (!res.headersSent) res.writeHead(e.status ?? 400, { connection: 'close' }).end();
        req.destroy();
      },
    );
  });
}

/** A request's body, refused (status 413) past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) reject(Object.assign(new Error('request body too large'), { status: 413 }));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Would Bolt read this body as an object (JSON, a form, or a form's `payload` of JSON)? What does
 * not parse is left to Bolt, which refuses it itself; `null`, a number or a string is not an object.
 */
export function isObjectBody(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString();
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const { payload } = parseQuery(text);
      if (typeof payload !== 'string') return true;
      const value: unknown = JSON.parse(payload);
      return typeof value === 'object' && value !== null;
    }
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return true;
  }
}

/** Among the channel's recent messages, one the bot posted for this digest slot? */
async function findDigest(app: App, channel: ChannelRef, key: DeliveryKey, token: { token?: string }): Promise<boolean> {
  const r = await app.client.conversations.history({ channel: channel.id, limit: 100, include_all_metadata: true, ...token });
  const messages = (r.messages ?? []) as { metadata?: { event_type?: string; event_payload?: { slot?: unknown } } }[];
  return messages.some((m) => m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload?.slot === key.slot);
}

/** Remove the bot's own mention from the front of a message. */
export function stripBotMention(text: string, botUserId?: string): string {
  return botUserId ? text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ').trim() : text;
}
