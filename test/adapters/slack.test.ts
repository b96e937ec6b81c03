import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import type { Reply } from '../../src/reply';
import { SLACK_BODY_LIMIT, SLACK_MAX_CONNECTIONS, SlackAdapter } from '../../adapters/slack';
import { escapeSlack, renderSlack, SLACK_LIMITS, type SlackBlock } from '../../adapters/slack/render';
import type { SlackConfig } from '../../src/config';
import type { ChannelRef } from '../../src/chat/core';
import { Core } from '../../src/chat/core';
import { silentLogger } from '../../src/log';
import { channelKey } from '../../src/state/store';
import { FileStateStore } from '../../src/state/file-store';
import { PgStateStore } from '../../src/state/pg-store';
import { SealedInstallations } from '../../adapters/slack/installations';
import { databaseHealth } from '../../src/state/store';
import { Client } from 'pg';
import { buildDigest } from '../../src/timeline/digest';
import { manyMilestones, seedBriefing, tempDir } from '../helpers';
import { schedulerFor } from '../support/scheduler';
import { signedHeaders, SlackStandIn } from '../support/slack-standin';

const SECRET = 'test-signing-secret';

function expectValidBlocks(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  for (const b of blocks) {
    expect(['header', 'section', 'context', 'divider']).toContain(b.type);
    if (b.type === 'section') expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'header') expect((b.text as { text: string; type: string }).type).toBe('plain_text');
    if (b.type === 'header') expect((b.text as { text: string }).text.length).toBeLessThanOrEqual(150);
    if (b.type === 'context') for (const e of b.elements as { text: string }[]) expect(e.text.length).toBeLessThanOrEqual(3000);
  }
}

