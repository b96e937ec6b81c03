import { REST } from 'discord.js';
import { DiscordAdapter } from '../../adapters/discord';
import { suggestions } from '../../adapters/discord/commands/cyberpact';
import { COMMAND_DEFINITIONS, registerCommands } from '../../adapters/discord/register';
import { DISCORD_LIMITS, renderDiscord } from '../../adapters/discord/render';
import type { DiscordConfig } from '../../src/config';
import { Core } from '../../src/chat/core';
import { buildDigest } from '../../src/timeline/digest';
import { silentLogger } from '../../src/log';
import { channelKey } from '../../src/state/store';
import { FileStateStore } from '../../src/state/file-store';
import { manyMilestones, seedBriefing, tempDir, until } from '../helpers';
import { schedulerFor } from '../support/scheduler';
import { DiscordStandIn, IDS, interaction, mentionMessage, PERMS, type RestCall } from '../support/discord-standin';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAy.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB';

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

type Body = {
  type?: number;
  data?: { flags?: number; embeds?: { description?: string; title?: string; footer?: { text: string } }[]; choices?: unknown[]; allowed_mentions?: { parse: string[] } };
  allowed_mentions?: { parse: string[] };
  embeds?: { description?: string }[];
  message_reference?: { message_id: string };
};
const bodyOf = (c: RestCall) => c.body as Body;

async function makeCore() {
  const briefing = await seedBriefing();
  const { store } = await FileStateStore.open(await tempDir());
  const core = new Core(briefing, { digest: { store, clock: () => new Date('2026-11-22T10:00:00Z'), describeSchedule: () => 'every Monday at 09:00 UTC' } });
  return { core, store, briefing };
}

describe('Discord command registration', () => {
  it('PUTs the /cyberpact definition to the guild, idempotently, and globally without a guild', async () => {
    const standIn = new DiscordStandIn();
    await standIn.start();
    try {
      const cfg: DiscordConfig = { token: TOKEN, applicationId: IDS.app, guildId: IDS.guild, apiUrl: standIn.api, registerOnStart: false };
      const rest = new REST({ api: standIn.api }).setToken(TOKEN);
      expect(await registerCommands(cfg, rest)).toEqual({ scope: 'guild', count: 1 });
      await registerCommands(cfg, rest);
      const puts = standIn.callsTo('PUT', `/applications/${IDS.app}/guilds/${IDS.guild}/commands`);
      expect(puts).toHaveLength(2);
      expect(puts[0].body).toEqual(puts[1].body);
      const [def] = puts[0].body as { name: string; options: { name: string; type: number; required: boolean; autocomplete: boolean; max_length: number }[] }[];
      expect(def.name).toBe('cyberpact');
      expect(def.options).toEqual([expect.objectContaining({ name: 'query', type: 3, required: true, autocomplete: true, max_length: 500 })]);
      await registerCommands({ ...cfg, guildId: undefined }, rest);
      expect(standIn.callsTo('PUT', `/applications/${IDS.app}/commands`)).toHaveLength(1);
      expect(COMMAND_DEFINITIONS[0].description.length).toBeLessThanOrEqual(100);
    } finally {
      await standIn.stop();
    }
  });
});

