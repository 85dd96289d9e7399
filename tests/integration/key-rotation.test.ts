import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { createAccessTokenVerifier } from '../../shared/auth/access-token.ts';
import { publishedKeys } from '../../shared/auth/authenticator.ts';
import { JwksStore } from '../../shared/auth/jwks-store.ts';
import { createRotationHandler } from '../../shared/auth/key-rotation.ts';
import { freshStoredKeys, toKeyMaterial, type KeyMaterial } from '../../shared/auth/keys.ts';
import { mintLinkToken, readLinkToken } from '../../shared/auth/link-tokens.ts';
import { mintRefreshToken, readRefreshToken } from '../../shared/auth/refresh-tokens.ts';
import { issueAccessToken } from '../../shared/auth/token-issuer.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { memorySecret } from '../support/memory-secret.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('rotation'));
const settings = { issuer: 'https://api.kindred.test', audience: 'kindred-api' };
const subject = { userId: '6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a01', sessionId: '0b7e4c1a-9d2f-4e83-8a56-3c1d2e4f5a6b', role: 'user' as const };
const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

beforeAll(async () => {
  useEmulatorEnvironment();
  await provisionResources({ dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs: new SQSClient({}) }, names);
});

/** What a deployed API function holds: a verifier over the JWKS published in the table (no cache, so each check reads it). */
function apiVerifier() {
  return createAccessTokenVerifier({ ...settings, keys: publishedKeys(new JwksStore(dynamo(), names.table, 0)) });
}

async function grantsOf(keys: KeyMaterial) {
  return {
    accessToken: await issueAccessToken(keys, settings, subject),
    refreshToken: mintRefreshToken(keys.refreshTokenKey, { userId: subject.userId, sessionId: subject.sessionId, generation: 1 }),
    link: mintLinkToken(keys.linkTokenKey, { purpose: 'reset-password', userId: subject.userId, email: 'ada@example.com' }).token,
  };
}

describe('the key-rotation function against the JWKS published in DynamoDB', () => {
  it('survives a failed step, finishes on the retry, and never strands a token signed before it', async () => {
    const { secret, current, failNext } = memorySecret(await freshStoredKeys());
    const handler = createRotationHandler(() => secret, (jwks) => new JwksStore(dynamo(), names.table).publish(jwks));
    const event = (Step: (typeof STEPS)[number], version = 'v1') => ({ SecretId: 'kindred-keys', ClientRequestToken: version, Step });

    // Before the first rotation, as the twin does: the current public keys are published.
    const before = await toKeyMaterial(await current());
    await new JwksStore(dynamo(), names.table).publish(before.publicJwks);
    const old = await grantsOf(before);
    await expect(apiVerifier()(old.accessToken)).resolves.toMatchObject({ userId: subject.userId });

    for (const step of STEPS.slice(0, 3)) await handler(event(step));
    failNext('promote');
    await expect(handler(event('finishSecret'))).rejects.toThrow('Rate exceeded');

    // The failed step changed nothing the API uses: the old key still signs, and verifiers already know the new one.
    const stalled = await toKeyMaterial(await current());
    expect(stalled.signingKid).toBe(before.signingKid);
    await expect(apiVerifier()(await issueAccessToken(stalled, settings, subject))).resolves.toBeDefined();

    // Secrets Manager retries the step.
    await handler(event('finishSecret'));
    const after = await toKeyMaterial(await current());
    expect(after.signingKid).not.toBe(before.signingKid);
    const fresh = await grantsOf(after);
    await expect(apiVerifier()(fresh.accessToken)).resolves.toMatchObject({ userId: subject.userId });
    await expect(apiVerifier()(old.accessToken)).resolves.toMatchObject({ userId: subject.userId });
    expect(readRefreshToken(after.refreshTokenKey, old.refreshToken)).toMatchObject({ generation: 1 });
    expect(readLinkToken(after.linkTokenKey, old.link, 'reset-password')).toMatchObject({ userId: subject.userId });
    expect(readRefreshToken(before.refreshTokenKey, fresh.refreshToken)).toBeUndefined();

    // A second rotation retires the first signing key: its access tokens (15 minutes long) are refused.
    for (const step of STEPS) await handler(event(step, 'v2'));
    await expect(apiVerifier()(old.accessToken)).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(apiVerifier()(fresh.accessToken)).resolves.toBeDefined();
  });

  it('refuses an event that is not a rotation step, touching nothing', async () => {
    const { secret, current } = memorySecret(await freshStoredKeys());
    const handler = createRotationHandler(() => secret, async () => expect.unreachable('nothing is published'));
    const before = await current();
    await expect(handler({ SecretId: 'kindred-keys', ClientRequestToken: 'v1', Step: 'dropSecret' })).rejects.toThrow();
    expect(await current()).toEqual(before);
  });
});
