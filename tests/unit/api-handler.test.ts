import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { DependencyUnavailableError } from '../../shared/errors/domain-errors.ts';
import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { defineRoute } from '../../shared/http/route-definition.ts';
import { httpEvent } from '../support/events.ts';
import { logger } from '../../shared/logging.ts';
import { createAccessTokenVerifier } from '../../shared/auth/access-token.ts';
import { createAuthenticator } from '../../shared/auth/authenticator.ts';
import { createTestSigningKey, signTestAccessToken, TEST_AUDIENCE, TEST_ISSUER, type TestSigningKey } from '../support/tokens.ts';

const exampleRoute = defineRoute({
  method: 'POST',
  path: '/api/v1/example',
  area: 'system',
  auth: 'user',
  operationId: 'createExample',
  summary: 'Example',
  tags: [],
  request: {
    query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
    maxBodyBytes: 1024,
  },
  responses: { 201: { description: 'Created' } },
});
const adminRoute = defineRoute({ ...exampleRoute, method: 'DELETE', auth: 'admin', operationId: 'deleteExample', request: {} });

let behaviour: 'echo' | 'crash' | 'unavailable' = 'echo';
let key: TestSigningKey;
const endedSessions = new Set<string>();
const handler = createApiHandler(
  [
  implement(exampleRoute, async ({ body, principal, query }) => {
    if (behaviour === 'crash') throw new Error('connect ECONNREFUSED 10.0.0.12:8000 in /var/task/secret-module.js');
    if (behaviour === 'unavailable') throw new DependencyUnavailableError('dynamodb', 9);
    return { status: 201, json: { name: body.name, caller: principal.userId, dryRun: query.dryRun ?? 'false' } };
  }),
  implement(adminRoute, async () => ({ status: 204 })),
  ],
  {
    authenticator: () =>
      createAuthenticator(
        createAccessTokenVerifier({ issuer: TEST_ISSUER, audience: TEST_AUDIENCE, keys: { keys: [key.publicJwk] } }),
        async (_userId, sessionId) => !endedSessions.has(sessionId),
      ),
  },
);

let userToken: string;
let adminToken: string;
beforeAll(async () => {
  key = await createTestSigningKey();
  userToken = await signTestAccessToken(key, { claims: { sub: 'user-1', role: 'user' } });
  adminToken = await signTestAccessToken(key, { claims: { sub: 'admin-1', role: 'admin' } });
});

const context = { functionName: 'kindred-example', functionVersion: '$LATEST', awsRequestId: 'invocation-1' } as Context;
function post(changes: { body?: string; headers?: Record<string, string | undefined>; query?: Record<string, string>; isBase64Encoded?: boolean } = {}) {
  const event = httpEvent('http-post-json-user');
  event.headers.authorization = `Bearer ${userToken}`;
  Object.assign(event.headers, changes.headers);
  for (const [name, value] of Object.entries(changes.headers ?? {})) if (value === undefined) delete event.headers[name];
  if (changes.body !== undefined) event.body = changes.body;
  if (changes.query) event.queryStringParameters = changes.query;
  if (changes.isBase64Encoded) event.isBase64Encoded = true;
  return invoke(event);
}
async function invoke(event: APIGatewayProxyEventV2) {
  const response = await handler(event, context);
  const body = response.body ? JSON.parse(response.body) : undefined;
  return { status: response.statusCode, headers: response.headers ?? {}, body };
}

