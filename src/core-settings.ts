/**
 * The settings the command-line tools read (`npm run cli`, `npm run eval`): the corpus, the data
 * folder and the digest's time zone, with the same defaults, checks and messages as the bot's full
 * configuration (config.ts), which builds on this module. Kept apart from that zod schema so a
 * one-question `npm run cli -- ask` does not load zod and node-cron (about 60 ms of its start).
 */
import { isTimeZone, NOT_A_TIME_ZONE } from './language/dates';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable and what it does.`);
    this.name = 'ConfigError';
  }
}

/** What the command-line tools need (corpus, data folder, digest time zone): no platform settings are read. */
export interface CoreSettings {
  seedsDir: string;
  dataDir: string;
  timezone: string;
}

/** The defaults of SEEDS_DIR, DATA_DIR and DIGEST_TIMEZONE, for the bot's configuration as for the tools'. */
export const CORE_DEFAULTS: Readonly<CoreSettings> = { seedsDir: './seeds', dataDir: './data', timezone: 'UTC' };

/**
 * One problem with a variable, as start-up reports it: its name, what is wrong, and the value
 * given, except for tokens, secrets and database URLs (which may hold a password), never echoed.
 */
export function problem(name: string, message: string, input?: unknown): string {
  const echo = input !== undefined && !/TOKEN|SECRET|DATABASE_URL/.test(name);
  return `${name} ${message}${echo ? ` (got ${JSON.stringify(String(input)).slice(0, 60)})` : ''}`;
}

/** The settings of the command-line tools, validated like the bot's (a bad value throws a ConfigError naming it). */
export function loadCoreSettings(env: Record<string, string | undefined>): CoreSettings {
  const timezone = env.DIGEST_TIMEZONE ?? CORE_DEFAULTS.timezone;
  if (!isTimeZone(timezone)) throw new ConfigError([problem('DIGEST_TIMEZONE', NOT_A_TIME_ZONE)]);
  return { seedsDir: env.SEEDS_DIR ?? CORE_DEFAULTS.seedsDir, dataDir: env.DATA_DIR ?? CORE_DEFAULTS.dataDir, timezone };
}
