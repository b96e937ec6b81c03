/** Structured logging with pino, to stderr (stdout belongs to the terminal chat and the CLI's JSON). Secrets are redacted. */
import pino from 'pino';

export type Logger = pino.Logger;

const SECRET_KEYS = ['token', 'botToken', 'appToken', 'signingSecret', '*.token', '*.botToken', '*.appToken', '*.signingSecret', 'headers.authorization'];

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, redact: { paths: SECRET_KEYS, censor: '[redacted]' }, base: undefined }, pino.destination(2));
}

/** A logger that drops everything, for tests and the CLI's quiet paths. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
