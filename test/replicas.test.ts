/**
 * Two bot processes (`node dist/src/main.js`) on one PostgreSQL database,
 * with the Slack stand-in: what "several instances" promises, end to end.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, ROOT, SEEDS, tempDir, until } from './helpers';
import { signedHeaders, SlackStandIn } from './support/slack-standin';

execFileSync(process.execPath, ['-e', "require('./scripts/build').ensureBuilt()"], { cwd: ROOT, stdio: 'ignore' });

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'replica-secret';

/** A bot process on the shared database, answering Slack on `port` (its Web API calls go to `apiUrl`). */
async function bot(schema: string, apiUrl: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  return spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      SEEDS_DIR: SEEDS,
      DATA_DIR: await tempDir(),
      DATABASE_URL: `${URL}?options=-c%20search_path%3D${schema}`,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      SLACK_DIGEST_MANAGERS: 'UMGR',
      PORT: String(port),
      HOST: '127.0.0.1',
      // A slot every other second, in both processes.
      DIGEST_CRON: '*/2 * * * * *',
      WATCH_SEEDS: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

async function bothReady(ports: number[]): Promise<void> {
  for (const end = Date.now() + 30_000; !((await healthy(ports[0])) && (await healthy(ports[1]))); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error('the bots did not start');
  }
}

async function subscribe(slack: SlackStandIn, port: number, channel: string): Promise<void> {
  const body = new URLSearchParams({
    command: '/cyberpact',
    text: 'subscribe',
    channel_id: channel,
    channel_name: channel.toLowerCase(),
    team_id: 'T1',
    user_id: 'UMGR',
    response_url: slack.responseUrl(`sub-${channel}`),
  }).toString();
  await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SECRET, body) }, body });
  await until(() => slack.responses.some((r) => r.id === `sub-${channel}` && JSON.stringify(r.body).includes('Subscribed')), 10_000);
}

/** Digest posts the platform completed (not held), by channel and slot. */
function postsPerSlot(slack: SlackStandIn): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of slack.callsOf('chat.postMessage')) {
    const meta = c.args.metadata as { event_type?: string; event_payload?: { slot?: string } } | undefined;
    if (c.held || meta?.event_type !== 'cyberpact_digest') continue;
    const k = `${String(c.args.channel)} ${String(meta.event_payload?.slot)}`;
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

async function withSchema<T>(name: string, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `cyberpact_${name}_${process.pid}`;
  const admin = new Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  try {
    return await work(schema);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function stopAll(bots: ChildProcess[]): Promise<void> {
  for (const b of bots) if (b.exitCode === null && b.signalCode === null) b.kill('SIGTERM');
  await Promise.all(bots.map((b) => (b.exitCode === null && b.signalCode === null ? new Promise((r) => b.once('exit', r)) : undefined)));
}

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
      for (const port of ports) bots.push(await bot(schema, slack.apiUrl, port));
      await bothReady(ports);
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
      await stopAll(bots);
      await slack.stop();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }, 90_000);

  it('a replica killed in the middle of a slot: the other takes its claim once the lease is over, finds the digest never arrived, and posts it once', async () => {
    await withSchema('killed', async (schema) => {
      const slack = new SlackStandIn();
      await slack.start();
      const ports = [await freePort(), await freePort()];
      const names = ['a', 'b'];
      const bots: ChildProcess[] = [];
      try {
        for (const [i, port] of ports.entries()) bots.push(await bot(schema, slack.apiUrlFor(names[i]), port, { DIGEST_CLAIM_LEASE_SECONDS: '3' }));
        await bothReady(ports);
        // The first digest post to C3 hangs: whichever process made it is then killed, its claim held.
        let victim: string | undefined;
        slack.hold = (c) => {
          if (victim || c.method !== 'chat.postMessage' || c.args.channel !== 'C3') return false;
          victim = c.via;
          return true;
        };
        await subscribe(slack, ports[0], 'C3');
        await until(() => victim !== undefined, 15_000);
        bots[names.indexOf(victim!)].kill('SIGKILL');
        const survivor = names.find((n) => n !== victim)!;
        // The survivor leaves the claim alone for the lease, then asks Slack (the hung post is not in the channel) and posts it.
        // (Later slots, one every other second, are posted by the survivor meanwhile: the held slot's post is the one to wait for.)
        const slotOf = (c: { args: Record<string, unknown> }) => (c.args.metadata as { event_payload?: { slot?: string } } | undefined)?.event_payload?.slot;
        const heldSlot = slotOf(slack.calls.find((c) => c.held)!);
        const completed = () => slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C3' && !c.held && slotOf(c) === heldSlot);
        await until(() => completed().length > 0, 20_000);
        expect(completed()[0].via).toBe(survivor);
        expect(slack.callsOf('conversations.history').some((c) => c.via === survivor && c.args.channel === 'C3')).toBe(true);
        await new Promise((r) => setTimeout(r, 3_000));
        const perSlot = postsPerSlot(slack);
        expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
        expect(perSlot.get(`C3 ${heldSlot}`)).toBe(1);
      } finally {
        await stopAll(bots);
        await slack.stop();
      }
    });
  }, 90_000);
});
