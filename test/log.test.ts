import { createLogger, redactText } from '../src/log';

describe('log redaction', () => {
  it('replaces configured secrets and secret-looking credentials in any text', () => {
    expect(redactText('body: client_id=1.2&client_secret=s3cr3t-value&code=abc123', [])).toBe('body: client_id=1.2&client_secret=[redacted]&code=[redacted]');
    expect(redactText('token xoxb-1234-5678-abcdef and xapp-1-A0-99-ff', [])).toBe('token [redacted] and [redacted]');
    expect(redactText('connecting to postgres://bot:hunter22@db:5432/x', [])).toBe('connecting to postgres://bot:[redacted]@db:5432/x');
    expect(redactText('{"client_secret":"abcdef"}', [])).toBe('{"client_secret":"[redacted]"}');
    expect(redactText('the key is my-long-secret!', ['my-long-secret'])).toBe('the key is [redacted]!');
    // Too short to be told from ordinary words: left alone.
    expect(redactText('a cat', ['cat'])).toBe('a cat');
  });

  it('whatever wrote the line: a field, a message, a library string', () => {
    const lines: string[] = [];
    const log = createLogger('debug', { secrets: ['the-signing-secret'], out: { write: (s: string) => lines.push(s) } });
    log.debug({ slack: 'POST body signing=the-signing-secret' }, 'sent');
    log.info({ token: 'xoxb-plain-field' }, 'token field');
    log.child({ part: 'x' }).warn('message with the-signing-secret inside');
    const text = lines.join('');
    expect(text).not.toContain('the-signing-secret');
    expect(text).not.toContain('xoxb-plain-field');
    expect(text.match(/\[redacted\]/g)?.length).toBe(3);
  });
});

describe('log redaction keeps what is no secret', () => {
  it("an error's code in JSON stays", () => {
    expect(redactText('{"err":{"code":"ECONNREFUSED"}}', [])).toBe('{"err":{"code":"ECONNREFUSED"}}');
  });
});
