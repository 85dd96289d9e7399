import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { defaultAuthenticator, type Authenticator } from '../auth/authenticator.ts';
import type { Principal } from '../auth/principal.ts';
import { authenticate } from './authenticate.ts';
import { corsPolicy, parseAllowedOrigins } from './cors-policy.ts';
import { problemResponses } from './middleware/problem-responses.ts';
import { requestContext } from './middleware/request-context.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { publishMetrics } from '../metrics.ts';
import { HttpProblem } from './problem.ts';
import { readJsonBody } from './request-body.ts';
import { validateRequest } from './request-validation.ts';
import { JSON_CONTENT_TYPE, routeKeyOf, type RouteDefinition } from './route-definition.ts';

type InferPart<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;
type RequestPart<Route extends RouteDefinition, Key extends 'params' | 'query' | 'body'> = InferPart<
  NonNullable<Route['request']>[Key]
>;

/** What a route handler receives: validated, typed input and the caller. */
export interface RouteRequest<Route extends RouteDefinition> {
  readonly params: RequestPart<Route, 'params'>;
  readonly query: RequestPart<Route, 'query'>;
  readonly body: RequestPart<Route, 'body'>;
  readonly principal: Route['auth'] extends 'public' ? undefined : Principal;
  readonly requestId: string;
  /** Where the request came from: for audit events, session listings and rate limits. */
  readonly client: { readonly ipAddress: string; readonly userAgent: string };
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export type RouteResult =
  | { readonly status: number; readonly json?: unknown; readonly headers?: Record<string, string> }
  | {
      readonly status: number;
      readonly raw: { readonly contentType: string; readonly data: string | Uint8Array };
      readonly headers?: Record<string, string>;
    };

/** 202 with a message for the person: the outcome arrives later, usually by email. */
export const accepted = (message: string): RouteResult => ({ status: 202, json: { message } });

export interface ImplementedRoute {
  readonly route: RouteDefinition;
  readonly run: (request: RouteRequest<RouteDefinition>) => Promise<RouteResult>;
}

/** Binds a route of the table to the function that serves it; types flow from the route's schemas. */
export function implement<Route extends RouteDefinition>(
  route: Route,
  run: (request: RouteRequest<Route>) => Promise<RouteResult>,
): ImplementedRoute {
  return { route, run: run as unknown as ImplementedRoute['run'] };
}

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiHandlerOptions {
  /** Serves requests whose route key is `$default`: paths no route matches. */
  readonly fallback?: (event: APIGatewayProxyEventV2) => Promise<RouteResult>;
  /** Who verifies bearer tokens; the published JWKS plus a session check unless a test says otherwise. */
  readonly authenticator?: () => Authenticator;
}

/**
 * The one middy stack behind every API Lambda. An area's function serves all
 * the routes it owns, dispatching on the API Gateway route key.
 *
 * Middleware first, handler last: request context and logs, security headers,
 * CORS, and the problem+json error mapper wrap a handler that reads the body,
 * authenticates, validates and calls the route.
 */
export function createApiHandler(implemented: readonly ImplementedRoute[], options: ApiHandlerOptions = {}): ApiHandler {
  const byRouteKey = new Map(implemented.map((entry) => [routeKeyOf(entry.route), entry]));
  const cors = corsPolicy(parseAllowedOrigins(process.env.CORS_ALLOW_ORIGINS));

  const dispatch = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const entry = byRouteKey.get(event.routeKey);
    if (!entry) {
      if (options.fallback) return toApiGatewayResult(await options.fallback(event), event);
      throw new HttpProblem(404, 'route_not_found', 'No such route.');
    }
    const { route } = entry;
    const body = readJsonBody(event, route);
    const principal = await authenticate(event, route, options.authenticator ?? defaultAuthenticator);
    const input = validateRequest(route, {
      params: definedEntries(event.pathParameters),
      query: definedEntries(event.queryStringParameters),
      body,
    });
    const result = await entry.run({
      ...input,
      principal,
      requestId: event.requestContext.requestId,
      client: { ipAddress: event.requestContext.http.sourceIp, userAgent: event.requestContext.http.userAgent ?? '' },
      headers: event.headers,
    } as RouteRequest<RouteDefinition>);
    return toApiGatewayResult(result, event);
  };

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(requestContext())
    .use(securityHeaders())
    .use(
      httpCors({
        origins: [...cors.allowOrigins],
        headers: cors.allowHeaders.join(','),
        exposeHeaders: cors.exposeHeaders.join(','),
        maxAge: cors.maxAgeSeconds,
      }),
    )
    .use(problemResponses())
    .use({ after: publishMetrics, onError: publishMetrics })
    .handler(dispatch) as unknown as ApiHandler;
}

/** Own properties only, built so that a parameter named `__proto__` stays a parameter (and is refused as unknown). */
function definedEntries(values: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Compress text bodies above this size when the client accepts gzip. */
const GZIP_THRESHOLD_BYTES = 8 * 1024;

/**
 * Compressed forms of recent text bodies. Large text bodies are static (the
 * reference page's scripts), so each is gzipped once per instance, not on
 * every request; the bound keeps a stream of dynamic bodies from growing it.
 */
const compressedBodies = new Map<string, string>();
const MAX_COMPRESSED_BODIES = 16;

function gzipBase64(data: string | Uint8Array): string {
  if (typeof data !== 'string') return gzipSync(data).toString('base64');
  let body = compressedBodies.get(data);
  if (body === undefined) {
    body = gzipSync(data).toString('base64');
    if (compressedBodies.size >= MAX_COMPRESSED_BODIES) compressedBodies.delete(compressedBodies.keys().next().value!);
    compressedBodies.set(data, body);
  }
  return body;
}

function toApiGatewayResult(result: RouteResult, event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  if (!('raw' in result)) {
    const headers = { ...result.headers };
    if (result.json === undefined) return { statusCode: result.status, headers };
    return {
      statusCode: result.status,
      headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
      body: JSON.stringify(result.json),
    };
  }
  const { data } = result.raw;
  const headers: Record<string, string> = { 'content-type': result.raw.contentType, ...result.headers };
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > GZIP_THRESHOLD_BYTES && /\bgzip\b/.test(event.headers['accept-encoding'] ?? '')) {
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
    return { statusCode: result.status, headers, body: gzipBase64(data), isBase64Encoded: true };
  }
  if (typeof data === 'string') return { statusCode: result.status, headers, body: data };
  return { statusCode: result.status, headers, body: Buffer.from(data).toString('base64'), isBase64Encoded: true };
}
