import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../shared/routes/index.ts';
import { apiClient } from '../support/api-client.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { hostileRequests, type HostileRequest } from './hostile-requests.ts';

/** `npm run test:fuzz` sets FUZZ_RUNS=1000; `npm test` runs a sample on every route. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const twin = useTwin('fuzz', { environment: { RATE_LIMIT_SCALE: '100000' } });
const PASSWORD = 'fuzzing passphrase 1';
let userToken = '';
let db: DynamoDBDocumentClient;

/** Items a refused request may still write: abuse accounting, by design. */
const ACCOUNTING = /^(RATE|LOGIN|USED)#/;
const LEAKS = /\bat \S+ \(|\.ts:\d+|node_modules|\/var\/task|Error: |stack|tokenSecret|privateJwk|passwordHash|argon2id\$|AKIA|S3RVER/;

async function itemCount(): Promise<number> {
  const { Items } = await db.send(new ScanCommand({ TableName: twin().names.table, ProjectionExpression: 'pk' }));
  return (Items ?? []).filter((item) => !ACCOUNTING.test(String(item.pk))).length;
}

beforeAll(async () => {
  useEmulatorEnvironment();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const api = apiClient(twin().url);
  await api.post('/api/v1/auth/register', { email: 'fuzzer@example.com', password: PASSWORD, name: 'Fuzzer' });
  await api.post('/api/v1/auth/confirm', { token: linkIn(await waitForEmail(twin().outboxDirectory, 'fuzzer@example.com')).searchParams.get('token'), password: PASSWORD });
  userToken = (await api.post<{ accessToken: string }>('/api/v1/auth/login', { email: 'fuzzer@example.com', password: PASSWORD })).body.accessToken;
}, 60_000);

async function send(method: string, request: HostileRequest, token: string | undefined) {
  const response = await fetch(`${twin().url}${request.path}${request.query ? `?${request.query}` : ''}`, {
    method,
    headers: {
      ...(request.contentType ? { 'content-type': request.contentType } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(request.body !== undefined && method !== 'GET' ? { body: request.body } : {}),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

describe('every route under hostile input', () => {
  it.each(routeTable.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async (_name, route) => {
    const token = route.auth === 'public' ? undefined : userToken;
    await fc.assert(
      fc.asyncProperty(hostileRequests(route), async (request) => {
        const before = await itemCount();
        const response = await send(route.method, request, token);
        expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.type).toBe('application/problem+json');
          const problem = JSON.parse(response.text) as { status: number; code: string; instance: string };
          expect(problem.status).toBe(response.status);
          expect(problem.code).toMatch(/^[a-z_]+$/);
          expect(await itemCount(), 'a refused request wrote to the table').toBe(before);
        }
        expect(response.text).not.toMatch(LEAKS);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
  }, 600_000);
});
