import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/emulators.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-aws.ts';
import { KeyStore, SecretsManagerKeySource } from '../../shared/auth/key-store.ts';
import { DependencyUnavailableError } from '../../shared/errors/domain-errors.ts';
import { toProblemResponse } from '../../shared/http/problem.ts';

describe('signing keys when Secrets Manager fails at cold start', () => {
  it('answers 503 with Retry-After, and tries again on the next request', async () => {
    // A real SDK call to an endpoint where nothing listens.
    const client = new SecretsManagerClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 1 });
    const store = new KeyStore(new SecretsManagerKeySource(client, 'arn:aws:secretsmanager:us-east-1:000000000000:secret:kindred-keys'));

    const first = await store.current().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(DependencyUnavailableError);
    const response = toProblemResponse(first, 'req');
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('5');
    expect(response.body).not.toMatch(/ECONNREFUSED|secretsmanager|127\.0\.0\.1/);

    // The failure is not cached: the next request asks again.
    await expect(store.current()).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
