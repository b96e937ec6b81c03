import { ConfigError, loadConfig } from '../src/config';
import { CORE_DEFAULTS, loadCoreSettings, problem } from '../src/core-settings';

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('core settings (the command-line tools)', () => {
  it('has the bot configuration’s defaults and values', () => {
    const full = loadConfig({});
    expect(loadCoreSettings({})).toEqual({ seedsDir: full.seedsDir, dataDir: full.dataDir, timezone: full.digest.timezone });
    expect(loadCoreSettings({})).toEqual(CORE_DEFAULTS);
    const env = { SEEDS_DIR: 'corpus', DATA_DIR: '/var/lib/cyberpact', DIGEST_TIMEZONE: 'Europe/Berlin' };
    const core = loadCoreSettings(env);
    const bot = loadConfig(env);
    expect(core).toEqual({ seedsDir: bot.seedsDir, dataDir: bot.dataDir, timezone: bot.digest.timezone });
  });

  it('reports a bad time zone in the same words as the bot, naming the variable', () => {
    const env = { DIGEST_TIMEZONE: 'Mars/Olympus' };
    const core = problemsOf(() => loadCoreSettings(env));
    expect(core).toEqual(problemsOf(() => loadConfig(env)));
    expect(core[0]).toMatch(/^DIGEST_TIMEZONE is not an IANA time zone /);
  });

  it('never echoes a token, a secret or a database URL', () => {
    expect(problem('SLACK_BOT_TOKEN', 'is wrong', 'xoxb-123')).toBe('SLACK_BOT_TOKEN is wrong');
    expect(problem('DATABASE_URL', 'is wrong', 'postgres://u:pw@h/db')).toBe('DATABASE_URL is wrong');
    expect(problem('PORT', 'is wrong', 'http')).toBe('PORT is wrong (got "http")');
  });
});
