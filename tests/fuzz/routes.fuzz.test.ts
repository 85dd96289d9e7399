import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../shared/routes/index.ts';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { apiClient, expectDeclaredStatus } from '../support/api-client.ts';
import { signedInPerson } from '../support/people.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { hostileRequests, type HostileRequest } from './hostile-requests.ts';

/** `npm run test:fuzz` sets FUZZ_RUNS=1000; `npm test` runs a sample on every route. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const twin = useTwin('fuzz', { environment: { RATE_LIMIT_SCALE: '100000' } });
const PASSWORD = 'fuzzing passphrase 1';
let userToken = '';
let adminToken = '';
let db: DynamoDBDocumentClient;

/** Items a refused request may still write: abuse accounting and the audit trail of refusals, by design. */
const ACCOUNTING_PARTITION = /^(RATE|LOGIN|USED)#/;
const ACCOUNTING_ITEM = /^(RATE|AUDIT)#/;
const LEAKS = /\bat \S+ \(|\.ts:\d+|node_modules|\/var\/task|Error: |stack|tokenSecret|privateJwk|passwordHash|argon2id\$|AKIA|S3RVER/;

async function itemCount(): Promise<number> {
  const { Items } = await db.send(new ScanCommand({ TableName: twin().names.table, ProjectionExpression: 'pk, sk' }));
  return (Items ?? []).filter((item) => !ACCOUNTING_PARTITION.test(String(item.pk)) && !ACCOUNTING_ITEM.test(String(item.sk))).length;
}

beforeAll(async () => {
  useEmulatorEnvironment();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  // Admin routes get an administrator's token, or the fuzzing would stop at 403 and test nothing behind it.
  userToken = (await signedInPerson(twin(), 'fuzzer@example.com', PASSWORD)).accessToken;
  const admin = await signedInPerson(twin(), 'fuzz-admin@example.com', PASSWORD);
  expect(await new UserRepository(db, twin().names.table).update(admin.userId, { role: 'admin' })).toBe(true);
  const login = await apiClient(twin().url).post<{ accessToken: string }>('/api/v1/auth/login', { email: admin.email, password: PASSWORD });
  expect(login.status).toBe(200);
  adminToken = login.body.accessToken;
  expect((await apiClient(twin().url).get('/api/v1/users?limit=1', adminToken)).status).toBe(200);
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
    const token = { public: undefined, user: userToken, admin: adminToken }[route.auth];
    await fc.assert(
      fc.asyncProperty(hostileRequests(route), async (request) => {
        const before = await itemCount();
        const response = await send(route.method, request, token);
        expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
        expectDeclaredStatus(route.method, request.path, response.status);
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
