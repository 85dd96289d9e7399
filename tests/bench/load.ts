/**
 * `npm run load`: simulated people go through register -> confirm -> login
 * -> me -> refresh -> upload -> photo ready against a twin, for a bounded
 * time, then the run checks integrity: every person exists exactly once,
 * every session and photo is accounted for, and no queue holds messages.
 * Traffic stays on 127.0.0.1. Options: LOAD_PEOPLE (default 20), LOAD_SECONDS (60).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startEmulators } from '../../infra/local/emulators.ts';
import { readOutbox } from '../../infra/local/outbox-pages.ts';
import { startTwin } from '../../infra/local/twin.ts';
import { emailOwnershipKey } from '../../shared/accounts/table-keys.ts';

const PEOPLE = Number(process.env.LOAD_PEOPLE ?? 20);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const PASSWORD = 'load test passphrase';

interface Step {
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
}

const steps: Step[] = [];

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const emulators = await startEmulators();
  const twin = await startTwin({
    endpoints: emulators.endpoints,
    port: 0,
    prefix: `load-${Date.now().toString(36)}`,
    stateDirectory: mkdtempSync(join(tmpdir(), 'kindred-load-')),
    visibilityTimeoutSeconds: 30,
    environment: { RATE_LIMIT_SCALE: '100000' },
  });
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6a8' } }).jpeg().toBuffer();
  const deadline = Date.now() + SECONDS * 1000;
  const finished: Array<{ email: string; photoId: string }> = [];

  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      const result = await run();
      steps.push({ name, ms: performance.now() - started, ok: true });
      return result;
    } catch (error) {
      steps.push({ name, ms: performance.now() - started, ok: false });
      throw error;
    }
  };
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${twin.url}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 120)}`);
    return text ? JSON.parse(text) : undefined;
  };

  const person = async (worker: number): Promise<void> => {
    for (let round = 0; Date.now() < deadline; round += 1) {
      const email = `load-${worker}-${round}@example.com`;
      try {
        await timed('register', () => call('POST', '/api/v1/auth/register', { email, password: PASSWORD, name: `Load ${worker}` }));
        const link = await timed('confirmation email', async () => {
          for (;;) {
            const mail = (await readOutbox(twin.outboxDirectory)).find((entry) => entry.to === email);
            if (mail) return new URL(/https?:\/\/\S+/.exec(mail.text)![0]);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        });
        await timed('confirm', () => call('POST', '/api/v1/auth/confirm', { token: link.searchParams.get('token'), password: PASSWORD }));
        const pair = await timed('login', () => call('POST', '/api/v1/auth/login', { email, password: PASSWORD }));
        await timed('me', () => call('GET', '/api/v1/me', undefined, pair.accessToken));
        const fresh = await timed('refresh', () => call('POST', '/api/v1/auth/refresh', { refreshToken: pair.refreshToken }));
        const upload = await timed('photo form', () => call('POST', '/api/v1/me/photos', { contentType: 'image/jpeg', contentLength: photo.length }, fresh.accessToken));
        await timed('photo upload', async () => {
          const form = new FormData();
          for (const [name, value] of Object.entries(upload.upload.fields as Record<string, string>)) form.append(name, value);
          form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'load.jpg');
          const response = await fetch(upload.upload.url, { method: 'POST', body: form });
          if (response.status >= 300) throw new Error(`upload ${response.status}`);
        });
        await timed('photo ready', async () => {
          for (;;) {
            const view = await call('GET', `/api/v1/me/photos/${upload.photoId}`, undefined, fresh.accessToken);
            if (view.status === 'ready') return;
            if (view.status === 'rejected') throw new Error(`photo rejected: ${view.rejectionReason}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        });
        finished.push({ email, photoId: upload.photoId });
      } catch (error) {
        console.error(`[person ${worker}] ${(error as Error).message}`);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: PEOPLE }, (_, worker) => person(worker)));
  const elapsed = (performance.now() - started) / 1000;

  // Integrity: each journey left exactly one account with its session and a ready photo; queues are drained.
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: emulators.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }));
  const problems: string[] = [];
  for (const journey of finished) {
    const owner = await db.send(new QueryCommand({ TableName: twin.names.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': emailOwnershipKey(journey.email).pk } }));
    if (owner.Items?.length !== 1) {
      problems.push(`${journey.email}: ${owner.Items?.length ?? 0} owner items`);
      continue;
    }
    const items = await db.send(new QueryCommand({ TableName: twin.names.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `USER#${owner.Items[0]!.userId}` } }));
    const kinds = (items.Items ?? []).map((item) => String(item.sk).split('#')[0]);
    if (kinds.filter((kind) => kind === 'PROFILE').length !== 1) problems.push(`${journey.email}: profile missing or doubled`);
    if (kinds.filter((kind) => kind === 'SESSION').length !== 1) problems.push(`${journey.email}: expected one session`);
    const photos = (items.Items ?? []).filter((item) => String(item.sk).startsWith('PHOTO#'));
    if (photos.length !== 1 || photos[0]!.status !== 'ready') problems.push(`${journey.email}: photo not ready`);
  }
  const sqs = new SQSClient({ endpoint: emulators.endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  for (const queue of Object.values(twin.queues)) {
    for (const url of [queue.url, queue.deadLetterUrl]) {
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      const left = Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      if (left > 0) problems.push(`${url.split('/').pop()}: ${left} message(s) left`);
    }
  }
  await twin.stop();
  await emulators.stop();

  const percentile = (values: number[], p: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
  console.log(`\n${PEOPLE} simulated people for ${SECONDS} s: ${finished.length} complete journeys in ${elapsed.toFixed(1)} s (${(finished.length / elapsed).toFixed(2)} journeys/s)\n`);
  console.log('| Step | Count | Errors | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
  for (const name of [...new Set(steps.map((step) => step.name))]) {
    const mine = steps.filter((step) => step.name === name);
    const durations = mine.map((step) => step.ms);
    console.log(`| ${name} | ${mine.length} | ${mine.filter((step) => !step.ok).length} | ${percentile(durations, 50).toFixed(1)} | ${percentile(durations, 99).toFixed(1)} |`);
  }
  console.log(problems.length === 0 ? '\nIntegrity: every person exists once with one session and a ready photo; all queues and DLQs are empty.' : `\nIntegrity problems:\n${problems.join('\n')}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((error: Error) => {
  console.error(`Load run failed: ${error.message}`);
  process.exit(1);
});
