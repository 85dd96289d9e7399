/**
 * Per route, in process against DynamoDB Local: the handler's latency beside
 * the time spent in the DynamoDB calls it makes (measured at the SDK, so what
 * the same calls cost with no handler around them), the number of calls and
 * the capacity they consumed (ReturnConsumedCapacity), per request.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { RunningTwin } from '../../infra/local/twin.ts';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { toKeyMaterial } from '../../shared/auth/keys.ts';
import { mintLinkToken } from '../../shared/auth/link-tokens.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { normalizeEmail } from '../../shared/accounts/email-address.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';
import { pendingPhoto } from '../support/photo-records.ts';
import { callRoute, expectRoute, type BenchRequest } from './in-process.ts';
import { median, percentile, round, type Figure } from './measure.ts';

export interface DynamoCall {
  readonly command: string;
  readonly start: number;
  readonly end: number;
  readonly rcu: number;
  readonly wcu: number;
  /** Items the call returned (Query, BatchGet, Get). */
  readonly items: number;
}

type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };

/** Records every call the shared document client makes, asking DynamoDB for the capacity each one consumed. */
export function probeDynamo(client: DynamoDBDocumentClient): { take: () => DynamoCall[] } {
  let calls: DynamoCall[] = [];
  client.middlewareStack.remove('kindredBenchDynamoProbe'); // one probe at a time: a later section takes over the shared client
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const isRead = /^(Get|Query|Scan|BatchGet|TransactGet)/.test(context.commandName ?? '');
      const start = performance.now();
      let rcu = 0;
      let wcu = 0;
      let items = 0;
      try {
        const result = await next(args);
        const output = result.output as { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
        items = output.Items?.length ?? (output.Item ? 1 : 0) + Object.values(output.Responses ?? {}).reduce((sum, list) => sum + (Array.isArray(list) ? list.length : 0), 0);
        const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        for (const capacity of [consumed ?? []].flat()) {
          // DynamoDB Local reports only CapacityUnits; the operation says whether they were reads or writes.
          if (isRead) rcu += capacity.ReadCapacityUnits ?? capacity.CapacityUnits ?? 0;
          else wcu += capacity.WriteCapacityUnits ?? capacity.CapacityUnits ?? 0;
        }
        return result;
      } finally {
        calls.push({ command: context.commandName ?? 'unknown', start, end: performance.now(), rcu, wcu, items });
      }
    },
    { step: 'initialize', name: 'kindredBenchDynamoProbe' },
  );
  return {
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}

/** Wall time with at least one DynamoDB call in flight (parallel calls count once). */
export function timeInDynamo(calls: readonly DynamoCall[]): number {
  let total = 0;
  let reach = -Infinity;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (call.end <= reach) continue;
    total += call.end - Math.max(call.start, reach);
    reach = call.end;
  }
  return total;
}

interface Scenario {
  readonly label: string;
  /** Untimed setup; returns the request to time. */
  readonly prepare: (index: number) => Promise<BenchRequest> | BenchRequest;
  readonly status: number;
}

const PASSWORD = 'bench passphrase 123';
const ITERATIONS = 30;

