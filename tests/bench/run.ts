/**
 * `npm run bench`: measures what users of an identity backend care about, side
 * by side with what they would otherwise use, and records it in
 * tests/bench/results.{md,json} with the machine, Node version and date.
 * Not a test: nothing here asserts on time.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { JavaMissingError } from '../../infra/local/dynamodb-local.ts';
import { startEmulators } from '../../infra/local/emulators.ts';
import { readOutbox } from '../../infra/local/outbox-pages.ts';
import { startTwin, type RunningTwin } from '../../infra/local/twin.ts';
import { hashPassword, verifyPassword } from '../../shared/auth/passwords.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { s3 } from '../../shared/clients/s3.ts';
import { processImage } from '../../shared/photos/image-processing.ts';
import { uploadKey, VARIANTS } from '../../shared/photos/photo-model.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';
import { measureBundles } from './bundles.ts';
import { measureHttp } from './http.ts';
import { imageMemoryFigures } from './image-memory.ts';
import { percentile, round, sleep, throughputFigures, timed, type Figure } from './measure.ts';
import { apiEvent, expectRoute, lambdaContext, type ApiHandler } from './in-process.ts';
import { measureFriends } from './friends.ts';
import { measureHealth } from './health.ts';
import { measureJournal } from './journal.ts';
import { measureRoutes } from './routes.ts';
import { pendingPhoto } from '../support/photo-records.ts';

const PASSWORD = 'bench passphrase 123';

async function passwordFigures(): Promise<Figure[]> {
  const section = 'Passwords';
  const hashes: number[] = [];
  let phc = '';
  for (let index = 0; index < 20; index += 1) {
    const t0 = performance.now();
    phc = await hashPassword(`bench password ${index}`);
    hashes.push(performance.now() - t0);
  }
  hashes.sort((a, b) => a - b);
  const verifyStart = performance.now();
  await verifyPassword(phc, 'bench password 19');
  return [
    { section, name: 'argon2id hash (m=19 MiB, t=2, p=1)', value: round(percentile(hashes, 50)), unit: 'ms p50', note: `p99 ${round(percentile(hashes, 99))} ms` },
    { section, name: 'argon2id verify', value: round(performance.now() - verifyStart), unit: 'ms' },
  ];
}

async function imageFigures(): Promise<{ figures: Figure[]; photo: Buffer }> {
  const section = 'Images';
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
  return {
    photo,
    figures: [
      { section, name: `bare sharp: 3 resizes of a 12 MP JPEG (${round(photo.length / 2 ** 20)} MB)`, value: round(images / bare.seconds, 2), unit: 'images/s' },
      { section, name: 'Kindred processing (sniff, limits, upright, 3 variants, placeholder)', value: round(images / checked.seconds, 2), unit: 'images/s' },
    ],
  };
}

/** The whole worker path as in production: upload to S3 -> notification -> queue -> worker -> ready. */
async function pipelineFigure(twin: RunningTwin, photo: Buffer): Promise<Figure> {
  const photos = new PhotoRepository(dynamo(), twin.names.table);
  const images = 8;
  const pending = await Promise.all(
    Array.from({ length: images }, () => pendingPhoto(dynamo(), twin.names.table)),
  );
  const started = performance.now();
  await Promise.all(pending.map(({ userId, photoId }) => s3().send(new PutObjectCommand({ Bucket: twin.names.buckets.uploads, Key: uploadKey(userId, photoId), Body: photo }))));
  for (const { userId, photoId } of pending) {
    while ((await photos.find(userId, photoId))?.status === 'pending') await sleep(50);
  }
  return { section: 'Images', name: 'full pipeline (S3 upload -> queue -> worker -> ready), one worker process', value: round(images / ((performance.now() - started) / 1000), 2), unit: 'images/s' };
}

/** CPU per request of the whole middleware stack on a route that does no I/O, beside a bare handler. */
async function middlewareFigure(): Promise<Figure> {
  const { handler } = (await import('../../functions/system/index.ts')) as { handler: ApiHandler };
  const bare: ApiHandler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'ok' }) });
  const requests = 5000;
  const cpuPerRequest = async (run: ApiHandler) => {
    const events = Array.from({ length: requests }, () => apiEvent({ method: 'GET', path: '/health' }).event);
    for (const event of events.slice(0, 200)) await run(event, lambdaContext); // warm up the JIT
    const start = process.cpuUsage();
    for (const event of events) await run(event, lambdaContext);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / requests;
  };
  const stack = await cpuPerRequest(handler);
  const floor = await cpuPerRequest(bare);
  return { section: 'Middleware', name: 'CPU per request, GET /health through the middy stack', value: round(stack), unit: 'µs', note: `bare handler ${round(floor, 2)} µs` };
}

