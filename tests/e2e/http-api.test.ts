import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { routeTable } from '../../shared/routes/index.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('http');

/** Fills each `{param}` of a path template with a plausible value. */
const samplePath = (path: string) => path.replace(/\{(\w+)\+?\}/g, (_match, name: string) => (name === 'asset' ? 'docs-init.js' : 'sample'));

describe('the local API over HTTP', () => {
  it('answers the health check', async () => {
    const response = await fetch(`${twin().url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('folds no dot segments in paths, as API Gateway folds none', async () => {
    // fetch() would normalize these before sending; a raw request sends them as written.
    const rawGet = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(twin().url);
        get({ hostname, port, path }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }).on('error', reject);
      });
    expect(await rawGet('/health')).toBe(200);
    for (const path of ['/./health', '/api/v1/../../health', '/api/%2e%2e/health', '/x/%2E%2E/health']) expect(await rawGet(path), path).toBe(404);
  });

  it('serves every route of the route table (none falls through to 404)', async () => {
    for (const route of routeTable) {
      const response = await fetch(`${twin().url}${samplePath(route.path)}`, { method: route.method });
      const body = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
      expect(response.status, `${route.method} ${route.path}`).not.toBe(405);
      expect((body as { code?: string }).code, `${route.method} ${route.path}`).not.toBe('route_not_found');
    }
  });

  it('lists every route in /openapi.json', async () => {
    const document = (await (await fetch(`${twin().url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routeTable.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await fetch(`${twin().url}/api/v1/does-not-exist`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'route_not_found', instance: response.headers.get('x-request-id') });
  });

  it('answers a wrong method with 405, Allow and problem+json', async () => {
    const response = await fetch(`${twin().url}/health`, { method: 'PATCH', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('refuses a request larger than API Gateway accepts with 413', async () => {
    const response = await fetch(`${twin().url}/health`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers CORS preflight requests from the shared policy', async () => {
    const response = await fetch(`${twin().url}/health`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
