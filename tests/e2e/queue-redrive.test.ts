import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { startEventSourcePoller, type RunningPoller } from '../../infra/local/event-source-poller.ts';
import { provisionResources, type ProvisionedQueue } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { QUEUES } from '../../infra/resources.ts';
import { createSqsWorker } from '../../shared/queue/sqs-worker.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';
import { waitFor } from '../support/wait.ts';

const attempts = new Map<string, number>();
const completed: string[] = [];

/** A real worker (same stack as production) whose handler fails on purpose. */
const worker = createSqsWorker(z.strictObject({ name: z.string(), behaviour: z.enum(['ok', 'flaky', 'poison']) }), async (message) => {
  const attempt = (attempts.get(message.name) ?? 0) + 1;
  attempts.set(message.name, attempt);
  if (message.behaviour === 'poison') throw new Error('this record can never succeed');
  if (message.behaviour === 'flaky' && attempt === 1) throw new Error('a transient failure');
  completed.push(message.name);
});

let sqs: SQSClient;
let queue: ProvisionedQueue;
let poller: RunningPoller;

beforeAll(async () => {
  useEmulatorEnvironment();
  sqs = new SQSClient({});
  const queues = await provisionResources(
    { dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs },
    localResourceNames(uniquePrefix('redrive')),
    { visibilityTimeoutSeconds: 2 },
  );
  queue = queues.email;
  poller = startEventSourcePoller({
    sqs,
    queueUrl: queue.url,
    queueArn: queue.arn,
    batchSize: 10,
    functionName: 'test-worker',
    timeoutSeconds: 10,
    loadHandler: async () => worker,
  });
});

afterAll(async () => {
  await poller.stop();
});

describe('queue processing like the Lambda event source mapping', () => {
  it('retries only the failed record, and dead-letters a poison record after maxReceiveCount', async () => {
    const entries = [
      { name: 'steady-1', behaviour: 'ok' },
      { name: 'flaky', behaviour: 'flaky' },
      { name: 'steady-2', behaviour: 'ok' },
      { name: 'poison', behaviour: 'poison' },
    ];
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: entries.map((entry, index) => ({ Id: String(index), MessageBody: JSON.stringify(entry) })),
      }),
    );

    await waitFor(() => (completed.length === 3 ? true : undefined), 15_000);
    expect([...completed].sort()).toEqual(['flaky', 'steady-1', 'steady-2']);
    expect(attempts.get('steady-1')).toBe(1);
    expect(attempts.get('steady-2')).toBe(1);
    expect(attempts.get('flaky')).toBe(2);

    const deadLettered = await waitFor(async () => {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.deadLetterUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
      return received.Messages?.length ? received.Messages : undefined;
    }, 25_000);
    expect(deadLettered.map((message) => JSON.parse(message.Body!).name)).toEqual(['poison']);
    expect(attempts.get('poison')).toBe(QUEUES.email.maxReceiveCount);

    // Nothing is left behind: the successes were deleted and the poison record moved out.
    await poller.stop();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible)).toBe(0);
  }, 60_000);
});