export async function measureRoutes(twin: RunningTwin): Promise<Figure[]> {
  const section = 'Routes (in-process, DynamoDB Local)';
  const users = new UserRepository(dynamo(), twin.names.table);
  const photos = new PhotoRepository(dynamo(), twin.names.table);
  const keys = await toKeyMaterial(await new FileKeySource(twin.environment.LOCAL_KEYS_FILE!).read());
  /** The link a confirmation email would carry (minted here, so setup does not wait for the outbox). */
  const confirmLink = (user: { id: string; email: string; passwordStamp: string }) =>
    mintLinkToken(keys.linkTokenKey, { purpose: 'confirm-email', userId: user.id, email: user.email, passwordStamp: user.passwordStamp }).token;

  let people = 0;
  /** A new confirmed person, logged in. */
  const person = async (role: 'user' | 'admin' = 'user') => {
    const email = `route-bench-${people++}@example.com`;
    await expectRoute({ method: 'POST', path: '/api/v1/auth/register', body: { email, password: PASSWORD, name: 'Route Bench' } }, 202);
    const user = (await users.findByEmail(normalizeEmail(email)))!;
    await expectRoute({ method: 'POST', path: '/api/v1/auth/confirm', body: { token: confirmLink(user), password: PASSWORD } }, 204);
    if (role === 'admin') await users.update(user.id, { role: 'admin' });
    const tokens = await expectRoute({ method: 'POST', path: '/api/v1/auth/login', body: { email, password: PASSWORD } }, 200);
    return { id: user.id, email, accessToken: tokens.accessToken as string, refreshToken: tokens.refreshToken as string };
  };
  const readyPhoto = async (userId: string) => {
    const { photoId } = await pendingPhoto(dynamo(), twin.names.table, userId);
    await photos.markReady(userId, photoId, { width: 640, height: 480, placeholder: 'AAAA', variants: { thumb: 't', medium: 'm', large: 'l' } });
    return photoId;
  };

  const me = await person();
  const admin = await person('admin');
  const subject = await person();
  const avatar = await readyPhoto(me.id);
  let refreshToken = me.refreshToken;

  const scenarios: Scenario[] = [
    { label: 'GET /health', status: 200, prepare: () => ({ method: 'GET', path: '/health' }) },
    { label: 'GET /.well-known/jwks.json', status: 200, prepare: () => ({ method: 'GET', path: '/.well-known/jwks.json' }) },
    { label: 'POST /auth/register', status: 202, prepare: (i) => ({ method: 'POST', path: '/api/v1/auth/register', body: { email: `new-${i}-${randomUUID()}@example.com`, password: PASSWORD, name: 'New' } }) },
    {
      label: 'POST /auth/confirm',
      status: 204,
      prepare: async (i) => {
        const email = `confirming-${i}-${randomUUID()}@example.com`;
        await expectRoute({ method: 'POST', path: '/api/v1/auth/register', body: { email, password: PASSWORD, name: 'C' } }, 202);
        return { method: 'POST', path: '/api/v1/auth/confirm', body: { token: confirmLink((await users.findByEmail(normalizeEmail(email)))!), password: PASSWORD } };
      },
    },
    { label: 'POST /auth/login', status: 200, prepare: () => ({ method: 'POST', path: '/api/v1/auth/login', body: { email: me.email, password: PASSWORD } }) },
    {
      label: 'POST /auth/refresh',
      status: 200,
      prepare: () => ({ method: 'POST', path: '/api/v1/auth/refresh', body: { refreshToken } }),
    },
    {
      label: 'POST /auth/logout',
      status: 204,
      prepare: async () => {
        const tokens = await expectRoute({ method: 'POST', path: '/api/v1/auth/login', body: { email: subject.email, password: PASSWORD } }, 200);
        return { method: 'POST', path: '/api/v1/auth/logout', body: { refreshToken: tokens.refreshToken }, token: tokens.accessToken as string };
      },
    },
    { label: 'POST /auth/password/forgot', status: 202, prepare: () => ({ method: 'POST', path: '/api/v1/auth/password/forgot', body: { email: subject.email } }) },
    { label: 'GET /me', status: 200, prepare: () => ({ method: 'GET', path: '/api/v1/me', token: me.accessToken }) },
    { label: 'PATCH /me', status: 200, prepare: (i) => ({ method: 'PATCH', path: '/api/v1/me', body: { name: `Bench ${i}` }, token: me.accessToken }) },
    { label: 'GET /me/sessions', status: 200, prepare: () => ({ method: 'GET', path: '/api/v1/me/sessions', token: me.accessToken }) },
    {
      label: 'DELETE /me (account and everything in it)',
      status: 204,
      prepare: async () => ({ method: 'DELETE', path: '/api/v1/me', body: { password: PASSWORD }, token: (await person()).accessToken }),
    },
    { label: 'POST /me/photos (upload form)', status: 201, prepare: () => ({ method: 'POST', path: '/api/v1/me/photos', body: { contentType: 'image/jpeg', contentLength: 500_000 }, token: subject.accessToken }) },
    { label: 'GET /me/photos', status: 200, prepare: () => ({ method: 'GET', path: '/api/v1/me/photos', token: me.accessToken }) },
    { label: 'PUT /me/avatar', status: 200, prepare: () => ({ method: 'PUT', path: '/api/v1/me/avatar', body: { photoId: avatar }, token: me.accessToken }) },
    { label: 'DELETE /me/photos/{id}', status: 204, prepare: async () => ({ method: 'DELETE', path: `/api/v1/me/photos/${await readyPhoto(me.id)}`, token: me.accessToken }) },
    { label: 'GET /users?limit=20', status: 200, prepare: () => ({ method: 'GET', path: '/api/v1/users', query: 'limit=20', token: admin.accessToken }) },
    { label: 'GET /users?role=admin', status: 200, prepare: () => ({ method: 'GET', path: '/api/v1/users', query: 'role=admin&limit=20', token: admin.accessToken }) },
    { label: 'GET /users/{id}', status: 200, prepare: () => ({ method: 'GET', path: `/api/v1/users/${subject.id}`, token: admin.accessToken }) },
    { label: 'POST /users (create and invite)', status: 201, prepare: (i) => ({ method: 'POST', path: '/api/v1/users', body: { email: `invited-${i}-${randomUUID()}@example.com`, name: 'Invited', role: 'user' }, token: admin.accessToken }) },
    { label: 'POST /users/{id}/disable', status: 200, prepare: () => ({ method: 'POST', path: `/api/v1/users/${subject.id}/disable`, token: admin.accessToken }) },
    { label: 'POST /users/{id}/enable', status: 200, prepare: () => ({ method: 'POST', path: `/api/v1/users/${subject.id}/enable`, token: admin.accessToken }) },
    { label: 'GET /users/{id}/audit', status: 200, prepare: () => ({ method: 'GET', path: `/api/v1/users/${subject.id}/audit`, token: admin.accessToken }) },
  ];

  const probe = probeDynamo(dynamo());
  const figures: Figure[] = [];
  for (const scenario of scenarios) {
    await expectRoute(await scenario.prepare(-1), scenario.status); // warm: module load, keys, connections
    const latencies: number[] = [];
    const inDynamo: number[] = [];
    const callCounts: number[] = [];
    let rcu = 0;
    let wcu = 0;
    for (let index = 0; index < ITERATIONS; index += 1) {
      const request = await scenario.prepare(index);
      probe.take();
      const t0 = performance.now();
      const response = await callRoute(request);
      latencies.push(performance.now() - t0);
      if (response.statusCode !== scenario.status) throw new Error(`${scenario.label} answered ${response.statusCode}: ${response.body}`);
      if (request.path.endsWith('/auth/refresh')) refreshToken = (JSON.parse(response.body!) as { refreshToken: string }).refreshToken;
      const calls = probe.take();
      inDynamo.push(timeInDynamo(calls));
      callCounts.push(calls.length);
      rcu += calls.reduce((sum, c) => sum + c.rcu, 0);
      wcu += calls.reduce((sum, c) => sum + c.wcu, 0);
    }
    latencies.sort((a, b) => a - b);
    figures.push({
      section,
      name: scenario.label,
      value: round(percentile(latencies, 50)),
      unit: 'ms p50',
      note: `p99 ${round(percentile(latencies, 99))} ms; in DynamoDB ${round(median(inDynamo))} ms; ${median(callCounts)} calls, ${round(rcu / ITERATIONS, 2)} RCU + ${round(wcu / ITERATIONS, 2)} WCU per request`,
    });
  }
  return figures;
}
