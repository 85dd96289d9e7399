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

/** The problem statuses a route answers: those of every route of its kind, then its own. */
function problemDescriptions(route: RouteDefinition): Record<number, string> {
  const described: Record<number, string> = {};
  const request = route.request;
  // Every route refuses query parameters it does not take, so every route can answer 400.
  described[400] = 'The request is not valid.';
  if (route.auth !== 'public') described[401] = 'Missing, invalid or expired access token.';
  if (route.auth === 'admin') described[403] = 'The caller is not an administrator.';
  if (request?.params) described[404] = 'No such resource.';
  if (request?.body) {
    described[413] = 'The request body is too large.';
    described[415] = 'The request body is not JSON.';
  }
  described[429] = 'Too many requests; see Retry-After.';
  described[500] = 'Unexpected error; nothing about it is disclosed.';
  described[503] = 'A dependency is unavailable; retry after Retry-After seconds.';
  for (const [status, description] of Object.entries(route.problems ?? {})) {
    described[Number(status)] = described[Number(status)] ? `${described[Number(status)]} ${description}` : description;
  }
  return described;
}

/** Every status the route may answer, as its OpenAPI entry declares it: tests hold every answer to this. */
export function declaredStatuses(route: RouteDefinition): ReadonlySet<number> {
  return new Set([...Object.keys(route.responses), ...Object.keys(problemDescriptions(route))].map(Number));
}

function problemResponses(route: RouteDefinition): Record<string, unknown> {
  return Object.fromEntries(Object.entries(problemDescriptions(route)).map(([status, description]) => [status, problem(description)]));
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
