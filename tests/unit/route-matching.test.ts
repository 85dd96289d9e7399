import { describe, expect, it } from 'vitest';
import { defineRoute, type RouteDefinition } from '../../shared/http/route-definition.ts';
import { createRouteMatcher } from '../../shared/http/route-matching.ts';

const route = (method: RouteDefinition['method'], path: string): RouteDefinition =>
  defineRoute({ method, path, area: 'system', auth: 'public', operationId: `${method}${path}`, summary: '', tags: [], responses: {} });

const match = createRouteMatcher([
  route('GET', '/api/v1/users/{id}'),
  route('DELETE', '/api/v1/users/{id}'),
  route('GET', '/api/v1/users/me'),
  route('GET', '/files/{path+}'),
]);

describe('route matching', () => {
  it('extracts and decodes path parameters', () => {
    expect(match('GET', '/api/v1/users/a%20b')).toMatchObject({ kind: 'matched', params: { id: 'a b' } });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    const found = match('GET', '/api/v1/users/me');
    expect(found.kind === 'matched' && found.route.path).toBe('/api/v1/users/me');
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(match('GET', '/files/a/b/c.txt')).toMatchObject({ kind: 'matched', params: { path: 'a/b/c.txt' } });
  });

  it('answers method-not-allowed with every method the path supports', () => {
    expect(match('PUT', '/api/v1/users/42')).toEqual({ kind: 'method-not-allowed', allow: ['DELETE', 'GET'] });
  });

  it('answers not-found for unknown paths, extra segments and malformed escapes', () => {
    expect(match('GET', '/api/v1/nothing')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/api/v1/users/42/extra')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/api/v1/users/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });
});
