/**
 * Configuration from the environment, validated with zod. Every problem is
 * reported with the variable's name; nothing starts with a bad value.
 */
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { isTimeZone, NOT_A_TIME_ZONE } from './language/dates';
import { parseKey } from './state/seal';
import { ConfigError, CORE_DEFAULTS, problem } from './core-settings';
import { DEFAULT_MIN_RELEVANCE } from './feeds/relevance';

export { ConfigError } from './core-settings';

const optional = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const timezone = z.string().refine(isTimeZone, NOT_A_TIME_ZONE);

const url = z.string().refine((u) => {
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:';
  } catch {
    return false;
  }
}, 'is not an http(s) URL');

const postgresUrl = z.string().refine((u) => {
  try {
    const p = new URL(u);
    return (p.protocol === 'postgres:' || p.protocol === 'postgresql:') && p.hostname !== '' && p.pathname.length > 1;
  } catch {
    return false;
  }
}, 'is not a PostgreSQL URL (postgres://user:password@host:5432/database)');

const commaList = (item: z.ZodType<string, string>) =>
  optional.pipe(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item))
      .optional(),
  );

/** "1h", "30m", "90s", "2d", or seconds. */
const duration = z.string().transform((v, ctx) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$/i.exec(v);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 30m, 1h or 2d (or a number of seconds)', input: v });
    return z.NEVER;
  }
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'] * 1000;
});

const snowflake = z.string().regex(/^\d{17,21}$/, 'must be a Discord ID (17–21 digits)');

