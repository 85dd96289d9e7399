import type { z } from 'zod';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const AUTH_LEVELS = ['public', 'user', 'admin'] as const;
export type AuthLevel = (typeof AUTH_LEVELS)[number];

/**
 * An area is one Lambda function. Every route names the area that serves it;
 * its entry point lives at `functions/<area>/index.ts`.
 */
export const AREAS = ['system', 'auth', 'account', 'admin', 'photos', 'health', 'friends', 'journal'] as const;
export type Area = (typeof AREAS)[number];

export const JSON_CONTENT_TYPE = 'application/json';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Default cap for JSON request bodies; routes may lower or raise it. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface ResponseSpec {
  readonly description: string;
  /** Defaults to application/json. */
  readonly contentType?: string;
  readonly schema?: z.ZodType;
}

export interface RequestSpec {
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly maxBodyBytes?: number;
}

/**
 * One row of the route table. Plain data: it references schemas, never handler
 * code, so the CDK app and the OpenAPI generator can load it without pulling
 * in runtime dependencies.
 */
export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/api/v1/users/{id}`. */
  readonly path: string;
  readonly area: Area;
  readonly auth: AuthLevel;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly request?: RequestSpec;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /**
   * Refusals particular to the route, as problem+json: status -> what it
   * means, naming the `code`s (e.g. `409: 'photo_limit_reached: ...'`). The
   * ones every route of its kind can answer (400, 401, 403, 404, 413, 415,
   * 429, 500, 503) are declared for it already; see `declaredStatuses`.
   */
  readonly problems?: Readonly<Record<number, string>>;
}

export function defineRoute<const Route extends RouteDefinition>(route: Route): Route {
  return route;
}

/** The API Gateway HTTP API route key: `GET /api/v1/users/{id}`. */
export function routeKeyOf(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
