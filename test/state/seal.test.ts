import { randomBytes } from 'node:crypto';
import { parseKey, seal, unseal } from '../../src/state/seal';

describe('sealed secrets (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('open with their key, and never show the secret while sealed', () => {
    const sealed = seal('{"bot":{"token":"xoxb-team2-secret"}}', key);
    expect(sealed).not.toContain('xoxb');
    expect(unseal(sealed, key)).toBe('{"bot":{"token":"xoxb-team2-secret"}}');
    // A new nonce each time: the same secret seals differently.
    expect(seal('same', key)).not.toBe(seal('same', key));
  });

  it('do not open under another key, nor once changed', () => {
    const sealed = seal('xoxb-secret', key);
    expect(() => unseal(sealed, randomBytes(32))).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xoxb-other!').toString('base64');
    expect(() => unseal(parts.join('.'), key)).toThrow();
    expect(() => unseal('plain text', key)).toThrow(/not a sealed value/);
  });

  it('take a 32-byte key in base64 or hex, nothing else', () => {
    expect(parseKey(key.toString('base64'))).toEqual(key);
    expect(parseKey(key.toString('hex'))).toEqual(key);
    expect(parseKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(parseKey('a short passphrase')).toBeUndefined();
  });
});
