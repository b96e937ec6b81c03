import { Client } from 'pg';
import { main, start } from '../src/main';
import { loadConfig, secretsOf } from '../src/config';
import { createLogger, silentLogger } from '../src/log';
import { FileStateStore } from '../src/state/file-store';
import { PassThrough } from 'node:stream';
import { channelKey } from '../src/state/store';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { captureLogger, copySeeds, freePort, SEEDS, seedFile, tempDir, until, untilAsync } from './helpers';
import { DiscordStandIn, IDS } from './support/discord-standin';
import { signedHeaders, SlackStandIn } from './support/slack-standin';
import { fixtureArticle, startNewsServer } from '../scripts/news-server';

/** The terminal chat's streams for `start`, and what the bot has written to it so far. */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let said = '';
  output.on('data', (d: Buffer) => (said += d.toString()));
  return { input, output, interactive: false, said: () => said };
}

/** An article for the tests that add one to the seeds, and the check that the terminal chat answers from it. */
const LISBON = seedFile('Delegates meet in Lisbon', 'Delegates from both countries met in Lisbon to review the cyber pact.');
async function expectLisbonAnswered(chat: ReturnType<typeof terminal>): Promise<void> {
  chat.input.write('where did the delegates meet\n');
  await until(() => chat.said().includes('Lisbon'), 15_000);
  expect(chat.said()).toContain('met in Lisbon');
}

