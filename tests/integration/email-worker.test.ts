import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import type { SqsWorker } from '../../shared/queue/sqs-worker.ts';
import { sqsEvent } from '../support/events.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const outbox = mkdtempSync(join(tmpdir(), 'kindred-outbox-'));
const names = localResourceNames(uniquePrefix('email'));
const context = { getRemainingTimeInMillis: () => 20_000 } as Context;
let handler: SqsWorker;

beforeAll(async () => {
  useEmulatorEnvironment();
  const clients = { dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs: new SQSClient({}) };
  await provisionResources(clients, names);
  Object.assign(process.env, {
    TABLE_NAME: names.table,
    API_URL: 'https://api.kindred.test',
    APP_URL: 'https://app.kindred.test',
    MAIL_FROM: 'Kindred <no-reply@kindred.test>',
    EMAIL_TRANSPORT: 'outbox',
    EMAIL_OUTBOX_DIR: outbox,
  });
  ({ handler } = await import('../../functions/email-worker/index.ts'));
});

const sent = () => readdirSync(outbox).map((file) => JSON.parse(readFileSync(join(outbox, file), 'utf8')));

describe('the email worker', () => {
  it('renders and sends each message of a batch', async () => {
    const response = await handler(sqsEvent('sqs-email-batch'), context);
    expect(response.batchItemFailures).toEqual([]);
    const emails = sent();
    expect(emails.map((email) => email.to).sort()).toEqual(['ada@example.com', 'grace@example.com']);
    const confirm = emails.find((email) => email.to === 'ada@example.com');
    expect(confirm.subject).toBe('Confirm your email address');
    expect(confirm.text).toContain('https://app.kindred.test/confirm-email?token=sample.confirm.token');
    expect(confirm.html).toContain('href="https://app.kindred.test/confirm-email?token=sample.confirm.token"');
  });

  it('sends once when the same message is delivered again', async () => {
    const before = sent().length;
    const response = await handler(sqsEvent('sqs-email-batch'), context);
    expect(response.batchItemFailures).toEqual([]);
    expect(sent().length).toBe(before);
    const ledger = await dynamo().send(
      new GetCommand({ TableName: names.table, Key: { pk: 'DELIVERY#email#6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a01', sk: 'DELIVERY' } }),
    );
    expect(ledger.Item).toMatchObject({ status: 'done' });
    expect(ledger.Item?.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('fails only the record that is not a valid message', async () => {
    const event = sqsEvent('sqs-email-batch');
    event.Records[0]!.body = JSON.stringify({ version: 2, to: 'x' });
    event.Records[1]!.body = '{not json';
    const valid = sqsEvent('sqs-email-batch').Records[0]!;
    valid.messageId = 'valid-one';
    valid.body = JSON.stringify({ ...JSON.parse(valid.body), id: '0d5b8a52-3f0e-4f55-8d1a-7d0c0e3b1a99' });
    event.Records.push(valid);
    const response = await handler(event, context);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [event.Records[0]!.messageId, event.Records[1]!.messageId].sort(),
    );
  });
});
