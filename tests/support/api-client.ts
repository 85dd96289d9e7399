import { expect } from 'vitest';
import { declaredStatuses } from '../../shared/http/openapi.ts';
import { createRouteMatcher } from '../../shared/http/route-matching.ts';
import { routeTable } from '../../shared/routes/index.ts';
export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

const matchRoute = createRouteMatcher(routeTable);

/**
 * Every answer a test sees must be one its route declares in OpenAPI: this
 * holds the route table to what the code really answers, across every test.
 */
export function expectDeclaredStatus(method: string, path: string, status: number): void {
  const match = matchRoute(method, new URL(path, 'http://route.test').pathname);
  if (match.kind !== 'matched') return;
  const declared = declaredStatuses(match.route);
  expect(declared.has(status), `${method} ${match.route.path} answered ${status}, which its route-table entry does not declare (${[...declared].join(', ')})`).toBe(true);
}

/** A small JSON client for the twin: what a mobile app or SPA would send. */
export function apiClient(baseUrl: string) {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    expectDeclaredStatus(method, path, response.status);
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, headers: response.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, token?: string) => call<T>('GET', path, token ? { token } : {}),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, token?: string) => call<T>('POST', path, { body, ...(token ? { token } : {}) }),
    patch: <T = Record<string, unknown>>(path: string, body: unknown, token: string) => call<T>('PATCH', path, { body, token }),
    delete: <T = Record<string, unknown>>(path: string, body: unknown, token: string) => call<T>('DELETE', path, { ...(body !== undefined ? { body } : {}), token }),
    call,
  };
}
