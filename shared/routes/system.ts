import * as z from 'zod';
import { defineRoute } from '../http/route-definition.ts';

export const DOCS_ASSETS = ['swagger-ui-bundle.js', 'swagger-ui.css', 'docs-init.js'] as const;

const healthSchema = z
  .object({
    status: z.literal('ok'),
    service: z.string(),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

export const systemRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    area: 'system',
    auth: 'public',
    operationId: 'getHealth',
    summary: 'Liveness check',
    tags: ['System'],
    responses: { 200: { description: 'The API is up.', schema: healthSchema } },
  }),
  openApi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    area: 'system',
    auth: 'public',
    operationId: 'getOpenApiDocument',
    summary: 'This API described as OpenAPI 3.1',
    tags: ['System'],
    responses: { 200: { description: 'The OpenAPI document.', schema: z.record(z.string(), z.unknown()) } },
  }),
  docs: defineRoute({
    method: 'GET',
    path: '/docs',
    area: 'system',
    auth: 'public',
    operationId: 'getApiReference',
    summary: 'API reference page',
    tags: ['System'],
    responses: { 200: { description: 'An HTML page rendering the OpenAPI document.', contentType: 'text/html' } },
  }),
  docsAsset: defineRoute({
    method: 'GET',
    path: '/docs/assets/{asset}',
    area: 'system',
    auth: 'public',
    operationId: 'getApiReferenceAsset',
    summary: 'Script or stylesheet of the API reference page',
    tags: ['System'],
    request: { params: z.strictObject({ asset: z.enum(DOCS_ASSETS) }) },
    responses: { 200: { description: 'The asset.', contentType: 'application/octet-stream' } },
  }),
} as const;
