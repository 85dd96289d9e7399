import { describe, expect, it } from 'vitest';
import type { JSONWebKeySet } from 'jose';
import { REFRESH_TOKEN_LIFETIME_SECONDS } from '../../shared/accounts/sessions.ts';
import { runRotationStep, type RotatableSecret } from '../../shared/auth/key-rotation.ts';
import { freshStoredKeys, rotateKeys, toKeyMaterial, TOKEN_SECRET_GRACE_SECONDS } from '../../shared/auth/keys.ts';
import { LINK_LIFETIME_SECONDS, mintLinkToken, readLinkToken } from '../../shared/auth/link-tokens.ts';
import { mintRefreshToken, readRefreshToken } from '../../shared/auth/refresh-tokens.ts';
import { memorySecret } from '../support/memory-secret.ts';

async function rotate(secret: RotatableSecret, versionId: string, published: JSONWebKeySet[]) {
  for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
    await runRotationStep(step, versionId, secret, async (jwks) => void published.push(jwks));
  }
}

describe('signing key rotation', () => {
  it('puts a new key first, keeps the previous one, and publishes both before switching', async () => {
    const initial = await freshStoredKeys();
    const { secret, current } = memorySecret(initial);
    const published: JSONWebKeySet[] = [];

    await rotate(secret, 'v1', published);
    const afterOne = await current();
    expect(afterOne.signingKeys).toHaveLength(2);
    expect(afterOne.signingKeys[1]!.kid).toBe(initial.signingKeys[0]!.kid);
    expect(afterOne.tokenSecret).not.toBe(initial.tokenSecret);
    expect(afterOne.previousTokenSecrets.map((previous) => previous.secret)).toEqual([initial.tokenSecret]);
    expect(published.at(-1)!.keys.map((key) => key.kid)).toEqual(afterOne.signingKeys.map((key) => key.kid));
    expect(JSON.stringify(published)).not.toContain('"d"');

    await rotate(secret, 'v2', published);
    const afterTwo = await current();
    expect(afterTwo.signingKeys.map((key) => key.kid)).toEqual([expect.any(String), afterOne.signingKeys[0]!.kid]);
  });

  it('bootstraps from a secret that has no key yet', async () => {
    const { secret, current } = memorySecret({ version: 1, signingKeys: [], tokenSecret: 'x'.repeat(64) });
    await rotate(secret, 'v1', []);
    expect((await current()).signingKeys).toHaveLength(1);
  });

  it('does not create a second pending key when createSecret is retried', async () => {
    const { secret } = memorySecret(await freshStoredKeys());
    await runRotationStep('createSecret', 'v1', secret, async () => undefined);
    const pending = await secret.read('AWSPENDING', 'v1');
    await runRotationStep('createSecret', 'v1', secret, async () => undefined);
    expect(await secret.read('AWSPENDING', 'v1')).toBe(pending);
  });
});

describe('token secret rotation', () => {
  const DAY_MS = 86_400_000;
  const claims = { userId: '6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a01', sessionId: '0b7e4c1a-9d2f-4e83-8a56-3c1d2e4f5a6b', generation: 2 };

  it('keeps what the replaced secret signed valid for one token lifetime, then refuses it', async () => {
    const start = new Date('2026-11-01T00:00:00Z');
    const before = await freshStoredKeys();
    const old = await toKeyMaterial(before, start);
    const refreshToken = mintRefreshToken(old.refreshTokenKey, claims);
    const { token: link } = mintLinkToken(old.linkTokenKey, { purpose: 'invitation', userId: claims.userId, email: 'ada@example.com' }, start.getTime());

    const after = await rotateKeys(before, start);
    const dayLater = new Date(start.getTime() + DAY_MS);
    const rotated = await toKeyMaterial(after, dayLater);
    expect(readRefreshToken(rotated.refreshTokenKey, refreshToken)).toEqual(claims);
    expect(readLinkToken(rotated.linkTokenKey, link, 'invitation', dayLater.getTime())).toMatchObject({ userId: claims.userId });

    // What the new secret signs, the old one alone does not verify: the new one really signs.
    const renewed = mintRefreshToken(rotated.refreshTokenKey, claims);
    expect(renewed).not.toBe(refreshToken);
    expect(readRefreshToken(old.refreshTokenKey, renewed)).toBeUndefined();

    const pastGrace = await toKeyMaterial(after, new Date(start.getTime() + TOKEN_SECRET_GRACE_SECONDS * 1000 + 1000));
    expect(readRefreshToken(pastGrace.refreshTokenKey, refreshToken)).toBeUndefined();
    expect(readRefreshToken(pastGrace.refreshTokenKey, renewed)).toEqual(claims);
  });

  it('drops secrets past their grace at the next rotation, and keeps those still within it', async () => {
    const start = new Date('2026-11-01T00:00:00Z');
    const first = await rotateKeys(await freshStoredKeys(), start);
    const second = await rotateKeys(first, new Date(start.getTime() + 10 * DAY_MS));
    expect(second.previousTokenSecrets).toHaveLength(2);
    const third = await rotateKeys(second, new Date(start.getTime() + 35 * DAY_MS));
    expect(third.previousTokenSecrets.map((previous) => previous.secret)).toEqual([second.tokenSecret, first.tokenSecret]);
  });

  it('trusts a replaced secret at least as long as anything it signed can live', () => {
    expect(TOKEN_SECRET_GRACE_SECONDS).toBeGreaterThanOrEqual(REFRESH_TOKEN_LIFETIME_SECONDS);
    expect(TOKEN_SECRET_GRACE_SECONDS).toBeGreaterThanOrEqual(Math.max(...Object.values(LINK_LIFETIME_SECONDS)));
  });

  it('reads a secret written before token secrets rotated', async () => {
    const { previousTokenSecrets: _none, ...legacy } = await freshStoredKeys();
    const { secret, current } = memorySecret(legacy);
    await rotate(secret, 'v1', []);
    expect((await current()).previousTokenSecrets.map((previous) => previous.secret)).toEqual([legacy.tokenSecret]);
  });
});
