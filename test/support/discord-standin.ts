/**
 * A small stand-in of Discord on 127.0.0.1 for tests: the REST API routes
 * the bot uses and a gateway WebSocket doing HELLO, IDENTIFY, READY,
 * GUILD_CREATE and heartbeats, which can dispatch INTERACTION_CREATE and
 * MESSAGE_CREATE. Records every REST call.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const IDS = {
  app: '100000000000000001',
  bot: '100000000000000002',
  guild: '100000000000000003',
  channel: '100000000000000004',
  other: '100000000000000005',
  user: '100000000000000006',
  gone: '100000000000000007',
};

export interface RestCall {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

/** Permission bits as Discord sends them (strings). */
export const PERMS = { none: '0', manageChannels: String(1n << 4n), sendMessages: String((1n << 11n) | (1n << 10n)) };

export class DiscordStandIn {
  readonly calls: RestCall[] = [];
  readonly gatewayOps: { op: number; d: unknown }[] = [];
  /** REST answers by "METHOD path" prefix; the first match wins and is consumed. */
  readonly script: { match: (c: RestCall) => boolean; status: number; body: unknown }[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private wss = new WebSocketServer({ noServer: true });
  private ws?: WebSocket;
  private seq = 0;
  port = 0;
  identified?: Promise<void>;
  private onIdentify?: () => void;

  async start(): Promise<void> {
    this.identified = new Promise((r) => (this.onIdentify = r));
    this.server.on('upgrade', (req, sock, head) => this.wss.handleUpgrade(req, sock, head, (ws) => this.onSocket(ws)));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  callsTo(method: string, pathPart: string): RestCall[] {
    return this.calls.filter((c) => c.method === method && c.path.includes(pathPart));
  }

  dispatch(t: string, d: unknown): void {
    this.ws!.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  private onSocket(ws: WebSocket): void {
    this.ws = ws;
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      this.gatewayOps.push(msg);
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) {
        this.dispatch('READY', {
          v: 10,
          user: { id: IDS.bot, username: 'CyberPact', discriminator: '0', bot: true, avatar: null, global_name: null },
          guilds: [{ id: IDS.guild, unavailable: true }],
          session_id: 'session-1',
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          application: { id: IDS.app, flags: 0 },
          shard: [0, 1],
        });
        this.dispatch('GUILD_CREATE', guild());
        this.onIdentify?.();
      }
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
  }

  /** Messages posted per channel, oldest first; messages by nonce (enforce_nonce). */
  readonly posted = new Map<string, Record<string, unknown>[]>();
  private readonly nonces = new Map<string, Record<string, unknown>>();

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const [p, query = ''] = (req.url ?? '').replace(/^\/api\/v\d+/, '').split('?');
    let body: unknown = raw;
    if ((req.headers['content-type'] ?? '').includes('json') && raw) body = JSON.parse(raw);
    else if ((req.headers['content-type'] ?? '').includes('multipart')) body = JSON.parse(/name="payload_json"[^\n]*\r?\n(?:[^\n]*\r?\n)*?\r?\n([^\r\n]*)/.exec(raw)?.[1] ?? '{}');
    const call: RestCall = { method: req.method ?? 'GET', path: decodeURIComponent(p), query, body };
    this.calls.push(call);
    const i = this.script.findIndex((s) => s.match(call));
    if (i >= 0) {
      const [s] = this.script.splice(i, 1);
      return void res.writeHead(s.status, { 'content-type': 'application/json' }).end(JSON.stringify(s.body));
    }
    const json = (status: number, b: unknown) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(b));
    if (p === '/gateway/bot') return json(200, { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    if (req.method === 'PUT' && /\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p))
      return json(
        200,
        (body as { name: string }[]).map((c, k) => ({ ...c, id: `2000000000000000${k}`, application_id: IDS.app, version: '1' })),
      );
    if (req.method === 'POST' && /\/interactions\/\d+\/[^/]+\/callback$/.test(p)) return void res.writeHead(204).end();
    if (/\/webhooks\/\d+\/[^/]+/.test(p)) {
      if (req.method === 'DELETE') return void res.writeHead(204).end();
      return json(200, message(IDS.channel, body));
    }
    const m = /^\/channels\/(\d+)\/messages$/.exec(p);
    if (m && req.method === 'POST') {
      if (m[1] === IDS.gone) return json(404, { message: 'Unknown Channel', code: 10003 });
      // enforce_nonce: the same nonce again (within minutes, on Discord) returns the first message.
      const { nonce, enforce_nonce: enforce } = (body ?? {}) as { nonce?: string; enforce_nonce?: boolean };
      const seen = enforce && nonce ? this.nonces.get(nonce) : undefined;
      if (seen) return json(200, seen);
      const msg = message(m[1], body);
      this.posted.set(m[1], [...(this.posted.get(m[1]) ?? []), msg]);
      if (enforce && nonce) this.nonces.set(nonce, msg);
      return json(200, msg);
    }
    if (m && req.method === 'GET') return json(200, [...(this.posted.get(m[1]) ?? [])].reverse().slice(0, Number(new URLSearchParams(query).get('limit') ?? 50)));
    json(404, { message: '404: Not Found', code: 0 });
  }
}

function message(channelId: string, body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    id: String(300000000000000000n + BigInt(Math.floor(Math.random() * 1e9))),
    channel_id: channelId,
    author: { id: IDS.bot, username: 'CyberPact', discriminator: '0', bot: true, avatar: null, global_name: null },
    content: b.content ?? '',
    embeds: b.embeds ?? [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    type: 0,
  };
}

function guild(): Record<string, unknown> {
  return {
    id: IDS.guild,
    name: 'Test Guild',
    icon: null,
    owner_id: IDS.user,
    roles: [{ id: IDS.guild, name: '@everyone', permissions: PERMS.sendMessages, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    channels: [
      { id: IDS.channel, type: 0, name: 'general', guild_id: IDS.guild, position: 0, permission_overwrites: [] },
      { id: IDS.other, type: 0, name: 'briefings', guild_id: IDS.guild, position: 1, permission_overwrites: [] },
    ],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
    unavailable: false,
    member_count: 2,
    large: false,
    joined_at: new Date().toISOString(),
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    voice_states: [],
    presences: [],
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    nsfw_level: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    afk_timeout: 300,
  };
}

export function interaction(opts: { id: string; type: 2 | 4; value: string; permissions?: string; focused?: boolean }): Record<string, unknown> {
  return {
    id: opts.id,
    application_id: IDS.app,
    type: opts.type,
    token: `tok-${opts.id}`,
    version: 1,
    guild_id: IDS.guild,
    channel_id: IDS.channel,
    channel: { id: IDS.channel, type: 0, name: 'general', guild_id: IDS.guild },
    app_permissions: PERMS.sendMessages,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    member: {
      user: { id: IDS.user, username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' },
      roles: [],
      permissions: opts.permissions ?? PERMS.sendMessages,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    data: { id: '200000000000000000', name: 'cyberpact', type: 1, options: [{ name: 'query', type: 3, value: opts.value, ...(opts.focused ? { focused: true } : {}) }] },
  };
}

export function mentionMessage(id: string, content: string, mentionsBot = true): Record<string, unknown> {
  return {
    id,
    channel_id: IDS.channel,
    guild_id: IDS.guild,
    author: { id: IDS.user, username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' },
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: mentionsBot ? [{ id: IDS.bot, username: 'CyberPact', discriminator: '0', bot: true, avatar: null, global_name: null }] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
