import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { problemSchema } from './problem-schema.ts';
import { JSON_CONTENT_TYPE, PROBLEM_CONTENT_TYPE, type RouteDefinition } from './route-definition.ts';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  /** Base URL of the deployment, when known. */
  readonly serverUrl?: string;
}

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

function problemResponses(route: RouteDefinition): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const request = route.request;
  if (request?.params || request?.query || request?.body) responses['400'] = problem('The request is not valid.');
  if (route.auth !== 'public') responses['401'] = problem('Missing, invalid or expired access token.');
  if (route.auth === 'admin') responses['403'] = problem('The caller is not an administrator.');
  if (request?.params) responses['404'] = problem('No such resource.');
  if (request?.body) {
    responses['413'] = problem('The request body is too large.');
    responses['415'] = problem('The request body is not JSON.');
  }
  responses['429'] = problem('Too many requests; see Retry-After.');
  responses['500'] = problem('Unexpected error; nothing about it is disclosed.');
  responses['503'] = problem('A dependency is unavailable; retry after Retry-After seconds.');
  return responses;
}

function operationFor(route: RouteDefinition): ZodOpenApiOperationObject {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const contentType = spec.contentType ?? JSON_CONTENT_TYPE;
    responses[status] = spec.schema
      ? { description: spec.description, content: { [contentType]: { schema: spec.schema } } }
      : contentType === JSON_CONTENT_TYPE
        ? { description: spec.description }
        : { description: spec.description, content: { [contentType]: {} } };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    ...(route.auth === 'public' ? { security: [] } : { security: [{ bearer: [] }] }),
    ...(route.request?.params || route.request?.query
      ? { requestParams: { ...(route.request.params ? { path: route.request.params } : {}), ...(route.request.query ? { query: route.request.query } : {}) } }
      : {}),
    ...(route.request?.body
      ? { requestBody: { required: true, content: { [JSON_CONTENT_TYPE]: { schema: route.request.body } } } }
      : {}),
    responses: { ...responses, ...problemResponses(route) },
    'x-kindred-auth': route.auth,
    'x-kindred-area': route.area,
  } as ZodOpenApiOperationObject;
}

/** Builds the OpenAPI 3.1 document from the route table. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: OpenApiInfo): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    (item as Record<string, ZodOpenApiOperationObject>)[route.method.toLowerCase()] = operationFor(route);
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from `POST /api/v1/auth/login`.' },
      },
    },
    paths,
  });
}