async function makeCore(dataDir?: string) {
  const briefing = await seedBriefing();
  const { store } = await FileStateStore.open(dataDir ?? (await tempDir()));
  const core = new Core(briefing, { digest: { store, clock: () => new Date('2026-11-22T10:00:00Z'), describeSchedule: () => 'weekly' } });
  return { core, store };
}

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Slack adapter, HTTP mode, real Bolt against a stand-in Web API', () => {
  let standIn: SlackStandIn;
  let adapter: SlackAdapter;
  let base: string;

  beforeAll(async () => {
    standIn = new SlackStandIn();
    await standIn.start();
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: ['UMGR'] };
    adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0 });
    await adapter.start();
    base = `http://127.0.0.1:${(adapter.httpServer!.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await adapter.stop();
    await standIn.stop();
  });

  async function slash(text: string, id: string, sign: (body: string) => Record<string, string> = (b) => signedHeaders(SECRET, b), user = 'U1') {
    const body = new URLSearchParams({
      command: '/cyberpact',
      text,
      channel_id: 'C1',
      channel_name: 'general',
      team_id: 'T1',
      user_id: user,
      response_url: standIn.responseUrl(id),
      trigger_id: 't',
    }).toString();
    return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
  }

  async function event(ev: Record<string, unknown>, eventId: string, retry?: number) {
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1, event: ev });
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, body), ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}) },
      body,
    });
  }

  it('serves GET /healthz', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
    // HEAD, as load balancers probe: the same status, no body.
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('/cyberpact who attended: acknowledged at once, answered in the channel with Block Kit', async () => {
    const t0 = Date.now();
    const r = await slash('who attended', 'r1');
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(3000);
    await waitFor(() => standIn.responses.some((x) => x.id === 'r1'));
    const resp = standIn.responses.find((x) => x.id === 'r1')!.body;
    expect(resp.response_type).toBe('in_channel');
    expect(String(resp.text)).toBeTruthy();
    const blocks = resp.blocks as SlackBlock[];
    expectValidBlocks(blocks);
    const all = JSON.stringify(blocks);
    expect(all).toContain('Max Baucus (U.S. ambassador to China)');
    expect(all).toContain('The Stack, 14 Jun 2016');
  });

  it('help and refusals are ephemeral', async () => {
    await slash('help', 'r2');
    await slash('what is the weather today', 'r3');
    await waitFor(() => standIn.responses.some((x) => x.id === 'r3') && standIn.responses.some((x) => x.id === 'r2'));
    expect(standIn.responses.find((x) => x.id === 'r2')!.body.response_type).toBe('ephemeral');
    expect(standIn.responses.find((x) => x.id === 'r3')!.body.response_type).toBe('ephemeral');
  });

  it('refuses a bad signature and a stale timestamp with 401; no handler runs', async () => {
    const bad = await slash('help', 'bad1', (b) => signedHeaders('not-the-secret', b));
    expect(bad.status).toBe(401);
    // Correctly signed, but six minutes old.
    const stale = await slash('help', 'bad2', (b) => signedHeaders(SECRET, b, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(standIn.responses.filter((x) => x.id.startsWith('bad'))).toEqual([]);
  });

  it('subscribe: workspace admins and owners and SLACK_DIGEST_MANAGERS may; anyone else is told who can, privately', async () => {
    const answer = async (id: string) => {
      await waitFor(() => standIn.responses.some((x) => x.id === id));
      return standIn.responses.find((x) => x.id === id)!.body;
    };
    await slash('subscribe', 'p1', undefined, 'UPLAIN');
    const denied = await answer('p1');
    expect(denied.response_type).toBe('ephemeral');
    expect(JSON.stringify(denied)).toContain('Only workspace admins and owners, and the people the bot');
    standIn.script.set('users.info', [() => ({ body: { ok: true, user: { id: 'UADMIN', is_admin: true } } })]);
    await slash('subscribe', 'p2', undefined, 'UADMIN');
    expect(JSON.stringify(await answer('p2'))).toContain('Subscribed');
    await slash('unsubscribe', 'p3', undefined, 'UMGR');
    expect(JSON.stringify(await answer('p3'))).toContain('Unsubscribed');
    // A question asks nobody's role: users.info only for subscribe and unsubscribe.
    const before = standIn.callsOf('users.info').length;
    await slash('who attended', 'p4', undefined, 'UPLAIN');
    await answer('p4');
    expect(standIn.callsOf('users.info').length).toBe(before);
    expect(standIn.callsOf('users.info').map((c) => c.args.user)).toEqual(['UPLAIN', 'UADMIN']);
    // Every command that changes the channel's settings asks, and is allowed for an admin: a time, pause, resume.
    await slash('subscribe friday 16:00 Europe/London', 'p5', undefined, 'UADMIN');
    expect(JSON.stringify(await answer('p5'))).toContain('Subscribed: #general will get the weekly digest');
    await slash('pause', 'p6', undefined, 'UADMIN');
    expect(JSON.stringify(await answer('p6'))).toContain('Paused');
    await slash('resume', 'p7', undefined, 'UPLAIN');
    expect(JSON.stringify(await answer('p7'))).toContain('Only workspace admins and owners');
    // Listing the feeds asks nobody's role.
    const listed = standIn.callsOf('users.info').length;
    await slash('feeds', 'p8', undefined, 'UNEW');
    await answer('p8');
    expect(standIn.callsOf('users.info').length).toBe(listed);
  });

  it('survives any correctly signed body: null, a form payload of null, a number, a string, a list', async () => {
    const bodies: [string, string][] = [
      ['application/json', 'null'],
      ['application/x-www-form-urlencoded', 'payload=null'],
      ['application/json', '1'],
      ['application/json', '"text"'],
      ['application/x-www-form-urlencoded', 'payload=%22x%22'],
    ];
    for (const [type, body] of bodies) {
      const r = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...signedHeaders(SECRET, body) }, body, signal: AbortSignal.timeout(3000) });
      expect([type, body, r.status]).toEqual([type, body, 400]);
    }
    // A list is an object to Bolt: answered as an unknown request, not a crash.
    const list = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, '[]') },
      body: '[]',
      signal: AbortSignal.timeout(5000),
    });
    expect(list.status).toBeLessThan(500);
    // Still answering.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await slash('help', 'after-null')).status).toBe(200);
  });

  it('refuses a correctly signed request stamped minutes in the future', async () => {
    const future = await slash('help', 'bad3', (b) => signedHeaders(SECRET, b, Math.floor(Date.now() / 1000) + 6 * 60));
    expect(future.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(standIn.responses.filter((x) => x.id === 'bad3')).toEqual([]);
  });

  it('reads no body larger than Slack ever sends (even correctly signed), and bounds connections', async () => {
    const body = new URLSearchParams({
      command: '/cyberpact',
      text: 'help',
      channel_id: 'C1',
      team_id: 'T1',
      user_id: 'U1',
      response_url: standIn.responseUrl('big'),
      padding: 'a'.repeat(SLACK_BODY_LIMIT),
    }).toString();
    const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SECRET, body) }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    await new Promise((r) => setTimeout(r, 200));
    expect(standIn.responses.filter((x) => x.id === 'big')).toEqual([]);
    expect(adapter.httpServer!.maxConnections).toBe(SLACK_MAX_CONNECTIONS);
  });

  it('answers a mention in a thread, once even when Slack redelivers the event', async () => {
    const ev = { type: 'app_mention', user: 'U1', text: '<@UBOT> who is Guo Shengkun <!channel>', ts: '1700000000.000100', channel: 'C1', event_ts: '1700000000.000100' };
    expect((await event(ev, 'Ev1')).status).toBe(200);
    expect((await event(ev, 'Ev1', 1)).status).toBe(200);
    await waitFor(() => standIn.callsOf('chat.postMessage').length > 0);
    await new Promise((r) => setTimeout(r, 300));
    const posts = standIn.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700000000.000100');
    expect(posts).toHaveLength(1);
    expectValidBlocks(posts[0].args.blocks as SlackBlock[]);
    const all = JSON.stringify(posts[0].args);
    expect(all).toContain('Minister of Public Security, Guo Shengkun');
    expect(all).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U/);
  });

  it('answers a direct message', async () => {
    await event({ type: 'message', channel_type: 'im', user: 'U2', text: 'hotline', ts: '1700000001.000100', channel: 'D1' }, 'Ev2');
    await waitFor(() => standIn.callsOf('chat.postMessage').some((c) => c.args.channel === 'D1'));
    expect(JSON.stringify(standIn.callsOf('chat.postMessage').find((c) => c.args.channel === 'D1')!.args)).toContain('hotline');
  });
});

describe('Slack adapter, two instances sharing one database', () => {
  it('an event Slack retries to the other instance is answered once', async () => {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `cyberpact_slack_${process.pid}`;
    const standIn = new SlackStandIn();
    await standIn.start();
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const stores = [await PgStateStore.open({ connectionString: url, schema }), await PgStateStore.open({ connectionString: url, schema })];
    const adapters = await Promise.all(stores.map(async (events) => new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0, events, health: () => databaseHealth(events) })));
    try {
      for (const a of adapters) await a.start();
      const bases = adapters.map((a) => `http://127.0.0.1:${(a.httpServer!.address() as AddressInfo).port}`);
      const ev = { type: 'app_mention', user: 'U1', text: '<@UBOT> who is Guo Shengkun', ts: '1700000000.000900', channel: 'C1', event_ts: '1700000000.000900' };
      const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvShared1', event_time: 1, event: ev });
      const post = (base: string, retry?: number) =>
        fetch(`${base}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, body), ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}) },
          body,
        });
      for (const base of bases) expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true, database: 'up' });
      // The first delivery reaches one instance, Slack's retries the other (and the first again).
      expect((await post(bases[0])).status).toBe(200);
      expect((await post(bases[1], 1)).status).toBe(200);
      expect((await post(bases[0], 2)).status).toBe(200);
      await waitFor(() => standIn.callsOf('chat.postMessage').length > 0);
      await new Promise((r) => setTimeout(r, 300));
      expect(standIn.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700000000.000900')).toHaveLength(1);
    } finally {
      for (const a of adapters) await a.stop();
      for (const s of stores) await s.close();
      await standIn.stop();
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }, 30_000);
});

describe('Slack adapter installed through OAuth in several workspaces', () => {
  it("posts a digest to each workspace with that workspace's token, and refuses a workspace that has not installed it", async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    const { store } = await FileStateStore.open(await tempDir());
    const key = Buffer.alloc(32, 9);
    const installations = new SealedInstallations(store, key);
    for (const team of ['TA', 'TB'])
      await installations.storeInstallation({
        team: { id: team },
        enterprise: undefined,
        isEnterpriseInstall: false,
        bot: { token: `xoxb-${team}`, scopes: [], id: 'B', userId: 'UB' },
        user: { token: undefined, scopes: undefined, id: 'U' },
      });
    const config: SlackConfig = {
      mode: 'http',
      signingSecret: SECRET,
      apiUrl: standIn.apiUrl,
      port: 0,
      host: '127.0.0.1',
      digestManagers: [],
      oauth: { clientId: '1.2', clientSecret: 'cs', stateSecret: 'ss', tokenKey: key },
    };
    const adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0, store });
    try {
      await adapter.start();
      const digest: Reply = { kind: 'digest', visibility: 'public', summary: 'weekly', blocks: [{ type: 'paragraph', text: 'weekly' }] };
      await adapter.send({ platform: 'slack', id: 'CA1', team: 'TA' }, digest, { slot: '2026-11-23T09:00:00.000Z' });
      await adapter.send({ platform: 'slack', id: 'CB1', team: 'TB' }, digest, { slot: '2026-11-23T09:00:00.000Z' });
      expect(standIn.callsOf('chat.postMessage').map((c) => [c.args.channel, c.token])).toEqual([
        ['CA1', 'xoxb-TA'],
        ['CB1', 'xoxb-TB'],
      ]);
      expect(await adapter.delivered({ platform: 'slack', id: 'CA1', team: 'TA' }, { slot: '2026-11-23T09:00:00.000Z' })).toBe(true);
      expect(standIn.callsOf('conversations.history')[0].token).toBe('xoxb-TA');
      // A workspace that never installed the app (or uninstalled it) cannot be posted to: the channel is to blame, not the platform.
      await expect(adapter.send({ platform: 'slack', id: 'CZ1', team: 'TZ' }, digest)).rejects.toMatchObject({ failure: 'channel' });
      expect(JSON.stringify(await fs.readFile(store.file, 'utf8'))).not.toContain('xoxb-TA');
      // Installations that cannot be read (the database down): the platform is to blame, the channel keeps its subscription.
      store.installation = () => Promise.reject(new Error('connection refused'));
      await expect(adapter.send({ platform: 'slack', id: 'CA1', team: 'TA' }, digest)).rejects.toMatchObject({ failure: 'platform' });
    } finally {
      await adapter.stop();
      await standIn.stop();
    }
  });
});

describe('Slack rendering', () => {
  it('escapes &, <, > and defuses mass mentions', () => {
    expect(escapeSlack('a & b <!channel> <@U1> @here')).toBe('a &amp; b &lt;\u200b!channel&gt; &lt;\u200b@U1&gt; @\u200bhere');
  });

  it("links a citation to its article's address, with the characters that would end the link encoded", () => {
    const source = { id: 'f', title: 'Talks <!channel> resume', publisher: 'Wire', published: '2017-10-06', url: 'https://news.example/a?x=1|<@U1>&y=(2)' };
    const [m] = renderSlack({ kind: 'answer', visibility: 'public', summary: 's', blocks: [{ type: 'quote', text: 'They met.', source }] });
    const context = JSON.stringify(m.blocks[1]);
    expect(context).toContain('_<https://news.example/a?x=1%7C%3C@U1%3E&y=%282%29|Talks &lt;\u200b!channel&gt; resume — Wire, 6 Oct 2017>_');
    // Without an address, the citation is plain text.
    const [plain] = renderSlack({ kind: 'answer', visibility: 'public', summary: 's', blocks: [{ type: 'quote', text: 'They met.', source: { ...source, url: undefined } }] });
    expect(JSON.stringify(plain.blocks[1])).not.toContain('https://');
  });

  it('splits a large digest into valid messages', () => {
    const tl = manyMilestones(400);
    const reply = buildDigest({ timeline: tl, articles: [], now: new Date() }, { maxTimeline: 400, maxNew: 10, windowDays: 7 });
    const msgs = renderSlack(reply);
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) {
      expectValidBlocks(m.blocks);
      expect(m.text.length).toBeLessThanOrEqual(3000);
    }
    expect(msgs.map((m) => JSON.stringify(m.blocks)).join('')).toContain('Milestone 399');
  });
});

describe('Slack Socket Mode through a stand-in socket server', () => {
  it('connects (hello), acks a slash-command envelope and answers via response_url', async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'socket', appToken: 'xapp-test', apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0 });
    await adapter.start();
    try {
      expect(standIn.callsOf('apps.connections.open')).toHaveLength(1);
      await waitFor(() => standIn.socket !== undefined);
      const ack = await standIn.envelope('slash_commands', {
        command: '/cyberpact',
        text: 'sources',
        channel_id: 'C5',
        channel_name: 'random',
        team_id: 'T1',
        user_id: 'U1',
        response_url: standIn.responseUrl('s1'),
        trigger_id: 't',
      });
      expect(ack.envelope_id).toBeDefined();
      await waitFor(() => standIn.responses.some((x) => x.id === 's1'));
      const body = standIn.responses.find((x) => x.id === 's1')!.body;
      expect(body.response_type).toBe('in_channel');
      expect(JSON.stringify(body.blocks)).toContain('Computer Weekly, Apr 2013');
    } finally {
      await adapter.stop();
      await standIn.stop();
    }
  });
});

describe('Slack digest delivery', () => {
  it('delivers to two channels; one is gone: the other gets it once, the gone one is unsubscribed', async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    standIn.script.set('chat.postMessage', [
      (args) => (args.channel === 'CGONE' ? { body: { ok: false, error: 'channel_not_found' } } : undefined),
      (args) => (args.channel === 'CGONE' ? { body: { ok: false, error: 'channel_not_found' } } : undefined),
    ]);
    const dir = await tempDir();
    const { core, store } = await makeCore(dir);
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter(core, config, silentLogger(), { pacingMs: 0 });
    const chans = [
      { platform: 'slack' as const, id: 'COK', team: 'T1', name: 'ok' },
      { platform: 'slack' as const, id: 'CGONE', team: 'T1', name: 'gone' },
    ];
    for (const c of chans) await store.subscribe({ key: channelKey(c), channel: c, since: 'x' });
    const briefing = await seedBriefing();
    const scheduler = schedulerFor(adapter, store, briefing, new Date('2026-11-23T09:00:00Z'));
    try {
      const outcomes = await scheduler.runSlot(new Date('2026-11-23T09:00:00Z'));
      expect(outcomes.sort()).toEqual(['dropped', 'sent']);
      expect(standIn.callsOf('chat.postMessage').filter((c) => c.args.channel === 'COK')).toHaveLength(1);
      expect(store.read().subscriptions.map((s) => s.channel.id)).toEqual(['COK']);
      expect(await scheduler.runSlot(new Date('2026-11-23T09:00:00Z'))).toEqual(['skipped']);
    } finally {
      await scheduler.stop();
      await standIn.stop();
    }
  });

  it.each([
    ['invalid_auth', 'platform'],
    ['token_revoked', 'platform'],
    ['account_inactive', 'platform'],
    ['missing_scope', 'platform'],
    ['team_access_not_granted', 'platform'],
    ['channel_not_found', 'channel'],
    ['is_archived', 'channel'],
    ['internal_error', 'transient'],
  ])('a %s answer is a %s failure', async (error, failure) => {
    const standIn = new SlackStandIn();
    await standIn.start();
    standIn.script.set('chat.postMessage', [() => ({ body: { ok: false, error } })]);
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0 });
    try {
      await expect(adapter.send({ platform: 'slack', id: 'C1' }, { kind: 'info', visibility: 'public', summary: 'hi', blocks: [{ type: 'paragraph', text: 'hi' }] })).rejects.toMatchObject({
        failure,
      });
    } finally {
      await standIn.stop();
    }
  });

  it('a Web API call Slack never answers fails after the timeout (a transient failure), and the next post goes through', async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    standIn.hold = (call) => call.method === 'chat.postMessage' && call.args.channel === 'CHANG';
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0, apiTimeoutMs: 300, apiRetries: 1 });
    const reply: Reply = { kind: 'info', visibility: 'public', summary: 'hi', blocks: [{ type: 'paragraph', text: 'hi' }] };
    try {
      const t0 = Date.now();
      await expect(adapter.send({ platform: 'slack', id: 'CHANG' }, reply)).rejects.toMatchObject({ failure: 'transient' });
      expect(Date.now() - t0).toBeLessThan(5_000);
      await adapter.send({ platform: 'slack', id: 'COK' }, reply);
      expect(standIn.callsOf('chat.postMessage').filter((c) => c.args.channel === 'COK')).toHaveLength(1);
    } finally {
      await standIn.stop();
    }
  });

  it('a revoked token at start fails with a message naming SLACK_BOT_TOKEN, not a Web API stack', async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    standIn.script.set('auth.test', [() => ({ body: { ok: false, error: 'invalid_auth' } })]);
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0 });
    try {
      await expect(adapter.start()).rejects.toThrow(/^SLACK_BOT_TOKEN was rejected by Slack \(invalid_auth\)/);
    } finally {
      await standIn.stop();
    }
  });

  it("exactly once across a crash: killed between Slack's answer and the ledger write, the restart finds the digest by its metadata", async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    const { core, store } = await makeCore();
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter(core, config, silentLogger(), { pacingMs: 0 });
    const posted = { platform: 'slack' as const, id: 'CPOSTED', team: 'T1', name: 'posted' };
    const claimed = { platform: 'slack' as const, id: 'CCLAIMED', team: 'T1', name: 'claimed' };
    await store.subscribe({ key: channelKey(posted), channel: posted, since: 'x' });
    const SLOT = new Date('2026-11-23T09:00:00Z');
    const briefing = await seedBriefing();
    const scheduler = (afterDeliver?: (c: ChannelRef) => Promise<void>) => schedulerFor(adapter, store, briefing, SLOT, afterDeliver);
    const postsTo = (id: string) => standIn.callsOf('chat.postMessage').filter((c) => c.args.channel === id);
    try {
      // CPOSTED: the process dies after Slack's answer, before the ledger write.
      void scheduler(() => new Promise<void>(() => undefined)).runSlot(SLOT);
      await waitFor(() => postsTo('CPOSTED').length === 1);
      // CCLAIMED: a process died after claiming it, before posting.
      await store.subscribe({ key: channelKey(claimed), channel: claimed, since: 'x' });
      await store.claim({ channelKey: channelKey(claimed), slot: SLOT.toISOString(), at: SLOT.toISOString(), articleIds: [] });
      expect(store.read().ledger.map((e) => e.status)).toEqual(['claimed', 'claimed']);
      expect(postsTo('CPOSTED')[0].args.metadata).toEqual({ event_type: 'cyberpact_digest', event_payload: { slot: SLOT.toISOString() } });
      const after = scheduler();
      expect((await after.runSlot(SLOT)).sort()).toEqual(['sent', 'skipped']);
      expect(postsTo('CPOSTED')).toHaveLength(1);
      expect(postsTo('CCLAIMED')).toHaveLength(1);
      expect(store.read().ledger.map((e) => e.status)).toEqual(['sent', 'sent']);
      expect(
        standIn
          .callsOf('conversations.history')
          .map((c) => c.args.channel)
          .sort(),
      ).toEqual(['CCLAIMED', 'CPOSTED']);
      await after.stop();
    } finally {
      await standIn.stop();
    }
  });

  it("honours Slack's 429 Retry-After", async () => {
    const standIn = new SlackStandIn();
    await standIn.start();
    standIn.script.set('chat.postMessage', [() => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } })]);
    const config: SlackConfig = { botToken: 'xoxb-test', mode: 'http', signingSecret: SECRET, apiUrl: standIn.apiUrl, port: 0, host: '127.0.0.1', digestManagers: [] };
    const adapter = new SlackAdapter((await makeCore()).core, config, silentLogger(), { pacingMs: 0 });
    const t0 = Date.now();
    await adapter.send({ platform: 'slack', id: 'C1' }, { kind: 'info', visibility: 'public', summary: 'hi', blocks: [{ type: 'paragraph', text: 'hi' }] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(standIn.callsOf('chat.postMessage')).toHaveLength(2);
    await standIn.stop();
  });
});
