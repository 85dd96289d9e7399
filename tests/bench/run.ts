/**
 * `npm run bench`: measures what users of an identity backend care about and
 * records it in tests/bench/results.{md,json} with the machine, Node version
 * and date. Not a test: nothing here asserts on time.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { JavaMissingError } from '../../infra/local/dynamodb-local.ts';
import { startEmulators } from '../../infra/local/emulators.ts';
import { startTwin } from '../../infra/local/twin.ts';
import { hashPassword, verifyPassword } from '../../shared/auth/passwords.ts';
import { readOutbox } from '../../infra/local/outbox-pages.ts';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { processImage } from '../../shared/photos/image-processing.ts';
import { uploadKey, VARIANTS } from '../../shared/photos/photo-model.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function event(routeKey: string, body: unknown): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'kindred-bench' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'kindred-bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

async function timed(count: number, concurrency: number, run: (index: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const t0 = performance.now();
        await run(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const figures: Figure[] = [];

  // Password hashing on its own.
  const hashes: number[] = [];
  let phc = '';
  for (let index = 0; index < 20; index += 1) {
    const t0 = performance.now();
    phc = await hashPassword(`bench password ${index}`);
    hashes.push(performance.now() - t0);
  }
  hashes.sort((a, b) => a - b);
  figures.push({ name: 'argon2id hash (m=19 MiB, t=2, p=1), p50', value: round(percentile(hashes, 50)), unit: 'ms' });
  figures.push({ name: 'argon2id hash, p99', value: round(percentile(hashes, 99)), unit: 'ms' });
  const verifyStart = performance.now();
  await verifyPassword(phc, 'bench password 19');
  figures.push({ name: 'argon2id verify', value: round(performance.now() - verifyStart), unit: 'ms' });

  // Image pipeline: bare sharp doing the same three resizes, our checks and conversion, then the whole worker path.
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
  const images = 8;
  const bare = await timed(images, 1, async () => {
    for (const size of Object.values(VARIANTS)) {
      await sharp(photo).rotate().resize({ width: size.width, height: size.height, fit: size.fit }).webp({ quality: 82 }).toBuffer();
    }
  });
  const checked = await timed(images, 1, async () => void (await processImage(photo)));
  figures.push({ name: `image: bare sharp, 3 resizes of a 12 MP JPEG (${round(photo.length / 2 ** 20)} MB)`, value: round(images / bare.seconds, 2), unit: 'images/s' });
  figures.push({ name: 'image: Kindred processing (sniff, limits, upright, 3 variants, placeholder)', value: round(images / checked.seconds, 2), unit: 'images/s' });

  const emulators = await startEmulators();
  const twin = await startTwin({
    endpoints: emulators.endpoints,
    port: 0,
    prefix: `bench-${Date.now().toString(36)}`,
    stateDirectory: mkdtempSync(join(tmpdir(), 'kindred-bench-')),
    environment: { RATE_LIMIT_SCALE: '100000' },
  });
  try {
    const { handler } = (await import('../../functions/auth/index.ts')) as { handler: Handler };
    const context = {} as Context;
    const call = async (routeKey: string, body: unknown) => {
      const response = await handler(event(routeKey, body), context);
      if ((response.statusCode ?? 500) >= 300) throw new Error(`${routeKey} answered ${response.statusCode}: ${response.body}`);
      return response.body ? JSON.parse(response.body) : undefined;
    };

    // Accounts to log in with, confirmed through the real emailed links.
    const people = 20;
    for (let index = 0; index < people; index += 1) {
      await call('POST /api/v1/auth/register', { email: `bench${index}@example.com`, password: 'bench passphrase 123', name: `Bench ${index}` });
    }
    let emails = await readOutbox(twin.outboxDirectory);
    while (emails.length < people) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      emails = await readOutbox(twin.outboxDirectory);
    }
    for (const email of emails) {
      const token = new URL(/https?:\/\/\S+/.exec(email.text)![0]).searchParams.get('token');
      await call('POST /api/v1/auth/confirm', { token });
    }

    for (const concurrency of [1, 2]) {
      const logins = await timed(100, concurrency, async (index) => {
        await call('POST /api/v1/auth/login', { email: `bench${index % people}@example.com`, password: 'bench passphrase 123' });
      });
      figures.push({ name: `login, concurrency ${concurrency}: throughput`, value: round(100 / logins.seconds), unit: 'req/s' });
      figures.push({ name: `login, concurrency ${concurrency}: p50 / p99`, value: round(percentile(logins.latencies, 50)), unit: 'ms', note: `p99 ${round(percentile(logins.latencies, 99))} ms` });
    }

    // Enumeration by timing: an unknown email must cost what a wrong password costs.
    const failedLogin = async (email: string) => {
      const response = await handler(event('POST /api/v1/auth/login', { email, password: 'not the password' }), context);
      if (response.statusCode !== 401) throw new Error(`expected 401, got ${response.statusCode}`);
    };
    const wrongPassword = await timed(40, 1, (index) => failedLogin(`bench${index % people}@example.com`));
    const unknownEmail = await timed(40, 1, (index) => failedLogin(`nobody${index}@example.com`));
    figures.push({
      name: 'failed login p50: wrong password vs unknown email',
      value: round(percentile(wrongPassword.latencies, 50)),
      unit: 'ms',
      note: `unknown email ${round(percentile(unknownEmail.latencies, 50))} ms`,
    });

    // The full pipeline as in production: upload to S3 -> notification -> queue -> worker -> ready.
    const { dynamo: documentClient } = await import('../../shared/clients/dynamodb.ts');
    const { s3: s3Client } = await import('../../shared/clients/s3.ts');
    const photoRepo = new PhotoRepository(documentClient(), twin.names.table);
    const pending = await Promise.all(
      Array.from({ length: images }, async () => {
        const userId = randomUUID();
        const photoId = randomUUID();
        await photoRepo.create({ userId, photoId, status: 'pending', contentType: 'image/jpeg', createdAt: new Date().toISOString(), uploadExpiresAt: new Date(Date.now() + 300_000).toISOString() });
        return { userId, photoId };
      }),
    );
    const pipelineStart = performance.now();
    await Promise.all(pending.map(({ userId, photoId }) => s3Client().send(new PutObjectCommand({ Bucket: twin.names.buckets.uploads, Key: uploadKey(userId, photoId), Body: photo }))));
    for (const { userId, photoId } of pending) {
      while ((await photoRepo.find(userId, photoId))?.status === 'pending') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pipelineSeconds = (performance.now() - pipelineStart) / 1000;
    figures.push({ name: 'image: full pipeline (S3 upload -> queue -> worker -> ready), one worker process', value: round(images / pipelineSeconds, 2), unit: 'images/s' });

    const tokens: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      tokens.push((await call('POST /api/v1/auth/login', { email: `bench${index % people}@example.com`, password: 'bench passphrase 123' })).refreshToken);
    }
    for (const concurrency of [1, 2]) {
      const refreshes = await timed(200, concurrency, async (index) => {
        const slot = index % tokens.length;
        tokens[slot] = (await call('POST /api/v1/auth/refresh', { refreshToken: tokens[slot] })).refreshToken;
      });
      figures.push({ name: `refresh, concurrency ${concurrency}: throughput`, value: round(200 / refreshes.seconds), unit: 'req/s' });
      figures.push({ name: `refresh, concurrency ${concurrency}: p50 / p99`, value: round(percentile(refreshes.latencies, 50)), unit: 'ms', note: `p99 ${round(percentile(refreshes.latencies, 99))} ms` });
    }
  } finally {
    await twin.stop();
    await emulators.stop();
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  const header = { date: new Date().toISOString(), node: process.version, machine, note: 'In-process handlers against DynamoDB Local on the same machine; one Node process.' };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ ...header, figures }, null, 2)}\n`);
  const table = ['| Figure | Value | Note |', '| --- | --- | --- |', ...figures.map((figure) => `| ${figure.name} | ${figure.value} ${figure.unit} | ${figure.note ?? ''} |`)];
  const markdown = `# Kindred benchmark\n\n${header.date} · Node ${header.node} · ${machine}\n\n${header.note}\n\n${table.join('\n')}\n`;
  writeFileSync(new URL('./results.md', import.meta.url), markdown);
  console.log(markdown);
}

main().catch((error: Error) => {
  if (error instanceof JavaMissingError) console.error(`Cannot benchmark: ${error.message}`);
  else console.error(`Benchmark failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