describe('the API handler stack', () => {
  it('parses, authenticates, validates and calls the route', async () => {
    const response = await post({ query: { dryRun: 'true' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ name: 'Ada Lovelace', caller: 'user-1', dryRun: 'true' });
    expect(response.headers['x-request-id']).toBe('req-00000000-0000-4000-8000-000000000001');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await post({ body: '{"name": "Ada",' });
    expect(response).toMatchObject({ status: 400, body: { code: 'malformed_json' } });
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('answers a body over the cap with 413', async () => {
    const response = await post({ body: JSON.stringify({ name: 'x'.repeat(2000) }) });
    expect(response).toMatchObject({ status: 413, body: { code: 'body_too_large' } });
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await post({ headers: { 'content-type': 'text/plain' } });
    expect(response).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
  });

  it('rejects invalid UTF-8 with 400', async () => {
    const response = await post({ body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64'), isBase64Encoded: true });
    expect(response).toMatchObject({ status: 400, body: { code: 'invalid_encoding' } });
  });

  it('lists every field problem, including unknown fields and unknown query values', async () => {
    const response = await post({ body: JSON.stringify({ name: '', admin: true }), query: { dryRun: 'maybe' } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    const fields = response.body.errors.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body', 'query.dryRun']));
  });

  it('does not let __proto__ in a body through', async () => {
    const response = await post({ body: '{"name":"Ada","__proto__":{"admin":true}}' });
    expect(response.status).toBe(400);
  });

  it('requires a bearer token on user routes (401 with WWW-Authenticate)', async () => {
    const missing = await post({ headers: { authorization: undefined } });
    expect(missing).toMatchObject({ status: 401, body: { code: 'missing_token' } });
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const invalid = await post({ headers: { authorization: 'Bearer not.a.token' } });
    expect(invalid).toMatchObject({ status: 401, body: { code: 'invalid_token' } });
  });

  it('logs each request under its own function, not one that ran before in the process', async () => {
    logger.addContext({ ...context, functionName: 'kindred-email-worker' }); // as a worker sharing the process (the twin) leaves it
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    logger.setLogLevel('INFO'); // the suite runs silent
    try {
      await post({});
    } finally {
      logger.setLogLevel('SILENT');
      write.mockRestore();
    }
    const completed = lines.map((line) => JSON.parse(line) as { message: string; function_name?: string }).find((line) => line.message === 'request completed');
    expect(completed?.function_name).toBe(context.functionName);
  });

  it('accepts the bearer scheme in any case (RFC 7235)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      expect((await post({ headers: { authorization: `${scheme} ${userToken}` } })).status, scheme).not.toBe(401);
    }
  });

  it('refuses a valid token whose session has ended', async () => {
    const sessionId = 'ended-session';
    endedSessions.add(sessionId);
    const token = await signTestAccessToken(key, { claims: { sid: sessionId } });
    expect(await post({ headers: { authorization: `Bearer ${token}` } })).toMatchObject({ status: 401, body: { code: 'session_ended' } });
  });

  it('requires the admin role on admin routes (403 for a user)', async () => {
    const event = httpEvent('http-post-json-user');
    Object.assign(event, { routeKey: 'DELETE /api/v1/example', body: undefined });
    event.headers.authorization = `Bearer ${userToken}`;
    expect(await invoke(event)).toMatchObject({ status: 403, body: { code: 'admin_required' } });
    event.headers.authorization = `Bearer ${adminToken}`;
    expect((await invoke(event)).status).toBe(204);
  });

  it('hides unexpected errors behind a fixed 500', async () => {
    behaviour = 'crash';
    try {
      const response = await post();
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|secret-module|10\.0\.0\.12/);
      expect(response.body.instance).toBe('req-00000000-0000-4000-8000-000000000001');
    } finally {
      behaviour = 'echo';
    }
  });

  it('answers an unavailable dependency with 503 and Retry-After', async () => {
    behaviour = 'unavailable';
    try {
      const response = await post();
      expect(response).toMatchObject({ status: 503, body: { code: 'service_unavailable' } });
      expect(response.headers['retry-after']).toBe('9');
    } finally {
      behaviour = 'echo';
    }
  });

  it('answers a route key it does not own with 404 problem+json', async () => {
    const event = httpEvent('http-post-json-user');
    event.routeKey = 'GET /api/v1/elsewhere';
    expect(await invoke(event)).toMatchObject({ status: 404, body: { code: 'route_not_found' } });
  });
});
