import type { Context } from 'aws-lambda';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/system/index.ts';
import { routeTable } from '../../shared/routes/index.ts';
import { httpEvent } from '../support/events.ts';

const context = {} as Context;

describe('the system function', () => {
  it('answers the health check', async () => {
    const response = await handler(httpEvent('http-get-public'), context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toMatchObject({ status: 'ok', service: 'kindred' });
  });

  it('describes every route of the route table in the OpenAPI document', async () => {
    const event = httpEvent('http-get-public');
    Object.assign(event, { routeKey: 'GET /openapi.json', rawPath: '/openapi.json' });
    const document = JSON.parse((await handler(event, context)).body!);
    expect(document.openapi).toBe('3.1.0');
    for (const route of routeTable) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.operationId).toBe(route.operationId);
      expect(operation.responses['500'].content['application/problem+json']).toBeDefined();
    }
  });

  it('serves the reference page assets from the bundle, gzipped when asked', async () => {
    const event = httpEvent('http-get-path-params');
    const init = await handler(event, context);
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain('SwaggerUIBundle');

    Object.assign(event, { rawPath: '/docs/assets/swagger-ui-bundle.js', pathParameters: { asset: 'swagger-ui-bundle.js' } });
    event.headers['accept-encoding'] = 'gzip, br';
    const bundle = await handler(event, context);
    expect(bundle.headers?.['content-encoding']).toBe('gzip');
    expect(bundle.isBase64Encoded).toBe(true);
    expect(gunzipSync(Buffer.from(bundle.body!, 'base64')).toString('utf8')).toContain('SwaggerUIBundle');
  });

  it('refuses asset names outside the allow-list', async () => {
    const event = httpEvent('http-get-path-params');
    event.pathParameters = { asset: '../../package.json' };
    const response = await handler(event, context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!).code).toBe('validation_failed');
  });

  it('answers the $default route with 405 and Allow for a known path', async () => {
    const response = await handler(httpEvent('http-default-route'), context);
    expect(response.statusCode).toBe(405);
    expect(response.headers?.allow).toBe('GET');
    expect(response.headers?.['content-type']).toBe('application/problem+json');
  });
});
