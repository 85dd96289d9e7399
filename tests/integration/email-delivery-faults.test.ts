import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { DeliveryInProgressError, deliverEmail } from '../../shared/email/email-delivery.ts';
import type { EmailMessage } from '../../shared/email/email-message.ts';
import type { EmailSender } from '../../shared/email/senders.ts';
import { metrics } from '../../shared/metrics.ts';
import { DeliveryLedger } from '../../shared/queue/delivery-ledger.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('delivery'));
let ledger: DeliveryLedger;

beforeAll(async () => {
  useEmulatorEnvironment();
  await provisionResources({ dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs: new SQSClient({}) }, names);
  ledger = new DeliveryLedger(DynamoDBDocumentClient.from(new DynamoDBClient({})), names.table, 'email');
});

const message = (): EmailMessage => ({ version: 1, id: randomUUID(), to: 'ada@example.com', template: 'signup-attempt', data: { name: 'Ada' } });

/** SES is the boundary we cannot run: this sender fails on purpose, then recovers. */
function flakySender(failures: number): EmailSender & { sent: number } {
  const sender = {
    sent: 0,
    send: async () => {
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
      }
      sender.sent += 1;
    },
  };
  return sender;
}

describe('email delivery when sending fails', () => {
  it('releases its claim on failure, so the retry sends exactly once', async () => {
    const sender = flakySender(1);
    const email = message();
    const deps = { ledger, sender, links: { apiUrl: 'https://x' }, leaseSeconds: 60 };
    await expect(deliverEmail(email, deps)).rejects.toThrow('Maximum sending rate');
    metrics.clearMetrics();
    expect(await deliverEmail(email, deps)).toBe('sent');
    expect(await deliverEmail(email, deps)).toBe('duplicate');
    expect(sender.sent).toBe(1);
    // One EmailsSent for the one email, none for the duplicate.
    expect(metrics.serializeMetrics()).toMatchObject({ EmailsSent: 1 });
  });

  it('refuses to send while another delivery of the same message holds the claim', async () => {
    const email = message();
    expect(await ledger.claim(email.id, 60)).toBe('claimed'); // a concurrent worker, mid-send
    const sender = flakySender(0);
    await expect(deliverEmail(email, { ledger, sender, links: { apiUrl: 'https://x' }, leaseSeconds: 60 })).rejects.toBeInstanceOf(DeliveryInProgressError);
    expect(sender.sent).toBe(0);
  });

  it('takes over a claim whose lease ran out (a worker that died mid-send)', async () => {
    const email = message();
    expect(await ledger.claim(email.id, -1)).toBe('claimed'); // already expired
    const sender = flakySender(0);
    expect(await deliverEmail(email, { ledger, sender, links: { apiUrl: 'https://x' }, leaseSeconds: 60 })).toBe('sent');
  });
});