describe('Discord adapter, real discord.js against a stand-in REST API and gateway', () => {
  let standIn: DiscordStandIn;
  let adapter: DiscordAdapter;
  let slow: DiscordAdapter | undefined;

  beforeAll(async () => {
    standIn = new DiscordStandIn();
    await standIn.start();
    const cfg: DiscordConfig = { token: TOKEN, applicationId: IDS.app, guildId: IDS.guild, apiUrl: standIn.api, registerOnStart: true };
    adapter = new DiscordAdapter((await makeCore()).core, cfg, silentLogger());
    await adapter.start();
  }, 20_000);
  afterAll(async () => {
    await adapter.stop();
    await standIn.stop();
  });

  const callback = (id: string) => standIn.callsTo('POST', `/interactions/${id}/`).map(bodyOf)[0];

  it('identifies with only the non-privileged intents it needs and registered commands at start', () => {
    const identify = standIn.gatewayOps.find((o) => o.op === 2)!.d as { intents: number; token: string };
    expect(identify.intents).toBe(1 | (1 << 9) | (1 << 12));
    expect(identify.intents & (1 << 15)).toBe(0);
    expect(standIn.callsTo('PUT', '/commands')).toHaveLength(1);
    // Sharded as Discord recommends (discord.js's own sharding): asked, and identified as shard 0 of 1.
    expect(standIn.callsTo('GET', '/gateway/bot').length).toBeGreaterThan(0);
    expect((standIn.gatewayOps.find((o) => o.op === 2)!.d as { shard?: number[] }).shard).toEqual([0, 1]);
  });

  it('answers /cyberpact who attended publicly through the callback endpoint, with embeds', async () => {
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000001', type: 2, value: 'who attended' }));
    await waitFor(() => callback('400000000000000001') !== undefined);
    const b = callback('400000000000000001');
    expect(b.type).toBe(4);
    expect(b.data!.flags ?? 0).toBe(0);
    expect(b.data!.allowed_mentions).toEqual({ parse: [] });
    const e = b.data!.embeds![0];
    expect(e.title).toBe('who attended');
    expect(e.description).toContain('Max Baucus (U.S. ambassador to China)');
    expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(e.footer!.text).toMatch(/Source: .+ — .+, /);
  });

  it('help and refusals are ephemeral', async () => {
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000002', type: 2, value: 'help' }));
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000003', type: 2, value: 'tell me a joke' }));
    await waitFor(() => callback('400000000000000002') !== undefined && callback('400000000000000003') !== undefined);
    expect(callback('400000000000000002').data!.flags).toBe(64);
    expect(callback('400000000000000003').data!.flags).toBe(64);
  });

  it('suggests commands and questions as the user types (autocomplete)', async () => {
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000004', type: 4, value: 'sub', focused: true }));
    await waitFor(() => callback('400000000000000004') !== undefined);
    const b = callback('400000000000000004');
    expect(b.type).toBe(8);
    const names = (b.data!.choices as { name: string }[]).map((c) => c.name);
    expect(names.slice(0, 2).sort()).toEqual(['subscribe', 'subscriptions']);
    expect(suggestions('', []).length).toBeLessThanOrEqual(25);
    // Questions come from the loaded articles (Briefing.examples): typing "who" offers them.
    expect(suggestions('who', ['who is Ada Lovelace', "what's new"]).map((c) => c.name)).toEqual(['who is Ada Lovelace']);
  });

  it('refuses subscribe without Manage Channels (ephemeral) and accepts it with', async () => {
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000005', type: 2, value: 'subscribe', permissions: PERMS.sendMessages }));
    await waitFor(() => callback('400000000000000005') !== undefined);
    const denied = callback('400000000000000005');
    expect(denied.data!.flags).toBe(64);
    expect(denied.data!.embeds![0].description).toContain('Manage Channels');
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000006', type: 2, value: 'subscribe', permissions: PERMS.manageChannels }));
    await waitFor(() => callback('400000000000000006') !== undefined);
    expect(callback('400000000000000006').data!.embeds![0].description).toContain('Subscribed: #general');
  });

  it('answers a message that mentions the bot with a reply, pinging no one', async () => {
    standIn.dispatch('MESSAGE_CREATE', mentionMessage('500000000000000001', `<@${IDS.bot}> who is Max Baucus @everyone`));
    standIn.dispatch('MESSAGE_CREATE', mentionMessage('500000000000000002', 'a message without a mention', false));
    await waitFor(() => standIn.callsTo('POST', `/channels/${IDS.channel}/messages`).length > 0);
    await new Promise((r) => setTimeout(r, 200));
    const posts = standIn.callsTo('POST', `/channels/${IDS.channel}/messages`).map(bodyOf);
    expect(posts).toHaveLength(1);
    expect(posts[0].message_reference!.message_id).toBe('500000000000000001');
    expect(posts[0].allowed_mentions).toEqual(expect.objectContaining({ parse: [] }));
    expect(JSON.stringify(posts[0])).toContain('Max Baucus');
    expect(JSON.stringify(posts[0])).not.toContain('@everyone');
  });

  it('defers when the answer is not ready in time, then edits the reply', async () => {
    const gateway = new DiscordStandIn();
    await gateway.start();
    const cfg: DiscordConfig = { token: TOKEN, applicationId: IDS.app, apiUrl: gateway.api, registerOnStart: false };
    slow = new DiscordAdapter((await makeCore()).core, cfg, silentLogger(), { deferAfterMs: 0 });
    try {
      await slow.start();
      gateway.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000007', type: 2, value: 'what did the US and China agree to?' }));
      await waitFor(() => gateway.callsTo('PATCH', '/messages/@original').length > 0);
      expect(bodyOf(gateway.callsTo('POST', '/interactions/400000000000000007/')[0]).type).toBe(5);
      const edit = bodyOf(gateway.callsTo('PATCH', '/messages/@original')[0]) as { embeds: { description: string }[]; allowed_mentions: unknown };
      expect(edit.embeds[0].description).toContain('agreed');
      expect(edit.allowed_mentions).toEqual({ parse: [] });
      // A private answer after a deferral: the public placeholder is deleted, the answer follows up ephemerally.
      gateway.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000008', type: 2, value: 'help' }));
      await waitFor(() => gateway.callsTo('POST', '/webhooks/').length > 0);
      expect(gateway.callsTo('DELETE', '/messages/@original')).toHaveLength(1);
      expect(bodyOf(gateway.callsTo('POST', '/webhooks/')[0]) as { flags: number }).toMatchObject({ flags: 64 });
    } finally {
      await slow.stop();
      await gateway.stop();
    }
  });

  it('when the interaction has expired (Unknown interaction), says so in the channel instead of crashing', async () => {
    const id = '400000000000000009';
    const expired = { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
    const isCallback = (c: RestCall) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`);
    standIn.script.push({ match: isCallback, ...expired }, { match: isCallback, ...expired });
    const before = standIn.callsTo('POST', `/channels/${IDS.channel}/messages`).length;
    standIn.dispatch('INTERACTION_CREATE', interaction({ id, type: 2, value: 'who attended' }));
    await waitFor(() => standIn.callsTo('POST', `/channels/${IDS.channel}/messages`).length > before);
    expect(standIn.callsTo('POST', `/interactions/${id}/`)).toHaveLength(2);
    const notice = bodyOf(standIn.callsTo('POST', `/channels/${IDS.channel}/messages`)[before]) as { content: string; allowed_mentions: unknown };
    expect(notice.content).toMatch(/something went wrong/i);
    expect(notice.allowed_mentions).toEqual({ parse: [] });
    // The adapter still answers the next command.
    standIn.dispatch('INTERACTION_CREATE', interaction({ id: '400000000000000010', type: 2, value: 'help' }));
    await waitFor(() => callback('400000000000000010') !== undefined);
  });

  it('every message the bot sent carried allowed_mentions that ping no one', () => {
    const sent = standIn.calls.filter((c) => c.method !== 'GET' && (c.path.includes('/messages') || c.path.includes('/callback')) && c.method !== 'DELETE');
    expect(sent.length).toBeGreaterThan(5);
    for (const c of sent) {
      const b = c.body as Body;
      if (b.type === 8 || b.type === 5) continue; // autocomplete choices and deferrals carry no message
      const am = b.data?.allowed_mentions ?? b.allowed_mentions;
      expect(am?.parse).toEqual([]);
    }
  });
});

describe('Discord digest delivery', () => {
  it('delivers to two channels; one is deleted: the other gets it once, the deleted one is unsubscribed', async () => {
    const standIn = new DiscordStandIn();
    await standIn.start();
    const { core, store, briefing } = await makeCore();
    const cfg: DiscordConfig = { token: TOKEN, applicationId: IDS.app, apiUrl: standIn.api, registerOnStart: false };
    const adapter = new DiscordAdapter(core, cfg, silentLogger());
    adapter.client.rest.setToken(TOKEN);
    const chans = [
      { platform: 'discord' as const, id: IDS.other, team: IDS.guild, name: 'briefings' },
      { platform: 'discord' as const, id: IDS.gone, team: IDS.guild, name: 'deleted' },
    ];
    for (const c of chans) await store.subscribe({ key: channelKey(c), channel: c, since: 'x' });
    const scheduler = schedulerFor(adapter, store, briefing, new Date('2026-11-23T09:00:00Z'));
    try {
      expect((await scheduler.runSlot(new Date('2026-11-23T09:00:00Z'))).sort()).toEqual(['dropped', 'sent']);
      const ok = standIn.callsTo('POST', `/channels/${IDS.other}/messages`);
      expect(ok).toHaveLength(1);
      expect((ok[0].body as Body).allowed_mentions).toEqual({ parse: [] });
      expect(store.read().subscriptions.map((s) => s.channel.id)).toEqual([IDS.other]);
    } finally {
      await scheduler.stop();
      await adapter.stop();
      await standIn.stop();
    }
  });
});

describe('Discord delivery failures', () => {
  it.each([
    [401, 0, 'Unauthorized', 'platform'],
    [404, 10003, 'Unknown Channel', 'channel'],
    [403, 50001, 'Missing Access', 'channel'],
    [500, 0, 'Internal Server Error', 'transient'],
  ])('HTTP %p (code %p, %s) is a %s failure', async (status, code, message, failure) => {
    const standIn = new DiscordStandIn();
    await standIn.start();
    const { core } = await makeCore();
    const adapter = new DiscordAdapter(core, { token: TOKEN, applicationId: IDS.app, apiUrl: standIn.api, registerOnStart: false }, silentLogger());
    adapter.client.rest.setToken(TOKEN);
    // 5xx answers are retried by discord.js itself: answer every attempt the same way.
    for (let i = 0; i < 5; i++) standIn.script.push({ match: (c) => c.method === 'POST' && c.path.endsWith('/messages'), status, body: { message, code } });
    try {
      await expect(adapter.send({ platform: 'discord', id: IDS.other }, { kind: 'info', visibility: 'public', summary: 'hi', blocks: [{ type: 'paragraph', text: 'hi' }] })).rejects.toMatchObject({
        failure,
      });
    } finally {
      await adapter.stop();
      await standIn.stop();
    }
  });
});

describe('Discord digest: exactly once across a crash', () => {
  const SLOT = new Date('2026-11-23T09:00:00Z');
  const setup = async () => {
    const standIn = new DiscordStandIn();
    await standIn.start();
    const { core, store, briefing } = await makeCore();
    const adapter = new DiscordAdapter(core, { token: TOKEN, applicationId: IDS.app, apiUrl: standIn.api, registerOnStart: false }, silentLogger());
    adapter.client.rest.setToken(TOKEN);
    const chan = { platform: 'discord' as const, id: IDS.other, team: IDS.guild, name: 'briefings' };
    await store.subscribe({ key: channelKey(chan), channel: chan, since: 'x' });
    const scheduler = (afterDeliver?: () => Promise<void>) => schedulerFor(adapter, store, briefing, SLOT, afterDeliver);
    const posts = () => standIn.posted.get(IDS.other) ?? [];
    return { standIn, store, adapter, scheduler, posts };
  };

  it("killed between Discord's answer and the ledger write: the restart finds the digest and posts nothing", async () => {
    const { standIn, adapter, scheduler, posts, store } = await setup();
    try {
      // The first process "dies" after the post: its ledger write never happens.
      void scheduler(() => new Promise<void>(() => undefined)).runSlot(SLOT);
      await until(() => posts().length > 0);
      expect(store.read().ledger[0].status).toBe('claimed');
      const after = scheduler();
      expect(await after.runSlot(SLOT)).toEqual(['skipped']);
      expect(posts()).toHaveLength(1);
      expect(store.read().ledger[0].status).toBe('sent');
      expect(JSON.stringify(posts()[0].embeds)).toContain('digest 2026-11-23T09:00Z');
      await after.stop();
    } finally {
      await adapter.stop();
      await standIn.stop();
    }
  });

  it('killed after claiming, before posting: the restart finds nothing and posts once; a repeated send is answered by its nonce', async () => {
    const { standIn, adapter, scheduler, posts, store } = await setup();
    try {
      await store.claim({ channelKey: (await store.subscriptions())[0].key, slot: SLOT.toISOString(), at: SLOT.toISOString(), articleIds: [] });
      const after = scheduler();
      expect(await after.runSlot(SLOT)).toEqual(['sent']);
      expect(posts()).toHaveLength(1);
      const body = standIn.callsTo('POST', `/channels/${IDS.other}/messages`)[0].body as Body;
      expect(body).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/^.{1,25}$/) });
      // The same part sent again (a retry after a lost answer) is not posted twice.
      await adapter.send({ platform: 'discord', id: IDS.other }, buildDigest({ timeline: [], articles: [], now: SLOT }), { slot: SLOT.toISOString() });
      expect(posts()).toHaveLength(1);
      await after.stop();
    } finally {
      await adapter.stop();
      await standIn.stop();
    }
  });
});

describe('Discord rendering', () => {
  it('splits a large digest into messages within embed limits', () => {
    const tl = manyMilestones(400);
    const payloads = renderDiscord(buildDigest({ timeline: tl, articles: [], now: new Date() }, { maxTimeline: 400, maxNew: 10, windowDays: 7 }));
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) {
      expect(p.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      const total = p.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
      expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
      for (const e of p.embeds) expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    }
  });

  it("links a citation to its article's address (a masked link), with the characters that would end it encoded", () => {
    const source = { id: 'f', title: 'Talks @everyone resume', publisher: 'Wire', published: '2017-10-06', url: 'https://news.example/a_(b)' };
    const [p] = renderDiscord({ kind: 'info', visibility: 'public', summary: 's', blocks: [{ type: 'list', items: [{ text: 'They met.', source }] }] });
    expect(p.embeds[0].description).toContain('*[Talks @\u200beveryone resume — Wire, 6 Oct 2017](https://news.example/a%5F%28b%29)*');
  });

  it('escapes markdown from articles and questions', () => {
    const [p] = renderDiscord({ kind: 'info', visibility: 'public', summary: 's', blocks: [{ type: 'paragraph', text: '*bold* _it_ `code` @here' }] });
    expect(p.embeds[0].description).toBe('\\*bold\\* \\_it\\_ \\`code\\` @\u200bhere');
  });
});
