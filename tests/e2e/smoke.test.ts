import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmokeChecks } from '../../infra/smoke/smoke-checks.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('smoke');
let proxy: Server;
let proxyUrl: string;
let tamper: ((path: string, body: string) => string) | undefined;

/** A proxy in front of the twin that can rewrite a response body: a deployment with a route missing, or no keys. */
beforeAll(async () => {
  proxy = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${twin().url}${request.url}`, {
      method: request.method,
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'content-length')) as Record<string, string>,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = await upstream.text();
    const headers = Object.fromEntries([...upstream.headers].filter(([name]) => name !== 'content-length' && name !== 'content-encoding'));
    response.writeHead(upstream.status, headers).end(tamper ? tamper(request.url ?? '', body) : body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 30_000);

afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

const failed = async (url: string) => (await runSmokeChecks({ url, origin: 'https://app.kindred.test' })).filter((result) => !result.ok);

describe('npm run smoke', () => {
  it('passes against the twin', async () => {
    const results = await runSmokeChecks({ url: twin().url, origin: 'https://app.kindred.test' });
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.map((result) => result.name)).toEqual([
      'health',
      'OpenAPI lists every route',
      'JWKS published',
      'registration accepted',
      'unknown login refused as problem+json',
      'security headers',
      'CORS preflight',
    ]);
  }, 30_000);

  it('fails, naming the route, when the deployment lacks a route', async () => {
    tamper = (path, body) => {
      if (!path.startsWith('/openapi.json')) return body;
      const document = JSON.parse(body) as { paths: Record<string, unknown> };
      delete document.paths['/api/v1/matches'];
      return JSON.stringify(document);
    };
    expect(await failed(proxyUrl)).toEqual([expect.objectContaining({ name: 'OpenAPI lists every route', detail: expect.stringContaining('GET /api/v1/matches') })]);
  }, 30_000);

  it('fails when no signing key is published', async () => {
    tamper = (path, body) => (path.startsWith('/.well-known/jwks.json') ? JSON.stringify({ keys: [] }) : body);
    expect(await failed(proxyUrl)).toEqual([expect.objectContaining({ name: 'JWKS published', detail: expect.stringContaining('no keys') })]);
  }, 30_000);
});
