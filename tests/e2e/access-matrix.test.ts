import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthLevel, RouteDefinition } from '../../shared/http/route-definition.ts';
import { routeTable } from '../../shared/routes/index.ts';
import { apiClient } from '../support/api-client.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { useTwin } from '../support/twin.ts';
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const twin = useTwin('matrix', { environment: { RATE_LIMIT_SCALE: '1000' } });
const PASSWORD = 'matrix passphrase 42';
const callers = ['anonymous', 'user', 'admin'] as const;
type Caller = (typeof callers)[number];
const tokens: Partial<Record<Caller, string>> = {};

/** What the auth layer must answer each caller, from the route's auth level alone. */
function expected(level: AuthLevel, caller: Caller): 401 | 403 | 'allowed' {
  if (level === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (level === 'admin' && caller === 'user') return 403;
  return 'allowed';
}

/** A request the route accepts: path parameters filled, and for allowed callers a well-formed body. */
function requestFor(route: RouteDefinition): { path: string; body?: unknown } {
  const path = route.path.replace('{id}', '00000000-0000-4000-8000-000000000000').replace('{asset}', 'docs-init.js');
  return route.request?.body ? { path, body: {} } : { path };
}

beforeAll(async () => {
  const api = apiClient(twin().url);
  const env = twin().environment;
  await promisify(execFile)('npx', ['tsx', 'infra/admin-create.ts', '--local', '--email', 'root@example.com', '--name', 'Root'], {
    env: { ...process.env, ...env, KINDRED_PREFIX: twin().names.prefix, KINDRED_STATE_DIR: dirname(env.LOCAL_KEYS_FILE!) },
  });
  await api.post('/api/v1/auth/register', { email: 'plain@example.com', password: PASSWORD, name: 'Plain' });
  for (const [email, path] of [
    ['root@example.com', '/api/v1/auth/invitation'],
    ['plain@example.com', '/api/v1/auth/confirm'],
  ] as const) {
    const token = linkIn(await waitForEmail(twin().outboxDirectory, email)).searchParams.get('token');
    await api.post(path, { token, password: PASSWORD });
  }
  tokens.admin = (await api.post<{ accessToken: string }>('/api/v1/auth/login', { email: 'root@example.com', password: PASSWORD })).body.accessToken;
  tokens.user = (await api.post<{ accessToken: string }>('/api/v1/auth/login', { email: 'plain@example.com', password: PASSWORD })).body.accessToken;
}, 60_000);

describe('access control, generated from the route table', () => {
  const cases = routeTable.flatMap((route) => callers.map((caller) => [`${route.method} ${route.path}`, caller, route] as const));

  it.each(cases)('%s as %s', async (_name, caller, route) => {
    const { path, body } = requestFor(route);
    const headers: Record<string, string> = tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {};
    const response = await apiClient(twin().url).call(route.method, path, { headers, ...(body !== undefined ? { body } : {}) });
    const rule = expected(route.auth, caller);
    if (rule === 'allowed') {
      // Past the auth layer: the route itself answers (2xx, or 4xx about the placeholder input), never 401/403.
      expect([401, 403], JSON.stringify(response.body).slice(0, 200)).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else {
      expect(response.status).toBe(rule);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
