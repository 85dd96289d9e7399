import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/emulators.ts';
import { httpEvent } from '../support/events.ts';
import { useEmulatorEnvironment } from '../support/twin.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode?: number; headers?: Record<string, unknown>; body?: string }>;
let auth: Handler;

beforeAll(async () => {
  useEmulatorEnvironment();
  // DynamoDB is down: nothing listens where the SDK is sent.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${await freePort()}`,
    AWS_MAX_ATTEMPTS: '2',
    TABLE_NAME: 'kindred-outage',
    EMAIL_QUEUE_URL: 'http://127.0.0.1:1/000000000000/none',
    ACCESS_TOKEN_ISSUER: 'https://kindred.test',
    ACCESS_TOKEN_AUDIENCE: 'kindred-api',
    LOCAL_KEYS_FILE: join(mkdtempSync(join(tmpdir(), 'kindred-keys-')), 'keys.json'),
  });
  ({ handler: auth } = (await import('../../functions/auth/index.ts')) as { handler: Handler });
});

function post(routeKey: string, body: unknown): APIGatewayProxyEventV2 {
  const event = httpEvent('http-post-json-user');
  const path = routeKey.split(' ')[1]!;
  Object.assign(event, { routeKey, rawPath: path, body: JSON.stringify(body) });
  Object.assign(event.requestContext, { routeKey, http: { ...event.requestContext.http, path } });
  delete event.headers.authorization;
  return event;
}

describe('when DynamoDB is unreachable', () => {
  it.each([
    ['POST /api/v1/auth/login', { email: 'ada@example.com', password: 'whatever it is' }],
    ['POST /api/v1/auth/register', { email: 'ada@example.com', password: 'a fine passphrase', name: 'Ada' }],
    ['POST /api/v1/auth/refresh', { refreshToken: 'rt1.x' }],
  ])('%s answers 503 problem+json with Retry-After, never a 500', async (routeKey, body) => {
    const response = await auth(post(routeKey, body), {} as Context);
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['retry-after']).toBeDefined();
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  }, 30_000);
});
