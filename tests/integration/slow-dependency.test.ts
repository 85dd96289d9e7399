import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpEvent } from '../support/events.ts';
import { useEmulatorEnvironment } from '../support/twin.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode?: number; headers?: Record<string, unknown>; body?: string }>;
let auth: Handler;

/*
 * DynamoDB is slow, not down: a server accepts every connection and request,
 * and answers only after far longer than the clients' request timeout (with a
 * 503 and Retry-After, as an overloaded endpoint would). Without a request
 * timeout the SDK would wait for it until Lambda killed the function.
 * How long the answer takes is measured in the bench, not asserted here.
 */
const SLOW_ANSWER_MS = 20_000;
let slowServer: Server;
let requestsSeen = 0;

beforeAll(async () => {
  slowServer = createServer((request, response) => {
    requestsSeen += 1;
    request.resume();
    const timer = setTimeout(() => {
      response.writeHead(503, { 'retry-after': '30', 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable', message: 'Slow down.' }));
    }, SLOW_ANSWER_MS);
    response.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve));
  useEmulatorEnvironment();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(slowServer.address() as AddressInfo).port}`,
    AWS_MAX_ATTEMPTS: '2',
    TABLE_NAME: 'kindred-slow',
    EMAIL_QUEUE_URL: 'http://127.0.0.1:1/000000000000/none',
    ACCESS_TOKEN_ISSUER: 'https://kindred.test',
    ACCESS_TOKEN_AUDIENCE: 'kindred-api',
    LOCAL_KEYS_FILE: join(mkdtempSync(join(tmpdir(), 'kindred-keys-')), 'keys.json'),
  });
  ({ handler: auth } = (await import('../../functions/auth/index.ts')) as { handler: Handler });
});

afterAll(async () => {
  slowServer.closeAllConnections();
  await new Promise((resolve) => slowServer.close(resolve));
});

function post(routeKey: string, body: unknown): APIGatewayProxyEventV2 {
  const event = httpEvent('http-post-json-user');
  const path = routeKey.split(' ')[1]!;
  Object.assign(event, { routeKey, rawPath: path, body: JSON.stringify(body) });
  Object.assign(event.requestContext, { routeKey, http: { ...event.requestContext.http, path } });
  delete event.headers.authorization;
  return event;
}

describe('when DynamoDB answers too slowly', () => {
  it('login gives up at the request timeout and answers 503 problem+json with Retry-After, after bounded attempts', async () => {
    const before = requestsSeen;
    const response = await auth(post('POST /api/v1/auth/login', { email: 'ada@example.com', password: 'whatever it is' }), {} as Context);
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['retry-after']).toBeDefined();
    expect(response.body).not.toMatch(/timed out|127\.0\.0\.1|stack/i);
    // The slow server was reached (this is not a refused connection), and the SDK stopped retrying.
    expect(requestsSeen - before).toBeGreaterThanOrEqual(1);
    expect(requestsSeen - before).toBeLessThanOrEqual(2);
  }, SLOW_ANSWER_MS);
});
