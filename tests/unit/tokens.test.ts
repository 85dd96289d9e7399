import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { macKeyring } from '../../shared/auth/keys.ts';
import { mintLinkToken, readLinkToken } from '../../shared/auth/link-tokens.ts';
import { mintRefreshToken, readRefreshToken } from '../../shared/auth/refresh-tokens.ts';

const key = macKeyring(randomBytes(32));
const otherKey = macKeyring(randomBytes(32));

describe('refresh tokens', () => {
  const claims = { userId: randomUUID(), sessionId: randomUUID(), generation: 3 };

  it('round-trips and carries at least 256 bits of unforgeable material', () => {
    const token = mintRefreshToken(key, claims);
    expect(readRefreshToken(key, token)).toEqual(claims);
    expect(Buffer.from(token.split('.')[4]!, 'base64url').length * 8).toBeGreaterThanOrEqual(256);
  });

  it('rejects another key, another generation, truncation and junk', () => {
    const token = mintRefreshToken(key, claims);
    expect(readRefreshToken(otherKey, token)).toBeUndefined();
    expect(readRefreshToken(key, token.replace('.3.', '.4.'))).toBeUndefined();
    expect(readRefreshToken(key, token.slice(0, -2))).toBeUndefined();
    for (const junk of ['', 'rt1', 'rt1.a.b.c.d', `${token}.extra`]) expect(readRefreshToken(key, junk)).toBeUndefined();
  });

  it('rejects a genuine token with junk the base64url decoder would skip', () => {
    const token = mintRefreshToken(key, claims);
    for (const suffix of ['=', '==', '!!', ' ', '\n']) expect(readRefreshToken(key, `${token}${suffix}`), JSON.stringify(suffix)).toBeUndefined();
  });
});

describe('email link tokens', () => {
  const claims = { purpose: 'reset-password' as const, userId: 'u1', email: 'ada@example.com', passwordStamp: 'stamp-1' };

  it('round-trips for its own purpose only', () => {
    const { token, nonce } = mintLinkToken(key, claims);
    expect(readLinkToken(key, token, 'reset-password')).toMatchObject({ userId: 'u1', email: 'ada@example.com', nonce, passwordStamp: 'stamp-1' });
    expect(readLinkToken(key, token, 'confirm-email')).toBeUndefined();
    expect(readLinkToken(key, token, 'change-email')).toBeUndefined();
  });

  it('expires: a reset link after one hour, a confirmation link after a day', () => {
    const now = Date.now();
    const reset = mintLinkToken(key, claims, now).token;
    expect(readLinkToken(key, reset, 'reset-password', now + 59 * 60_000)).toBeDefined();
    expect(readLinkToken(key, reset, 'reset-password', now + 61 * 60_000)).toBeUndefined();
    const confirm = mintLinkToken(key, { ...claims, purpose: 'confirm-email' }, now).token;
    expect(readLinkToken(key, confirm, 'confirm-email', now + 23 * 3_600_000)).toBeDefined();
    expect(readLinkToken(key, confirm, 'confirm-email', now + 25 * 3_600_000)).toBeUndefined();
  });

  it('rejects a tampered payload or a foreign key', () => {
    const { token } = mintLinkToken(key, claims);
    const [payload, mac] = token.split('.') as [string, string];
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), s: 'u2' })).toString('base64url');
    expect(readLinkToken(key, `${tampered}.${mac}`, 'reset-password')).toBeUndefined();
    expect(readLinkToken(otherKey, token, 'reset-password')).toBeUndefined();
  });
});
