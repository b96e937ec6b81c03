/** Structured logging with pino, to stderr (stdout belongs to the terminal chat and the CLI's JSON). Secrets are redacted. */
import pino from 'pino';

export type Logger = pino.Logger;

const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', '*.token', '*.botToken', '*.appToken', '*.signingSecret', 'headers.authorization'];

export interface LoggerOptions {
  /** One readable line per record, for a person at the terminal chat (default: one JSON line). */
  plain?: boolean;
  /** The configured secrets' values: replaced wherever they appear in a line, whatever wrote it (a library's debug dump of a request body). */
  secrets?: readonly string[];
  /** Where the lines go. Default: stderr. */
  out?: { write(s: string): unknown };
}

/**
 * Secrets written in text rather than in a field: Slack's tokens, and a credential in a form or a
 * URL (`client_secret=…`, `postgres://user:password@host`).
 */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bx(?:ox[abeoprs]|app)-[A-Za-z0-9-]{6,}/g, '[redacted]'],
  // In a form or a query (an OAuth code too); in JSON (not "code": that is an error's code there).
  [/\b((?:client_secret|signing_secret|state_secret|code|token|refresh_token|password)(?:=|%3D))([^&\s"\\]+)/gi, '$1[redacted]'],
  [/\b((?:client_secret|signing_secret|state_secret|token|refresh_token|password)\\?":\s*\\?")([^"\\]+)/gi, '$1[redacted]'],
  [/(\w+:\/\/[^:/@\s"]+:)([^@\s"]+)@/g, '$1[redacted]@'],
];

/** A line with every secret value and every secret-looking credential replaced. */
export function redactText(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join('[redacted]');
  for (const [re, by] of SECRET_PATTERNS) out = out.replace(re, by);
  return out;
}

export function createLogger(level: string = 'info', options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const settings = { level, redact: { paths: SECRET_KEYS, censor: '[redacted]' }, base: undefined };
  const out = options.out ?? (options.plain ? process.stderr : pino.destination(2));
  const redacting = { write: (s: string) => out.write(redactText(s, secrets)) };
  return pino(settings, options.plain ? plainLines(redacting) : redacting);
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/** One readable line a record ("warning: seed skipped: … (file: x.txt)"), for a person at the terminal chat. */
export function plainLines(out: { write(s: string): unknown }): { write(s: string): void } {
  return {
    write(s: string) {
      try {
        const { level, msg, time: _t, err, ...rest } = JSON.parse(s) as { level: number; msg?: string; time?: number; err?: { message?: string } };
        const extra = Object.entries(rest)
          .filter(([, v]) => v !== undefined && typeof v !== 'object')
          .map(([k, v]) => `${k}: ${String(v)}`);
        if (err?.message) extra.push(err.message);
        out.write(`${LEVELS[level] ?? 'log'}: ${msg ?? ''}${extra.length ? ` (${extra.join(', ')})` : ''}\n`);
      } catch {
        out.write(s);
      }
    },
  };
}

/** A logger that drops everything, for tests and the CLI's quiet paths. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
