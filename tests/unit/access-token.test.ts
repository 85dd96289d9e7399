import { SignJWT, base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '../../shared/auth/access-token.ts';
import { UnauthenticatedError } from '../../shared/errors/domain-errors.ts';
import {
  createTestSigningKey,
  signTestAccessToken,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestSigningKey,
} from '../support/tokens.ts';

let key: TestSigningKey;
let verify: AccessTokenVerifier;

beforeAll(async () => {
  key = await createTestSigningKey('current');
  verify = createAccessTokenVerifier({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: { keys: [key.publicJwk] } });
});

const encode = (value: object) => base64url.encode(JSON.stringify(value));
const segments = (token: string) => token.split('.') as [string, string, string];

async function expectRejected(token: string): Promise<void> {
  await expect(verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
  await expect(verify(token)).rejects.toMatchObject({ code: 'invalid_token' });
}

describe('access token verification', () => {
  it('accepts a token Kindred signed and returns the principal', async () => {
    const token = await signTestAccessToken(key, { claims: { sub: 'user-1', role: 'admin', sid: 'session-1' } });
    await expect(verify(token)).resolves.toMatchObject({ userId: 'user-1', role: 'admin', sessionId: 'session-1' });
  });

  it('rejects a genuine token with junk the base64url decoder would skip', async () => {
    const token = await signTestAccessToken(key);
    for (const suffix of ['=', '==', '!!']) await expectRejected(`${token}${suffix}`);
  });

  it('rejects alg "none"', async () => {
    const [, payload] = segments(await signTestAccessToken(key));
    await expectRejected(`${encode({ alg: 'none', kid: key.kid })}.${payload}.`);
  });

  it('rejects HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    for (const secret of [key.publicPem, JSON.stringify(key.publicJwk), key.publicJwk.x!]) {
      const token = await new SignJWT({ sid: 's', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256', kid: key.kid })
        .setSubject('attacker')
        .setJti('j')
        .setIssuedAt()
        .setIssuer(TEST_ISSUER)
        .setAudience(TEST_AUDIENCE)
        .setExpirationTime('15m')
        .sign(new TextEncoder().encode(secret));
      await expectRejected(token);
    }
  });

  it('rejects an expired token', async () => {
    await expectRejected(await signTestAccessToken(key, { expiresIn: Math.floor(Date.now() / 1000) - 60 }));
  });

  it('rejects a token that is not valid yet', async () => {
    await expectRejected(await signTestAccessToken(key, { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }));
  });

  it('rejects the wrong issuer and the wrong audience', async () => {
    await expectRejected(await signTestAccessToken(key, { issuer: 'https://evil.example' }));
    await expectRejected(await signTestAccessToken(key, { audience: 'another-api' }));
  });

  it('rejects a tampered payload', async () => {
    const [header, payload, signature] = segments(await signTestAccessToken(key, { claims: { role: 'user' } }));
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    await expectRejected(`${header}.${encode({ ...claims, role: 'admin' })}.${signature}`);
  });

  it('rejects a token signed by a key it does not know', async () => {
    const stranger = await createTestSigningKey('stranger');
    await expectRejected(await signTestAccessToken(stranger));
    const impostor = await createTestSigningKey(key.kid); // same kid, different key
    await expectRejected(await signTestAccessToken(impostor));
  });

  it('rejects a stripped signature', async () => {
    const [header, payload] = segments(await signTestAccessToken(key));
    await expectRejected(`${header}.${payload}.`);
    await expectRejected(`${header}.${payload}`);
  });

  it('rejects tokens missing a required claim or carrying an unknown role', async () => {
    for (const claim of ['sid', 'role', 'jti', 'exp', 'sub']) {
      await expectRejected(await signTestAccessToken(key, { omit: [claim] }));
    }
    await expectRejected(await signTestAccessToken(key, { claims: { role: 'superuser' } }));
  });

  it('rejects garbage', async () => {
    for (const junk of ['', 'a.b.c', 'not-a-jwt', '....']) await expectRejected(junk);
  });
});
