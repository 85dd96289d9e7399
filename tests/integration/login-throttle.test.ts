import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { LoginThrottle } from '../../shared/accounts/abuse-controls.ts';
import { RateLimitedError } from '../../shared/errors/domain-errors.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('throttle'));
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  useEmulatorEnvironment();
  await provisionResources({ dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs: new SQSClient({}) }, names);
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});

const lockedFor = (attempt: Promise<unknown>) => attempt.then(() => 'open', (error: unknown) => (error instanceof RateLimitedError ? error.retryAfterSeconds : 'other'));

describe('the login backoff', () => {
  it('locks after the free attempts, each later lock twice as long, up to the cap; a correct password clears it', async () => {
    // Seconds instead of minutes, so the escalation can be watched.
    const throttle = new LoginThrottle(db, names.table, { freeAttempts: 3, baseDelaySeconds: 1, maxDelaySeconds: 2, contendedTries: 4 });
    const email = 'escalating@example.com';
    expect(await throttle.reserveAttempt(email)).toEqual({});
    expect(await throttle.reserveAttempt(email)).toEqual({});
    expect(await throttle.reserveAttempt(email)).toEqual({ lockedFor: 1 }); // the third failure locks for the base delay
    expect(await lockedFor(throttle.reserveAttempt(email))).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await throttle.reserveAttempt(email)).toEqual({ lockedFor: 2 }); // twice as long
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await throttle.reserveAttempt(email)).toEqual({ lockedFor: 2 }); // capped
    await throttle.reset(email);
    expect(await throttle.reserveAttempt(email)).toEqual({});
  });
});