const schema = z.object({
  SEEDS_DIR: z.string().default(CORE_DEFAULTS.seedsDir),
  DATABASE_URL: optional.pipe(postgresUrl.optional()),
  DATA_DIR: z.string().default(CORE_DEFAULTS.dataDir),
  WATCH_SEEDS: z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DIGEST_CRON: z
    .string()
    .default('0 9 * * 1')
    .refine((c) => validateCron(c), 'is not a valid cron expression (e.g. "0 9 * * 1" for Monday 09:00)'),
  DIGEST_TIMEZONE: timezone.default(CORE_DEFAULTS.timezone),
  DIGEST_CLAIM_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(1, 'must be at least 1')
    .max(24 * 3600, 'must be at most 86400 (a day)')
    .default(900),
  DIGEST_CATCHUP_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .min(0, 'must be 0 or more')
    .max(24 * 14, 'must be at most 336 (two weeks)')
    .default(24),
  SLACK_BOT_TOKEN: optional.pipe(
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_CLIENT_ID: optional.pipe(
    z
      .string()
      .regex(/^\d+\.\d+$/, "must be the app's Client ID from Basic Information (digits.digits)")
      .optional(),
  ),
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_TOKEN_KEY: optional,
  SLACK_APP_TOKEN: optional.pipe(
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_API_URL: optional.pipe(url.optional()),
  SLACK_DIGEST_MANAGERS: commaList(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids separated by commas (e.g. U012AB3CD,U045EF6GH)')),
  PORT: z.coerce.number({ error: 'must be a port number (1–65535)' }).int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535').default(3000),
  HOST: z.string().default('0.0.0.0'),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optional.pipe(snowflake.optional()),
  DISCORD_API_URL: optional.pipe(url.optional()),
  FEEDS: commaList(url),
  FEEDS_INTERVAL: z
    .string()
    .default('1h')
    .pipe(duration)
    .pipe(
      z
        .number()
        .min(60_000, 'must be at least 1 minute (1m)')
        .max(7 * 86_400_000, 'must be at most a week (7d)'),
    ),
  FEEDS_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0', ''], { error: 'must be 1 or 0' })
    .default('0')
    .transform((v) => v === 'true' || v === '1'),
  FEEDS_TOPIC: commaList(z.string().min(2, 'must be words or phrases of 2–100 characters, separated by commas').max(100, 'must be words or phrases of 2–100 characters, separated by commas')),
  FEEDS_MIN_RELEVANCE: z.coerce.number({ error: 'must be a number (0.7 by default)' }).min(0, 'must be 0 or more').max(10, 'must be at most 10').default(DEFAULT_MIN_RELEVANCE),
  DISCORD_REGISTER_COMMANDS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type Env = z.infer<typeof schema>;

/** Every variable the configuration reads (`.env.example` documents each; a test keeps the two in step). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface SlackConfig {
  /** One workspace: its bot token. Absent when the app is installed through OAuth (`oauth`). */
  botToken?: string;
  /** Any workspace: the app's OAuth credentials, and the key installations' tokens are sealed with. HTTP mode only. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; tokenKey: Buffer };
  mode: 'socket' | 'http';
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
  host: string;
  /** Users who may subscribe and unsubscribe channels besides workspace admins and owners. */
  digestManagers: string[];
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  registerOnStart: boolean;
}

export interface Config {
  seedsDir: string;
  /** Pick up files added to, changed in or removed from the seeds folder while running. */
  watchSeeds: boolean;
  dataDir: string;
  /** PostgreSQL for the subscriptions and the digest ledger, shared by every instance using it; none: the state file in dataDir. */
  databaseUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  digest: { cron: string; timezone: string; catchupHours: number; claimLeaseMs: number };
  feeds: FeedsConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

export interface FeedsConfig {
  /** Feeds from the environment (more can be added from chat). */
  urls: string[];
  intervalMs: number;
  allowPrivate: boolean;
  topic: string[];
  minRelevance: number;
}

/** The configured secrets' values, which the log replaces wherever they appear. */
export function secretsOf(c: Config): string[] {
  const out = [
    c.slack?.botToken,
    c.slack?.appToken,
    c.slack?.signingSecret,
    c.slack?.oauth?.clientSecret,
    c.slack?.oauth?.stateSecret,
    c.slack?.oauth?.tokenKey.toString('base64'),
    c.slack?.oauth?.tokenKey.toString('hex'),
    c.discord?.token,
  ];
  // The database's password, as written in its URL.
  if (c.databaseUrl) {
    try {
      const { password } = new URL(c.databaseUrl);
      if (password) out.push(decodeURIComponent(password), password);
    } catch {
      // Not a URL: nothing to take from it.
    }
  }
  return [...new Set(out.filter((x): x is string => Boolean(x)))];
}

/** A schema's issues as messages naming each variable (see problem). */
function problemsOf(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => problem(String(i.path[0]), i.message, 'input' in i ? i.input : undefined));
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error.issues));
  const e = parsed.data;
  const problems: string[] = [];
  let slack: SlackConfig | undefined;
  const anySlack = e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET;
  const anyOauth = e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET || e.SLACK_STATE_SECRET || e.SLACK_TOKEN_KEY;
  if (anyOauth) {
    // Installable in any workspace: OAuth, HTTP mode, tokens from the installations.
    const missing = (['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET', 'SLACK_TOKEN_KEY'] as const).filter((k) => !e[k]);
    for (const k of missing)
      problems.push(`${k} is missing (installing the Slack app in any workspace needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET and SLACK_TOKEN_KEY)`);
    if (e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN must not be set with SLACK_CLIENT_ID: one workspace uses its bot token, any workspace installs through OAuth');
    if (e.SLACK_APP_TOKEN) problems.push('SLACK_APP_TOKEN must not be set with SLACK_CLIENT_ID: installing in any workspace runs in HTTP mode (Slack does not list Socket Mode apps)');
    const tokenKey = e.SLACK_TOKEN_KEY ? parseKey(e.SLACK_TOKEN_KEY) : undefined;
    if (e.SLACK_TOKEN_KEY && !tokenKey) problems.push('SLACK_TOKEN_KEY must be 32 random bytes in base64 or hex (e.g. `openssl rand -base64 32`)');
    if (!problems.length && tokenKey)
      slack = {
        oauth: { clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET!, tokenKey },
        mode: 'http',
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
        digestManagers: e.SLACK_DIGEST_MANAGERS ?? [],
        port: e.PORT,
        host: e.HOST,
      };
  } else if (anySlack) {
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is missing (other SLACK_* variables are set)');
    else if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET is missing: set it for HTTP mode, or SLACK_APP_TOKEN for Socket Mode');
    else
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
        digestManagers: e.SLACK_DIGEST_MANAGERS ?? [],
        port: e.PORT,
        host: e.HOST,
      };
  }
  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN || e.DISCORD_APPLICATION_ID) {
    if (!e.DISCORD_TOKEN) problems.push('DISCORD_TOKEN is missing (DISCORD_APPLICATION_ID is set)');
    else if (!e.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID is missing (DISCORD_TOKEN is set)');
    else if (!/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(e.DISCORD_TOKEN)) problems.push('DISCORD_TOKEN is malformed (expected three dot-separated parts, as the Developer Portal shows it)');
    else discord = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL, registerOnStart: e.DISCORD_REGISTER_COMMANDS };
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    seedsDir: e.SEEDS_DIR,
    watchSeeds: e.WATCH_SEEDS,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    digest: { cron: e.DIGEST_CRON, timezone: e.DIGEST_TIMEZONE, catchupHours: e.DIGEST_CATCHUP_HOURS, claimLeaseMs: e.DIGEST_CLAIM_LEASE_SECONDS * 1000 },
    feeds: { urls: e.FEEDS ?? [], intervalMs: e.FEEDS_INTERVAL, allowPrivate: e.FEEDS_ALLOW_PRIVATE, topic: e.FEEDS_TOPIC ?? [], minRelevance: e.FEEDS_MIN_RELEVANCE },
    slack,
    discord,
  };
}
