import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import S3rver from 's3rver';
import { BUCKETS } from '../resources.ts';
import { assertJavaAvailable, startDynamoDbLocal } from './dynamodb-local.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION, type EmulatorEndpoints } from './local-aws.ts';
import { notificationQueueFor } from './resource-names.ts';
import { toS3Notification, type S3rverEvent } from './s3-notifications.ts';

export interface EmulatorPorts {
  readonly dynamodb: number;
  readonly s3: number;
  readonly sqs: number;
}

export interface RunningEmulators {
  readonly endpoints: EmulatorEndpoints;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Fixed ports, or free ones when omitted. */
  readonly ports?: Partial<EmulatorPorts>;
  /** Keep DynamoDB and S3 data here between runs; in memory / a temp folder otherwise. */
  readonly dataDirectory?: string;
  readonly onWarning?: (message: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts DynamoDB Local, s3rver and the SQS emulator, and forwards uploads
 * buckets' object-created events to their image queue as S3 notifications.
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  assertJavaAvailable(); // before anything starts, so a missing Java is one clear sentence
  const ports: EmulatorPorts = {
    dynamodb: options.ports?.dynamodb ?? (await freePort()),
    s3: options.ports?.s3 ?? (await freePort()),
    sqs: options.ports?.sqs ?? (await freePort()),
  };
  const stops: Array<() => Promise<void>> = [];
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  try {
    const sqsServer: Server = await createSqsServer({
      port: ports.sqs,
      hostname: '127.0.0.1',
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      emulateQueueCreationLifecycle: false,
    });
    stops.push(() => new Promise<void>((resolve) => sqsServer.close(() => resolve())));
    const sqsEndpoint = `http://127.0.0.1:${ports.sqs}`;

    const s3 = new S3rver({
      address: '127.0.0.1',
      port: ports.s3,
      silent: true,
      directory: options.dataDirectory ? join(options.dataDirectory, 's3') : join(process.env.TMPDIR ?? '/tmp', `kindred-s3-${process.pid}-${ports.s3}`),
      resetOnClose: !options.dataDirectory,
      vhostBuckets: false,
    });
    await s3.run();
    stops.push(() => s3.close());
    forwardUploadNotifications(s3, sqsEndpoint, warn);

    const dynamodb = await startDynamoDbLocal({
      port: ports.dynamodb,
      ...(options.dataDirectory ? { dataDirectory: join(options.dataDirectory, 'dynamodb') } : {}),
    });
    stops.push(() => dynamodb.stop());

    return {
      endpoints: { dynamodb: dynamodb.endpoint, s3: `http://127.0.0.1:${ports.s3}`, sqs: sqsEndpoint },
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

function forwardUploadNotifications(s3: S3rver, sqsEndpoint: string, warn: (message: string) => void): void {
  const sqs = new SQSClient({ endpoint: sqsEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const queueUrls = new Map<string, Promise<string>>();
  const queueUrl = (name: string) => {
    let url = queueUrls.get(name);
    if (!url) {
      url = sqs.send(new GetQueueUrlCommand({ QueueName: name })).then((found) => found.QueueUrl!);
      url.catch(() => queueUrls.delete(name)); // not created yet: look it up again next time
      queueUrls.set(name, url);
    }
    return url;
  };
  // S3rver is a Koa app, and so an EventEmitter; its typings leave that out.
  (s3 as unknown as EventEmitter).on('event', (event: S3rverEvent) => {
    const record = event.Records[0];
    if (!record || !record.eventName.startsWith('ObjectCreated:')) return;
    if (!record.s3.object.key.startsWith(BUCKETS.uploads.keyPrefix)) return;
    const queueName = notificationQueueFor(record.s3.bucket.name);
    if (!queueName) return;
    void (async () => {
      await sqs.send(new SendMessageCommand({ QueueUrl: await queueUrl(queueName), MessageBody: JSON.stringify(toS3Notification(event, LOCAL_REGION)) }));
    })().catch((error: Error) => warn(`Could not forward an S3 notification to ${queueName}: ${error.message}`));
  });
}
