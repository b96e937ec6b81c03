/** Structured logging with pino, to stderr (stdout belongs to the terminal chat and the CLI's JSON). Secrets are redacted. */
import pino from 'pino';

export type Logger = pino.Logger;

const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', '*.token', '*.botToken', '*.appToken', '*.signingSecret', 'headers.authorization'];

export function createLogger(level: string = 'info', options: { plain?: boolean } = {}): Logger {
  const settings = { level, redact: { paths: SECRET_KEYS, censor: '[redacted]' }, base: undefined };
  return pino(settings, options.plain ? plainLines(process.stderr) : pino.destination(2));
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