describe('composition root', () => {
  it('starts Slack (HTTP) and Discord together from the environment, serves, and shuts down cleanly', async () => {
    const slack = new SlackStandIn();
    const discord = new DiscordStandIn();
    await slack.start();
    await discord.start();
    const dataDir = await tempDir();
    // A Discord channel subscribed earlier, in the server the stand-in serves.
    const discordChannel = { platform: 'discord' as const, id: IDS.channel, team: IDS.guild, name: 'news' };
    await (await FileStateStore.open(dataDir)).store.subscribe({ key: channelKey(discordChannel), channel: discordChannel, since: '2026-11-01T00:00:00.000Z' });
    // A free port for the HTTP receiver.
    const port = await freePort();
    const config = loadConfig({
      SEEDS_DIR: SEEDS,
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_DIGEST_MANAGERS: 'U1',
      DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAy.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB',
      DISCORD_APPLICATION_ID: IDS.app,
      DISCORD_GUILD_ID: IDS.guild,
      DISCORD_API_URL: discord.api,
    });
    const running = await start(config, silentLogger());
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(discord.callsTo('PUT', `/guilds/${IDS.guild}/commands`)).toHaveLength(1);
      const body = new URLSearchParams({
        command: '/cyberpact',
        text: 'subscribe',
        channel_id: 'C1',
        channel_name: 'general',
        team_id: 'T1',
        user_id: 'U1',
        response_url: slack.responseUrl('m1'),
      }).toString();
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders('secret', body) }, body });
      await until(() => slack.responses.length > 0);
      expect(JSON.stringify(slack.responses[0].body)).toContain('Subscribed: #general');
      // Read from the file (opening a second store on the running bot's DATA_DIR would clean up its writes).
      const subscribed = async () =>
        (JSON.parse(await fs.readFile(path.join(dataDir, 'state.json'), 'utf8')) as { subscriptions: { channel: { id: string } }[] }).subscriptions.map((s) => s.channel.id);
      expect((await subscribed()).sort()).toEqual(['C1', IDS.channel].sort());
      // Uninstalled from the Slack workspace, removed from the Discord server: their subscriptions go.
      const uninstalled = JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvUninstall', event_time: 1, event: { type: 'app_uninstalled' } });
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders('secret', uninstalled) }, body: uninstalled });
      await untilAsync(async () => !(await subscribed()).includes('C1'));
      expect(await subscribed()).toEqual([IDS.channel]);
      discord.dispatch('GUILD_DELETE', { id: IDS.guild });
      await untilAsync(async () => (await subscribed()).length === 0);
      expect(await subscribed()).toEqual([]);
    } finally {
      await running.stop();
      await slack.stop();
      await discord.stop();
    }
  }, 30_000);

  it('Slack installable in any workspace: the OAuth flow keeps the installation sealed, its token answers that workspace, and uninstalling forgets it', async () => {
    const slack = new SlackStandIn();
    await slack.start();
    const dataDir = await tempDir();
    const port = await freePort();
    const config = loadConfig({
      SEEDS_DIR: SEEDS,
      DATA_DIR: dataDir,
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    // At LOG_LEVEL=debug the libraries log the token exchange's request and answer: no secret may show.
    const logged: string[] = [];
    const running = await start(config, createLogger('debug', { secrets: secretsOf(config), out: { write: (line: string) => logged.push(line) } }));
    const base = `http://127.0.0.1:${port}`;
    try {
      // /slack/install sends the browser to Slack's authorize page with a state, and sets the state's cookie.
      const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
      expect(install.status).toBe(302);
      const authorize = new URL(install.headers.get('location')!);
      expect(authorize.searchParams.get('client_id')).toBe('1111.2222');
      expect(authorize.searchParams.get('scope')).toContain('chat:write');
      const state = authorize.searchParams.get('state')!;
      const cookie = install.headers.get('set-cookie')!.split(';')[0];
      // Slack sends the browser back with a code; the app exchanges it (oauth.v2.access) and keeps the installation.
      const back = await fetch(`${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
      expect(back.status).toBe(200);
      expect(slack.callsOf('oauth.v2.access')[0].args).toMatchObject({ code: 'the-code' });
      // The state is good once: the same redirect replayed installs nothing.
      const replay = await fetch(`${base}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
      expect(replay.status).not.toBe(200);
      expect(slack.callsOf('oauth.v2.access')).toHaveLength(1);
      const stateFile = await fs.readFile(path.join(dataDir, 'state.json'), 'utf8');
      expect(Object.keys((JSON.parse(stateFile) as { installations: Record<string, string> }).installations)).toEqual(['T2']);
      expect(stateFile).not.toContain('xoxb-T2-installed');
      // A mention in that workspace is answered with that workspace's token.
      const mention = JSON.stringify({
        type: 'event_callback',
        team_id: 'T2',
        api_app_id: 'A1',
        event_id: 'EvT2',
        event_time: 1,
        authorizations: [{ team_id: 'T2', user_id: 'UBOT2', is_bot: true, is_enterprise_install: false }],
        event: { type: 'app_mention', user: 'U5', text: '<@UBOT2> hotline', ts: '1700000002.000100', channel: 'C9', event_ts: '1700000002.000100' },
      });
      await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders('secret', mention) }, body: mention });
      await until(() => slack.callsOf('chat.postMessage').some((c) => c.args.channel === 'C9'), 15_000);
      const answer = slack.callsOf('chat.postMessage').find((c) => c.args.channel === 'C9')!;
      expect(answer.token).toBe('xoxb-T2-installed');
      expect(JSON.stringify(answer.args)).toContain('hotline');
      // Uninstalled: the installation is forgotten.
      const uninstalled = JSON.stringify({ type: 'event_callback', team_id: 'T2', api_app_id: 'A1', event_id: 'EvT2gone', event_time: 1, event: { type: 'app_uninstalled' } });
      await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders('secret', uninstalled) }, body: uninstalled });
      const installations = async () => Object.keys((JSON.parse(await fs.readFile(path.join(dataDir, 'state.json'), 'utf8')) as { installations?: Record<string, string> }).installations ?? {});
      await untilAsync(async () => (await installations()).length === 0);
      expect(await installations()).toEqual([]);
      const log = logged.join('');
      expect(log).toContain('oauth.v2.access');
      for (const secret of ['client-secret', 'state-secret', 'xoxb-T2-installed', Buffer.alloc(32, 7).toString('base64')]) expect(log).not.toContain(secret);
    } finally {
      await running.stop();
      await slack.stop();
    }
  }, 30_000);

  it('a start without Slack configured keeps every Slack subscription when a digest slot is due', async () => {
    const dataDir = await tempDir();
    const slackChannel = { platform: 'slack' as const, id: 'C9', team: 'T1', name: 'news' };
    const { store } = await FileStateStore.open(dataDir);
    await store.subscribe({ key: channelKey(slackChannel), channel: slackChannel, since: '2026-11-01T00:00:00.000Z' });
    // Every minute is a slot and the catch-up runs at start: a due slot, with only the terminal chat.
    const config = loadConfig({ SEEDS_DIR: SEEDS, DATA_DIR: dataDir, DIGEST_CRON: '* * * * *', DIGEST_CATCHUP_HOURS: '1' });
    const { log, lines } = captureLogger();
    const input = new PassThrough();
    const running = await start(config, log, { input, output: new PassThrough(), interactive: false });
    await running.stop();
    input.end();
    const after = (await FileStateStore.open(dataDir)).store.read();
    expect(after.subscriptions.map((s) => s.channel.id)).toEqual(['C9']);
    expect(after.ledger.find((e) => e.channelKey === channelKey(slackChannel))?.status).toBe('failed');
    expect(lines.some((l) => l.msg.includes('no slack connection is configured') && l.msg.includes('no channel was unsubscribed'))).toBe(true);
    expect(lines.some((l) => l.msg.includes('unsubscribed it'))).toBe(false);
  }, 30_000);

  it('two bots on one database (DATABASE_URL) share the subscriptions, and a slot due in both is posted once', async () => {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `cyberpact_main_${process.pid}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    // Today's 00:00 UTC slot is due for a day: every start catches it up.
    const env = (dataDir: string) =>
      loadConfig({ SEEDS_DIR: SEEDS, DATA_DIR: dataDir, DATABASE_URL: `${url}?options=-c%20search_path%3D${schema}`, DIGEST_CRON: '0 0 * * *', DIGEST_CATCHUP_HOURS: '24', WATCH_SEEDS: 'false' });
    const [dirA, dirB] = [await tempDir(), await tempDir()];
    const chats: ReturnType<typeof terminal>[] = [];
    const bot = async (dir: string) => {
      const chat = terminal();
      chats.push(chat);
      return { chat, running: await start(env(dir), silentLogger(), chat) };
    };
    const digests = () => chats.reduce((n, c) => n + (c.said().match(/Weekly digest/g) ?? []).length, 0);
    try {
      const a = await bot(dirA);
      a.chat.input.write('subscribe\n');
      await until(() => a.chat.said().includes('Subscribed'));
      // The other bot, on its own DATA_DIR, finds the subscription in the database and catches the slot up at its start.
      const b = await bot(dirB);
      expect(b.chat.said()).toContain('Weekly digest');
      // The first one, restarted, finds the slot taken and posts nothing.
      await a.running.stop();
      const again = await bot(dirA);
      await again.running.stop();
      await b.running.stop();
      expect(digests()).toBe(1);
      const rows = await admin.query(`SELECT channel_key, status FROM ${schema}.deliveries`);
      expect(rows.rows).toEqual([{ channel_key: 'console::terminal', status: 'sent' }]);
    } finally {
      for (const c of chats) c.input.end();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }, 60_000);

  it('refuses a second instance on the same DATA_DIR, naming the process that holds it', async () => {
    const dataDir = await tempDir();
    const config = loadConfig({ SEEDS_DIR: SEEDS, DATA_DIR: dataDir });
    const input = new PassThrough();
    const running = await start(config, silentLogger(), { input, output: new PassThrough(), interactive: false });
    try {
      await expect(start(config, silentLogger(), { input: new PassThrough(), output: new PassThrough(), interactive: false })).rejects.toThrow(
        new RegExp(`DATA_DIR .* is in use by process ${process.pid}`),
      );
    } finally {
      await running.stop();
      input.end();
    }
    // Stopped: the folder is free again.
    const again = await start(config, silentLogger(), { input: new PassThrough(), output: new PassThrough(), interactive: false });
    await again.stop();
  }, 30_000);

  it('an article dropped into the seeds folder while the bot runs is answered in the chat, and logged', async () => {
    const seeds = await copySeeds();
    const config = loadConfig({ SEEDS_DIR: seeds, DATA_DIR: await tempDir() });
    const { log, lines } = captureLogger();
    const chat = terminal();
    const { input } = chat;
    const running = await start(config, log, chat);
    try {
      await fs.writeFile(path.join(seeds, 'zz_lisbon.txt'), LISBON);
      await until(() => lines.some((l) => l.msg === 'seeds changed: corpus reloaded'));
      expect(lines.find((l) => l.msg === 'seeds changed: corpus reloaded')).toMatchObject({ articles: 6, reused: 5, analysed: 1 });
      await expectLisbonAnswered(chat);
    } finally {
      await running.stop();
      input.end();
    }
  }, 30_000);

  it('with FEEDS set, it reads the feed, answers from the kept article with its address, and the digest opens with what is new', async () => {
    const news = await startNewsServer();
    news.article(fixtureArticle('relevant/law-enforcement-2017', '/news/law'));
    news.article(fixtureArticle('irrelevant/football', '/sport/final'));
    news.feed('/rss.xml', 'rss', 'Fixture Wire', () => [
      { id: 'urn:law', path: '/news/law', title: 'Washington and Beijing hold law enforcement and cybersecurity dialogue', published: '2017-10-06' },
      { id: 'urn:football', path: '/sport/final', title: 'Late goal sends United into the cup final', published: '2026-11-20' },
    ]);
    const dataDir = await tempDir();
    // The console channel had a digest before: the next one says what is new since.
    const { store } = await FileStateStore.open(dataDir);
    const consoleChannel = { platform: 'console' as const, id: 'terminal', name: 'terminal' };
    await store.subscribe({ key: channelKey(consoleChannel), channel: consoleChannel, since: '2026-11-01T00:00:00.000Z' });
    const ids = (await fs.readdir(SEEDS)).map((f) => f.replace(/\.txt$/, ''));
    await store.claim({ channelKey: channelKey(consoleChannel), slot: '2026-11-16T09:00:00.000Z', at: '2026-11-16T09:00:00.000Z', articleIds: ids });
    await store.record(channelKey(consoleChannel), '2026-11-16T09:00:00.000Z', { status: 'sent', attempts: 1, at: '2026-11-16T09:00:01.000Z' });
    await store.close();
    const config = loadConfig({ SEEDS_DIR: SEEDS, DATA_DIR: dataDir, FEEDS: `${news.base}/rss.xml`, FEEDS_ALLOW_PRIVATE: '1' });
    const { log, lines } = captureLogger();
    const chat = terminal();
    const running = await start(config, log, chat);
    try {
      await until(() => lines.some((l) => l.msg === 'seeds changed: corpus reloaded'), 20_000);
      expect(lines.find((l) => l.msg === 'new articles from feeds')).toMatchObject({ kept: 1, items: 2 });
      expect(lines.some((l) => l.msg.includes('not about the corpus subject'))).toBe(true);
      chat.input.write('who did Jeff Sessions meet\n');
      await until(() => chat.said().includes('Zhao Kezhi'), 15_000);
      expect(chat.said()).toContain(`<${news.base}/news/law>`);
      chat.input.write('digest\n');
      await until(() => chat.said().includes('Latest milestones'), 15_000);
      const digest = chat.said().slice(chat.said().indexOf('Weekly digest'));
      expect(digest).toContain('== New since the last digest ==');
      expect(digest).toContain('1 new article:');
      expect(digest).toContain('Washington and Beijing hold law enforcement and cybersecurity dialogue — The United States and China held their first law enforcement');
      expect(digest).not.toContain('cup final');
      chat.input.write('feeds\n');
      await until(() => chat.said().includes('(set by the operator)'), 15_000);
    } finally {
      await running.stop();
      chat.input.end();
      await news.close();
    }
  }, 40_000);

  it('after the seeds changed while it was stopped, it starts from the corpus built last and reads the changes before its first digest', async () => {
    const seeds = await copySeeds();
    const dataDir = await tempDir();
    const config = loadConfig({ SEEDS_DIR: seeds, DATA_DIR: dataDir });
    const first = await start(config, silentLogger(), { input: new PassThrough(), output: new PassThrough(), interactive: false });
    await first.stop();
    await fs.writeFile(path.join(seeds, 'zz_lisbon.txt'), LISBON);
    const { log, lines } = captureLogger();
    const chat = terminal();
    const { input } = chat;
    const running = await start(config, log, chat);
    try {
      const messages = lines.map((l) => l.msg);
      expect(messages).toContain('corpus loaded as last built; the seeds changed since, reading the changes');
      // start() returns once the changes are read (the digest schedule starts after them).
      expect(lines.find((l) => l.msg === 'seeds changed: corpus reloaded')).toMatchObject({ articles: 6, reused: 5, analysed: 1 });
      expect(messages.indexOf('seeds changed: corpus reloaded')).toBeLessThan(messages.indexOf('started'));
      await expectLisbonAnswered(chat);
    } finally {
      await running.stop();
      input.end();
    }
  }, 60_000);

  it('npm start -- --help and --version answer without starting anything', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (written.push(String(s)), true));
    try {
      main(['--help']);
      main(['--version']);
    } finally {
      spy.mockRestore();
    }
    expect(written[0]).toMatch(/^Usage: npm start/);
    expect(written[0]).toContain('.env.example');
    expect(written[1]).toMatch(/^cyberpact \d+\.\d+\.\d+/);
  });
});
