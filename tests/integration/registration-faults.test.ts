import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { buildAccountDeps, type AccountDeps } from '../../shared/accounts/account-deps.ts';
import { register } from '../../shared/accounts/registration.ts';
import { emailOwnershipKey } from '../../shared/accounts/table-keys.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { DependencyUnavailableError } from '../../shared/errors/domain-errors.ts';
import { toProblemResponse } from '../../shared/http/problem.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('faults'));
let db: DynamoDBDocumentClient;
let deps: (queueUrl: string) => AccountDeps;
let emailQueueUrl: string;

beforeAll(async () => {
  useEmulatorEnvironment();
  const sqs = new SQSClient({});
  const queues = await provisionResources({ dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs }, names);
  emailQueueUrl = queues.email.url;
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  deps = (queueUrl) =>
    buildAccountDeps({
      db,
      sqs,
      tableName: names.table,
      emailQueueUrl: queueUrl,
      keySource: new FileKeySource(join(mkdtempSync(join(tmpdir(), 'kindred-keys-')), 'keys.json')),
      tokens: { issuer: 'https://kindred.test', audience: 'kindred-api' },
      rateLimitScale: 1000,
    });
});

const client = { ipAddress: '203.0.113.7', userAgent: 'test' };

describe('registration when the email queue fails', () => {
  it('answers 503 with Retry-After and leaves no account that could never be confirmed', async () => {
    // A real failure from the real SQS emulator: the queue does not exist.
    const broken = deps(`${emailQueueUrl}-missing`);
    const error = await register(broken, { email: 'lost@example.com', password: 'a fine passphrase', name: 'Lost' }, client).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    const response = toProblemResponse(error, 'req');
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBeDefined();

    const owner = await db.send(new GetCommand({ TableName: names.table, Key: emailOwnershipKey('lost@example.com') }));
    expect(owner.Item).toBeUndefined();

    // Once the queue works again, the same person can sign up.
    await register(deps(emailQueueUrl), { email: 'lost@example.com', password: 'a fine passphrase', name: 'Lost' }, client);
    const created = await db.send(new GetCommand({ TableName: names.table, Key: emailOwnershipKey('lost@example.com') }));
    expect(created.Item?.userId).toBeDefined();
  });
});
