/**
 * Two bot processes (`node dist/src/main.js`) on one PostgreSQL database,
 * with the Slack stand-in: what "several instances" promises, end to end.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT, SEEDS, tempDir, until } from './helpers';
import { signedHeaders, SlackStandIn } from './support/slack-standin';

execFileSync(process.execPath, ['-e', "require('./scripts/build').ensureBuilt()"], { cwd: ROOT, stdio: 'ignore' });

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'replica-secret';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

describe('two bot processes on one database', () => {
  it('each subscribed channel gets each slot once though the slot fires in both, and a Slack retry to the other process is answered once', async () => {
    const schema = `cyberpact_replicas_${process.pid}`;
    const admin = new Client({ connectionString: URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    const slack = new SlackStandIn();
    await slack.start();
    const bots: ChildProcess[] = [];
    const ports = [await freePort(), await freePort()];
    try {
      for (const port of ports) {
        const bot = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
          env: {
            ...process.env,
            SEEDS_DIR: SEEDS,
            DATA_DIR: await tempDir(),
            DATABASE_URL: `${URL}?options=-c%20search_path%3D${schema}`,
            SLACK_BOT_TOKEN: 'xoxb-test',
            SLACK_SIGNING_SECRET: SECRET,
            SLACK_API_URL: slack.apiUrl,
            SLACK_DIGEST_MANAGERS: 'UMGR',
            PORT: String(port),
            HOST: '127.0.0.1',
            // A slot every other second, in both processes.
            DIGEST_CRON: '*/2 * * * * *',
            WATCH_SEEDS: 'false',
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        bots.push(bot);
      }
      const healthy = async (port: number) => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
        } catch {
          return false;
        }
      };
      for (const end = Date.now() + 30_000; !((await healthy(ports[0])) && (await healthy(ports[1]))); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() > end) throw new Error('the bots did not start');
      }
      expect(await (await fetch(`http://127.0.0.1:${ports[0]}/healthz`)).json()).toEqual({ ok: true, database: 'up' });

      // Each process subscribes a different channel.
      for (const [i, port] of ports.entries()) {
        const body = new URLSearchParams({
          command: '/cyberpact',
          text: 'subscribe',
          channel_id: `C${i + 1}`,
          channel_name: `news${i + 1}`,
          team_id: 'T1',
          user_id: 'UMGR',
          response_url: slack.responseUrl(`s${i}`),
        }).toString();
        await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SECRET, body) }, body });
      }
      await until(() => slack.responses.filter((r) => JSON.stringify(r.body).includes('Subscribed')).length === 2, 10_000);

      // Slots fire in both processes; every channel gets a digest, each (channel, slot) once.
      const digests = () => slack.callsOf('chat.postMessage').filter((c) => (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'cyberpact_digest');
      await until(() => new Set(digests().map((c) => c.args.channel)).size === 2, 20_000);
      await new Promise((r) => setTimeout(r, 4_000));
      const perSlot = new Map<string, number>();
      for (const c of digests()) {
        const k = `${String(c.args.channel)} ${String((c.args.metadata as { event_payload: { slot: string } }).event_payload.slot)}`;
        perSlot.set(k, (perSlot.get(k) ?? 0) + 1);
      }
      expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
      expect(new Set([...perSlot.keys()].map((k) => k.split(' ')[0]))).toEqual(new Set(['C1', 'C2']));

      // A mention delivered to one process and retried to the other is answered once.
      const ev = { type: 'app_mention', user: 'U1', text: '<@UBOT> hotline', ts: '1700000009.000100', channel: 'C1', event_ts: '1700000009.000100' };
      const event = JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvReplica', event_time: 1, event: ev });
      const post = (port: number, retry?: number) =>
        fetch(`http://127.0.0.1:${port}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, event), ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}) },
          body: event,
        });
      await post(ports[0]);
      await post(ports[1], 1);
      await until(() => slack.callsOf('chat.postMessage').some((c) => c.args.thread_ts === '1700000009.000100'), 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(slack.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1700000009.000100')).toHaveLength(1);
    } finally {
      for (const b of bots) b.kill('SIGTERM');
      await Promise.all(bots.map((b) => (b.exitCode === null ? new Promise((r) => b.once('exit', r)) : undefined)));
      await slack.stop();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }, 90_000);
});