/** Login and refresh, the hottest paths, at concurrency 1 and 2 (this machine's cores), and failed-login timing. */
async function accountFigures(twin: RunningTwin): Promise<Figure[]> {
  const section = 'Accounts';
  const call = async (request: Parameters<typeof expectRoute>[0], status = 200) => (await expectRoute(request, status)) as Record<string, string>;
  const people = 20;
  for (let index = 0; index < people; index += 1) {
    await call({ method: 'POST', path: '/api/v1/auth/register', body: { email: `bench${index}@example.com`, password: PASSWORD, name: `Bench ${index}` } }, 202);
  }
  let emails = await readOutbox(twin.outboxDirectory);
  while (emails.length < people) {
    await sleep(200);
    emails = await readOutbox(twin.outboxDirectory);
  }
  for (const email of emails) {
    const token = new URL(/https?:\/\/\S+/.exec(email.text)![0]).searchParams.get('token');
    await call({ method: 'POST', path: '/api/v1/auth/confirm', body: { token, password: PASSWORD } }, 204);
  }
  const login = (index: number) => call({ method: 'POST', path: '/api/v1/auth/login', body: { email: `bench${index % people}@example.com`, password: PASSWORD } });

  const figures: Figure[] = [];
  for (const concurrency of [1, 2]) {
    figures.push(...throughputFigures(section, `login, concurrency ${concurrency}`, 100, await timed(100, concurrency, async (index) => void (await login(index)))));
  }
  // Enumeration by timing: an unknown email must cost what a wrong password costs.
  const failed = (email: string) => call({ method: 'POST', path: '/api/v1/auth/login', body: { email, password: 'not the password' } }, 401);
  const wrongPassword = await timed(40, 1, async (index) => void (await failed(`bench${index % people}@example.com`)));
  const unknownEmail = await timed(40, 1, async (index) => void (await failed(`nobody${index}@example.com`)));
  figures.push({
    section,
    name: 'failed login p50: wrong password',
    value: round(percentile(wrongPassword.latencies, 50)),
    unit: 'ms',
    note: `unknown email ${round(percentile(unknownEmail.latencies, 50))} ms`,
  });
  // The same for a reset request: a known address mails a link, an unknown one nothing; both answer 202 as slowly.
  const forgot = (email: string) => call({ method: 'POST', path: '/api/v1/auth/password/forgot', body: { email } }, 202);
  const knownAddress = await timed(20, 1, async (index) => void (await forgot(`bench${index % people}@example.com`)));
  const unknownAddress = await timed(20, 1, async (index) => void (await forgot(`nobody-forgot${index}@example.com`)));
  figures.push({
    section,
    name: 'password reset request p50: known address',
    value: round(percentile(knownAddress.latencies, 50)),
    unit: 'ms',
    note: `unknown address ${round(percentile(unknownAddress.latencies, 50))} ms`,
  });

  const tokens: string[] = [];
  for (let index = 0; index < 50; index += 1) tokens.push((await login(index)).refreshToken!);
  for (const concurrency of [1, 2]) {
    const run = await timed(200, concurrency, async (index) => {
      const slot = index % tokens.length;
      tokens[slot] = (await call({ method: 'POST', path: '/api/v1/auth/refresh', body: { refreshToken: tokens[slot] } })).refreshToken!;
    });
    figures.push(...throughputFigures(section, `refresh, concurrency ${concurrency}`, 200, run));
  }
  return figures;
}

function writeReport(figures: readonly Figure[]): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  const header = {
    date: new Date().toISOString(),
    node: process.version,
    machine,
    note: 'Handlers run in this process against DynamoDB Local, s3rver and local SQS on the same machine, unless a section says otherwise.',
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ ...header, figures }, null, 2)}\n`);
  const sections = [...new Set(figures.map((figure) => figure.section))];
  const tables = sections.map((section) =>
    [
      `## ${section}`,
      '',
      '| Figure | Value | Beside it |',
      '| --- | --- | --- |',
      ...figures.filter((figure) => figure.section === section).map((figure) => `| ${figure.name} | ${figure.value} ${figure.unit} | ${figure.note ?? ''} |`),
    ].join('\n'),
  );
  const markdown = `# Kindred benchmark\n\n${header.date} · Node ${header.node} · ${machine}\n\n${header.note}\n\n${tables.join('\n\n')}\n`;
  writeFileSync(new URL('./results.md', import.meta.url), markdown);
  console.log(markdown);
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const step = (name: string) => console.error(`bench: ${name}…`);

  // The emulators first: without them there is nothing to measure, and the reason should be the first thing said.
  step('starting DynamoDB Local, S3 and SQS');
  const emulators = await startEmulators();
  const figures: Figure[] = [];
  try {
    step('bundles');
    figures.push(...(await measureBundles()));
    step('passwords');
    figures.push(...(await passwordFigures()));
    step('images');
    const images = await imageFigures();
    figures.push(...images.figures);
    step('image memory');
    figures.push(...(await imageMemoryFigures()));

    const twin = await startTwin({
      endpoints: emulators.endpoints,
      port: 0,
      prefix: `bench-${Date.now().toString(36)}`,
      stateDirectory: mkdtempSync(join(tmpdir(), 'kindred-bench-')),
      environment: { RATE_LIMIT_SCALE: '100000', MAX_PHOTOS_PER_USER: '100' },
    });
    try {
      step('middleware');
      figures.push(await middlewareFigure());
      step('image pipeline');
      figures.push(await pipelineFigure(twin, images.photo));
      step('accounts');
      figures.push(...(await accountFigures(twin)));
      step('routes');
      figures.push(...(await measureRoutes(twin)));
      step('health');
      figures.push(...(await measureHealth(twin)));
      step('friends');
      figures.push(...(await measureFriends(twin)));
      step('journal');
      figures.push(...(await measureJournal(twin)));
      step('HTTP');
      const login = await fetch(`${twin.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench0@example.com', password: PASSWORD }) });
      figures.push(...(await measureHttp(twin.url, ((await login.json()) as { accessToken: string }).accessToken)));
    } finally {
      await twin.stop();
    }
  } finally {
    await emulators.stop();
  }
  writeReport(figures);
}

main().catch((error: Error) => {
  if (error instanceof JavaMissingError) console.error(`Cannot benchmark: ${error.message}`);
  else console.error(`Benchmark failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
