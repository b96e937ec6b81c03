/**
 * A small stand-in of Slack's platform on 127.0.0.1 for tests: the Web API
 * (auth.test, chat.postMessage, chat.postEphemeral, apps.connections.open,
 * oauth.v2.access, which installs the app in workspace `oauthTeam`),
 * response_url endpoints, and a Socket Mode WebSocket server. It records
 * every call so tests can check what the real Bolt app sent.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The token the call was made with (its Authorization header). */
  token?: string;
  /** Which client made it, when it was given its own API URL (`apiUrlFor`). */
  via?: string;
  /** Held by `hold`: never answered, so never posted as far as the platform is concerned. */
  held?: boolean;
}

type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

export class SlackStandIn {
  readonly calls: ApiCall[] = [];
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  /** Per-method queue of canned answers (then the default). */
  readonly script = new Map<string, ((args: Record<string, unknown>) => Answer | undefined)[]>();
  private server = http.createServer((req, res) => void this.handle(req, res));
  private wss = new WebSocketServer({ noServer: true });
  socket?: WebSocket;
  readonly socketMessages: Record<string, unknown>[] = [];
  port = 0;
  /** The workspace oauth.v2.access installs the app in, and the bot token it hands out. */
  oauthTeam = { id: 'T2', name: 'Second Workspace', botToken: 'xoxb-T2-installed' };

  async start(): Promise<void> {
    this.server.on('upgrade', (req, sock, head) => this.wss.handleUpgrade(req, sock, head, (ws) => this.onSocket(ws)));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The Web API under a name of its own, so the calls say which client (which bot process) made them. */
  apiUrlFor(via: string): string {
    return `http://127.0.0.1:${this.port}/${via}/api/`;
  }

  /** Calls it answers never (the request hangs, as when the platform or the caller dies mid-call); they are not posted. */
  hold?: (call: ApiCall) => boolean;

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  async stop(): Promise<void> {
    // Let clients finish the close handshake they started, then cut what is left.
    await Promise.all(
      [...this.wss.clients].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.readyState === c.CLOSED) return resolve();
            const t = setTimeout(() => (c.terminate(), resolve()), 1000);
            c.once('close', () => (clearTimeout(t), resolve()));
          }),
      ),
    );
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.on('message', (d) => this.socketMessages.push(JSON.parse(String(d))));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'standin', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
  }

  /** Send a Socket Mode envelope and wait for the app's ack of it. */
  async envelope(type: string, payload: Record<string, unknown>, id = `env-${Math.random().toString(36).slice(2)}`): Promise<Record<string, unknown>> {
    if (!this.socket) throw new Error('no socket connection');
    this.socket.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    for (let i = 0; i < 200; i++) {
      const ack = this.socketMessages.find((m) => m.envelope_id === id);
      if (ack) return ack;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ack for envelope ${id}`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '';
    let args: Record<string, unknown> = {};
    if ((req.headers['content-type'] ?? '').includes('json')) args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    else for (const [k, v] of new URLSearchParams(raw)) args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    if (url.startsWith('/respond/')) {
      this.responses.push({ id: url.slice(9), body: args });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    const [, via, rest] = /^\/(?:([a-z0-9-]+)\/)?api\/(.*)$/.exec(url) ?? [undefined, undefined, url];
    const method = rest.split('?')[0];
    const auth = req.headers.authorization;
    const call: ApiCall = { method, args, ...(auth?.startsWith('Bearer ') ? { token: auth.slice(7) } : {}), ...(via ? { via } : {}) };
    this.calls.push(call);
    if (this.hold?.(call)) {
      call.held = true;
      return;
    }
    const scripted = this.script.get(method)?.shift()?.(args);
    const answer = scripted ?? this.defaultAnswer(method, args);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) }).end(JSON.stringify(answer.body));
  }

  private defaultAnswer(method: string, args: Record<string, unknown>): Answer {
    switch (method) {
      case 'auth.test':
        return { body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', user: 'cyberpact' } };
      case 'oauth.v2.access':
        // The code exchanged for the workspace's bot token (client id and secret checked by the caller's test).
        return {
          body: {
            ok: true,
            app_id: 'A1',
            authed_user: { id: 'UINSTALLER' },
            scope: 'commands,chat:write',
            token_type: 'bot',
            access_token: this.oauthTeam.botToken,
            bot_user_id: 'UBOT2',
            team: { id: this.oauthTeam.id, name: this.oauthTeam.name },
            enterprise: null,
            is_enterprise_install: false,
          },
        };
      case 'conversations.history':
        // The channel's messages as posted through chat.postMessage, newest first, with their metadata.
        return {
          body: {
            ok: true,
            messages: this.callsOf('chat.postMessage')
              .filter((c) => c.args.channel === args.channel && !c.held)
              .reverse()
              .map((c) => ({ type: 'message', text: c.args.text, bot_id: 'BBOT', ...(args.include_all_metadata && c.args.metadata ? { metadata: c.args.metadata } : {}) })),
          },
        };
      case 'users.info':
        return { body: { ok: true, user: { id: args.user, is_admin: false, is_owner: false } } };
      case 'apps.connections.open':
        return { body: { ok: true, url: `ws://127.0.0.1:${this.port}/link` } };
      case 'chat.postMessage':
      case 'chat.postEphemeral':
        return { body: { ok: true, channel: args.channel, ts: `${Date.now() / 1000}` } };
      default:
        return { body: { ok: true } };
    }
  }
}

/** Headers of a correctly signed Slack request (v0 HMAC-SHA256 of "v0:{ts}:{body}"). */
export function signedHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sig };
}
