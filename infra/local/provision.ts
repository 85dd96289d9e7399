import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { readdirSync, readFileSync } from 'node:fs';
import { MEDIA_SEEDS, QUEUES, TABLE, type QueueId } from '../resources.ts';
import type { LocalResourceNames } from './resource-names.ts';

export interface ProvisionedQueue {
  readonly url: string;
  readonly arn: string;
  readonly deadLetterUrl: string;
  readonly deadLetterArn: string;
}

export interface ProvisionOptions {
  /**
   * Tests shorten visibility timeouts so retries happen in seconds, not minutes.
   * Keep it at 2 s or more: the pollers long-poll for 1 s, and the emulator can
   * redeliver a message inside one receive when the timeout is shorter than that.
   */
  readonly visibilityTimeoutSeconds?: number;
}

/**
 * Creates (or finds) the table, buckets and queues of one resource set, from
 * the same definitions the CDK stack uses. Safe to run against existing data.
 */
export async function provisionResources(
  clients: { dynamodb: DynamoDBClient; s3: S3Client; sqs: SQSClient },
  names: LocalResourceNames,
  options: ProvisionOptions = {},
): Promise<Record<QueueId, ProvisionedQueue>> {
  await createTable(clients.dynamodb, names.table);
  for (const bucket of Object.values(names.buckets)) await createBucket(clients.s3, bucket);
  await seedMedia(clients.s3, names.buckets.media);
  const queues = {} as Record<QueueId, ProvisionedQueue>;
  for (const id of Object.keys(QUEUES) as QueueId[]) {
    queues[id] = await createQueue(clients.sqs, names, id, options);
  }
  return queues;
}

const REPOSITORY_ROOT = new URL('../../', import.meta.url);

/** Copies the files every deployment ships into the media bucket, as the CDK stack's deployment does. */
async function seedMedia(client: S3Client, bucket: string): Promise<void> {
  for (const seed of MEDIA_SEEDS) {
    const directory = new URL(`${seed.sourceDirectory}/`, REPOSITORY_ROOT);
    await Promise.all(readdirSync(directory).map((name) => client.send(new PutObjectCommand({
      Bucket: bucket, Key: `${seed.keyPrefix}${name}`, Body: readFileSync(new URL(name, directory)), ContentType: seed.contentType, CacheControl: seed.cacheControl,
    }))));
  }
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const attributes = new Map<string, 'S' | 'N'>([
    [TABLE.partitionKey, 'S'],
    [TABLE.sortKey, 'S'],
  ]);
  for (const index of TABLE.globalSecondaryIndexes) {
    attributes.set(index.partitionKey, 'S');
    attributes.set(index.sortKey, index.sortKeyType ?? 'S');
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: index.projection.type,
            ...(index.projection.type === 'INCLUDE' ? { NonKeyAttributes: [...index.projection.attributes] } : {}),
          },
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}

async function createBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [{ AllowedMethods: ['POST', 'GET'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }],
      },
    }),
  );
}

async function createQueue(
  client: SQSClient,
  names: LocalResourceNames,
  id: QueueId,
  options: ProvisionOptions,
): Promise<ProvisionedQueue> {
  const definition = QUEUES[id];
  const deadLetter = await client.send(
    new CreateQueueCommand({
      QueueName: names.deadLetterQueues[id],
      Attributes: { MessageRetentionPeriod: String(definition.deadLetterRetentionDays * 86_400) },
    }),
  );
  const deadLetterArn = await queueArn(client, deadLetter.QueueUrl!);
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: names.queues[id],
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? definition.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(definition.retentionDays * 86_400),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: definition.maxReceiveCount }),
      },
    }),
  );
  return {
    url: queue.QueueUrl!,
    arn: await queueArn(client, queue.QueueUrl!),
    deadLetterUrl: deadLetter.QueueUrl!,
    deadLetterArn,
  };
}

async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return attributes.Attributes!.QueueArn!;
}
