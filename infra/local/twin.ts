import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { join, resolve } from 'node:path';
import { ACCESS_TOKEN_AUDIENCE } from '../../shared/auth/access-token.ts';
import { JwksStore } from '../../shared/auth/jwks-store.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { toKeyMaterial } from '../../shared/auth/keys.ts';
import { corsPolicy, parseAllowedOrigins } from '../../shared/http/cors-policy.ts';
import type { Area } from '../../shared/http/route-definition.ts';
import { QUEUES, type QueueId } from '../resources.ts';
import { startEventSourcePoller, type RunningPoller, type SqsHandler } from './event-source-poller.ts';
import { startLocalApi } from './http-server.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment, type EmulatorEndpoints } from './local-aws.ts';
import { provisionResources, type ProvisionedQueue } from './provision.ts';
import { localResourceNames, type LocalResourceNames } from './resource-names.ts';

export interface TwinOptions {
  readonly endpoints: EmulatorEndpoints;
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  readonly host?: string;
  /** Resource prefix; one per test file keeps their data apart. */
  readonly prefix?: string;
  /** Where the outbox and other local state live. */
  readonly stateDirectory: string;
  /** Overrides the queues' visibility timeout (tests want retries in seconds). */
  readonly visibilityTimeoutSeconds?: number;
  /** Extra environment for the handlers (e.g. RATE_LIMIT_SCALE). */
  readonly environment?: Record<string, string>;
  readonly onError?: (error: Error) => void;
}

export interface RunningTwin {
  readonly url: string;
  readonly names: LocalResourceNames;
  readonly queues: Record<QueueId, ProvisionedQueue>;
  readonly pollers: Record<QueueId, RunningPoller>;
  readonly outboxDirectory: string;
  readonly environment: Record<string, string>;
  stop(): Promise<void>;
}

const loadArea = async (area: Area) =>
  ((await import(new URL(`../../functions/${area}/index.ts`, import.meta.url).href)) as { handler: never }).handler;

const loadWorker = async (worker: string): Promise<SqsHandler> =>
  ((await import(new URL(`../../functions/${worker}/index.ts`, import.meta.url).href)) as { handler: SqsHandler }).handler;

/** Locally, the twin plays the key-rotation function: it publishes the public keys for verifiers. */
async function publishLocalKeys(keysFile: string, tableName: string, endpoints: EmulatorEndpoints): Promise<void> {
  const client = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: endpoints.dynamodb });
  try {
    const material = await toKeyMaterial(await new FileKeySource(keysFile).read());
    await new JwksStore(DynamoDBDocumentClient.from(client), tableName).publish(material.publicJwks);
  } finally {
    client.destroy();
  }
}

/**
 * The local twin of the deployed stack: resources provisioned from the CDK's
 * definitions, the handler modules behind a local API Gateway, and one poller
 * per queue standing in for the Lambda event source mappings.
 *
 * Handlers read their configuration from the environment, as in Lambda, so the
 * twin sets it before the first handler module is imported.
 */
export async function startTwin(options: TwinOptions): Promise<RunningTwin> {
  const names = localResourceNames(options.prefix);
  const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...clientConfig, endpoint: options.endpoints.sqs });
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: options.endpoints.dynamodb });
  const s3 = new S3Client({ ...clientConfig, endpoint: options.endpoints.s3, forcePathStyle: true });

  const queues = await provisionResources({ dynamodb, s3, sqs }, names, {
    ...(options.visibilityTimeoutSeconds !== undefined ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds } : {}),
  });
  dynamodb.destroy();
  s3.destroy();

  const outboxDirectory = resolve(join(options.stateDirectory, 'outbox', names.prefix));
  const api = await startLocalApi({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    cors: corsPolicy(parseAllowedOrigins(process.env.CORS_ALLOW_ORIGINS)),
    outboxDirectory,
    loadArea,
    ...(options.onError ? { onError: options.onError } : {}),
  });

  const environment: Record<string, string> = {
    ...localAwsEnvironment(options.endpoints),
    TABLE_NAME: names.table,
    UPLOADS_BUCKET: names.buckets.uploads,
    MEDIA_BUCKET: names.buckets.media,
    EMAIL_QUEUE_URL: queues.email.url,
    IMAGE_QUEUE_URL: queues.image.url,
    API_URL: api.url,
    // Links lead to the twin's own pages unless APP_URL names an app that serves them.
    ...(process.env.APP_URL ? { APP_URL: process.env.APP_URL } : {}),
    MAIL_FROM: process.env.MAIL_FROM ?? 'Kindred <no-reply@kindred.local>',
    EMAIL_TRANSPORT: 'outbox',
    EMAIL_OUTBOX_DIR: outboxDirectory,
    ACCESS_TOKEN_ISSUER: api.url,
    ACCESS_TOKEN_AUDIENCE,
    LOCAL_KEYS_FILE: resolve(join(options.stateDirectory, 'keys.json')),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // CloudWatch metrics mean nothing on a laptop; the counting code still runs.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    ...options.environment,
  };
  Object.assign(process.env, environment);
  await publishLocalKeys(environment.LOCAL_KEYS_FILE!, names.table, options.endpoints);

  const pollers = {} as Record<QueueId, RunningPoller>;
  for (const id of Object.keys(QUEUES) as QueueId[]) {
    const definition = QUEUES[id];
    pollers[id] = startEventSourcePoller({
      sqs,
      queueUrl: queues[id].url,
      queueArn: queues[id].arn,
      batchSize: definition.batchSize,
      functionName: `kindred-${definition.worker}`,
      timeoutSeconds: definition.workerTimeoutSeconds,
      loadHandler: () => loadWorker(definition.worker),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  return {
    url: api.url,
    names,
    queues,
    pollers,
    outboxDirectory,
    environment,
    stop: async () => {
      await api.stop();
      await Promise.all(Object.values(pollers).map((poller) => poller.stop()));
      sqs.destroy();
    },
  };
}
