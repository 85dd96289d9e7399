import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { JavaMissingError } from './dynamodb-local.ts';
import { startEmulators, type RunningEmulators } from './emulators.ts';
import { OUTBOX_PATH } from './outbox-pages.ts';
import { startTwin, type RunningTwin } from './twin.ts';

/**
 * `npm start`: the whole stack on this machine, with no AWS account. Data
 * lives under .kindred/ and survives restarts (queued messages do not).
 */
const STATE_DIRECTORY = resolve(process.env.KINDRED_STATE_DIR ?? '.kindred');
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  // The SDK warns that it will soon need Node 22 (Lambda's runtime); locally on Node 20 that is noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const startedAt = performance.now();
  mkdirSync(STATE_DIRECTORY, { recursive: true, mode: 0o700 }); // tables, keys and mail: this user's only
  let emulators: RunningEmulators | undefined;
  let twin: RunningTwin | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Kindred…');
    await twin?.stop().catch(() => undefined);
    await emulators?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    emulators = await startEmulators({
      dataDirectory: STATE_DIRECTORY,
      ports: {
        dynamodb: emulatorPort('KINDRED_DYNAMODB_PORT', 8000),
        s3: emulatorPort('KINDRED_S3_PORT', 4569),
        sqs: emulatorPort('KINDRED_SQS_PORT', 9324),
      },
    });
    twin = await startTwin({
      endpoints: emulators.endpoints,
      port,
      stateDirectory: STATE_DIRECTORY,
      onError: (error) => console.error(`[kindred] ${error.message}`),
    });
  } catch (error) {
    if (error instanceof JavaMissingError) console.error(error.message);
    else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`A port Kindred needs is taken (${(error as Error).message}). Stop the other process or set PORT / KINDRED_*_PORT.`);
    } else console.error(`Kindred could not start: ${(error as Error).message}`);
    await stop(1);
    return;
  }

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Kindred is running locally (ready in ${seconds} s). Press Ctrl-C to stop.

  API            ${twin.url}/api/v1
  Health         ${twin.url}/health
  API reference  ${twin.url}/docs
  OpenAPI        ${twin.url}/openapi.json
  Local mail     ${twin.url}${OUTBOX_PATH}

  DynamoDB Local ${emulators.endpoints.dynamodb}  table ${twin.names.table}
  S3 (s3rver)    ${emulators.endpoints.s3}  buckets ${Object.values(twin.names.buckets).join(', ')}
  SQS            ${emulators.endpoints.sqs}  queues ${Object.values(twin.names.queues).join(', ')}
  State          ${STATE_DIRECTORY}
`);
}

void main();
