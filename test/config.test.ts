import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as ConfigError).problems.join('\n');
  }
  return '';
};

describe('configuration', () => {
  it('defaults to the terminal chat with documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ seedsDir: './seeds', watchSeeds: true, dataDir: './data', digest: { cron: '0 9 * * 1', timezone: 'UTC', catchupHours: 24, claimLeaseMs: 900_000 } });
    expect(loadConfig({ DIGEST_CLAIM_LEASE_SECONDS: '3' }).digest.claimLeaseMs).toBe(3000);
    expect(problems({ DIGEST_CLAIM_LEASE_SECONDS: '0' })).toContain('DIGEST_CLAIM_LEASE_SECONDS must be at least 1');
    expect(c.slack).toBeUndefined();
    expect(c.discord).toBeUndefined();
  });

  it('names each malformed variable', () => {
    const p = problems({ DIGEST_CRON: '61 * * * *', DIGEST_TIMEZONE: 'Mars/Olympus', PORT: 'http', DIGEST_CATCHUP_HOURS: '-1', SLACK_API_URL: 'ftp://x', WATCH_SEEDS: 'sometimes' });
    for (const v of ['DIGEST_CRON', 'DIGEST_TIMEZONE', 'PORT', 'DIGEST_CATCHUP_HOURS', 'SLACK_API_URL', 'WATCH_SEEDS']) expect(p).toContain(v);
    expect(loadConfig({ WATCH_SEEDS: 'false' }).watchSeeds).toBe(false);
  });

  it('feeds: addresses, interval, topic and threshold, each named when malformed; documented defaults', () => {
    expect(loadConfig({}).feeds).toEqual({ urls: [], intervalMs: 3_600_000, allowPrivate: false, topic: [], minRelevance: 0.7 });
    const c = loadConfig({
      FEEDS: ' https://a.example/rss.xml , http://b.example/atom ',
      FEEDS_INTERVAL: '30m',
      FEEDS_TOPIC: 'cyber, trade secrets',
      FEEDS_ALLOW_PRIVATE: '1',
      FEEDS_MIN_RELEVANCE: '0.5',
    });
    expect(c.feeds).toEqual({ urls: ['https://a.example/rss.xml', 'http://b.example/atom'], intervalMs: 1_800_000, allowPrivate: true, topic: ['cyber', 'trade secrets'], minRelevance: 0.5 });
    expect(loadConfig({ FEEDS_INTERVAL: '2d' }).feeds.intervalMs).toBe(172_800_000);
    expect(loadConfig({ FEEDS_INTERVAL: '900' }).feeds.intervalMs).toBe(900_000);
    const p = problems({ FEEDS: 'https://a.example/rss.xml,ftp://b.example/x', FEEDS_INTERVAL: 'hourly', FEEDS_ALLOW_PRIVATE: 'maybe', FEEDS_MIN_RELEVANCE: 'high' });
    for (const v of ['FEEDS is not an http(s) URL', 'FEEDS_INTERVAL must be a duration', 'FEEDS_ALLOW_PRIVATE', 'FEEDS_MIN_RELEVANCE']) expect(p).toContain(v);
    expect(problems({ FEEDS_INTERVAL: '10s' })).toContain('FEEDS_INTERVAL must be at least 1 minute');
  });

  it('DATABASE_URL: a PostgreSQL URL, named when malformed, never echoed (it may hold a password)', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db.internal:5432/cyberpact' }).databaseUrl).toBe('postgres://bot:pw@db.internal:5432/cyberpact');
    for (const bad of ['mysql://bot:hunter2@db/x', 'postgres://bot:hunter2@db', 'not a url hunter2']) {
      const p = problems({ DATABASE_URL: bad });
      expect(p).toMatch(/^DATABASE_URL is not a PostgreSQL URL/);
      expect(p).not.toContain('hunter2');
    }
  });

  it('Slack in any workspace (OAuth): every piece named when missing, never with a bot or app token, the key checked and never echoed', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const full = { SLACK_CLIENT_ID: '123.456', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss', SLACK_SIGNING_SECRET: 'sig', SLACK_TOKEN_KEY: key };
    const c = loadConfig(full);
    expect(c.slack).toMatchObject({ mode: 'http', oauth: { clientId: '123.456', clientSecret: 'cs', stateSecret: 'ss' } });
    expect(c.slack?.botToken).toBeUndefined();
    expect(c.slack?.oauth?.tokenKey).toEqual(Buffer.alloc(32, 1));
    const p = problems({ SLACK_CLIENT_ID: '123.456' });
    for (const v of ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET', 'SLACK_TOKEN_KEY']) expect(p).toContain(`${v} is missing`);
    expect(problems({ ...full, SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_BOT_TOKEN must not be set with SLACK_CLIENT_ID');
    expect(problems({ ...full, SLACK_APP_TOKEN: 'xapp-1' })).toContain('runs in HTTP mode');
    const weak = problems({ ...full, SLACK_TOKEN_KEY: 'hunter2-passphrase' });
    expect(weak).toContain('SLACK_TOKEN_KEY must be 32 random bytes');
    expect(weak).not.toContain('hunter2');
    expect(problems({ ...full, SLACK_CLIENT_ID: 'abc' })).toContain('SLACK_CLIENT_ID must be the app');
  });

  it('Slack: socket mode with an app token, HTTP mode with a signing secret; missing pieces are named', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({ mode: 'http', port: 3000 });
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain('SLACK_SIGNING_SECRET is missing');
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toContain('SLACK_BOT_TOKEN is missing');
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xapp-1' })).toContain('SLACK_BOT_TOKEN must be a bot token');
  });

  it('SLACK_DIGEST_MANAGERS: user ids separated by commas', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_DIGEST_MANAGERS: ' U012AB3CD, W045EF6GH ,' }).slack?.digestManagers).toEqual(['U012AB3CD', 'W045EF6GH']);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.digestManagers).toEqual([]);
    expect(problems({ SLACK_DIGEST_MANAGERS: 'alice,bob' })).toContain('SLACK_DIGEST_MANAGERS must be Slack user ids');
  });

  it('Discord: token and application id required together, ids validated; tokens never echoed', () => {
    const token = 'MTAwMDAwMDAwMDAwMDAwMDAy.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB';
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: '100000000000000001' }).discord?.registerOnStart).toBe(true);
    expect(problems({ DISCORD_TOKEN: token })).toContain('DISCORD_APPLICATION_ID is missing');
    expect(problems({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: 'abc' })).toContain('DISCORD_APPLICATION_ID must be a Discord ID');
    const bad = problems({ DISCORD_TOKEN: 'secret-but-wrong', DISCORD_APPLICATION_ID: '100000000000000001' });
    expect(bad).toContain('DISCORD_TOKEN is malformed');
    expect(bad).not.toContain('secret-but-wrong');
    expect(problems({ SLACK_BOT_TOKEN: 'oops-secret', SLACK_APP_TOKEN: 'xapp-1' })).not.toContain('oops-secret');
  });

  it('.env.example documents exactly the variables the configuration reads', () => {
    const example = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
    const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...CONFIG_VARIABLES].sort());
    // Each with a comment above it saying what it does.
    for (const v of listed) expect(example).toMatch(new RegExp(`#[^\\n]*\\n(?:#[^\\n]*\\n)*(?:[A-Z_]+=[^\\n]*\\n)*${v}=`));
  });
});
