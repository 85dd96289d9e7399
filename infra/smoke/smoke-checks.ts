import { randomBytes } from 'node:crypto';
import { routeTable } from '../../shared/routes/index.ts';

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SmokeOptions {
  /** The API's base URL (a stage's `ApiUrl` output, or the twin's). */
  readonly url: string;
  /** An origin the stage allows (its `corsAllowOrigins`); the CORS check is skipped without one. */
  readonly origin?: string;
  readonly timeoutMs?: number;
}

/** Answers SES accepts and discards: registering it sends nothing to a real person (AWS's mailbox simulator). */
export const SES_SIMULATOR_ADDRESS = 'success@simulator.amazonses.com';

const REQUIRED_SECURITY_HEADERS = ['strict-transport-security', 'x-content-type-options', 'x-frame-options', 'content-security-policy'];

type Check = (options: SmokeOptions, call: (path: string, init?: RequestInit) => Promise<Response>) => Promise<string>;

/** Each check returns what it saw when it passes, and throws a one-line reason when it fails. */
const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  [
    'health',
    async (_options, call) => {
      const response = await call('/health');
      expectStatus(response, 200);
      return `200 ${JSON.stringify(await response.json())}`;
    },
  ],
  [
    'OpenAPI lists every route',
    async (_options, call) => {
      const response = await call('/openapi.json');
      expectStatus(response, 200);
      const document = (await response.json()) as { paths?: Record<string, Record<string, unknown>> };
      const missing = routeTable.filter((route) => !document.paths?.[route.path]?.[route.method.toLowerCase()]).map((route) => `${route.method} ${route.path}`);
      if (missing.length > 0) throw new Error(`missing from /openapi.json: ${missing.join(', ')}`);
      return `${routeTable.length} routes`;
    },
  ],
  [
    'JWKS published',
    async (_options, call) => {
      const response = await call('/.well-known/jwks.json');
      expectStatus(response, 200);
      const keys = ((await response.json()) as { keys?: unknown[] }).keys ?? [];
      if (keys.length === 0) throw new Error('/.well-known/jwks.json has no keys: the first key rotation has not run');
      return `${keys.length} key(s)`;
    },
  ],
  [
    'registration accepted',
    async (_options, call) => {
      const response = await call('/api/v1/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: SES_SIMULATOR_ADDRESS, password: `smoke ${randomBytes(12).toString('base64url')}`, name: 'Smoke Test' }),
      });
      expectStatus(response, 202);
      return '202';
    },
  ],
  [
    'unknown login refused as problem+json',
    async (_options, call) => {
      const response = await call('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `smoke-${randomBytes(6).toString('hex')}@example.invalid`, password: 'not a real password' }),
      });
      expectStatus(response, 401);
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('application/problem+json')) throw new Error(`401 answered as ${type || 'no content type'}, not application/problem+json`);
      return '401 problem+json';
    },
  ],
  [
    'security headers',
    async (_options, call) => {
      const response = await call('/api/v1/me');
      expectStatus(response, 401);
      const missing = REQUIRED_SECURITY_HEADERS.filter((name) => !response.headers.get(name));
      if (missing.length > 0) throw new Error(`response lacks ${missing.join(', ')}`);
      return REQUIRED_SECURITY_HEADERS.join(', ');
    },
  ],
  [
    'CORS preflight',
    async (options, call) => {
      if (!options.origin) return 'skipped (no --origin given)';
      const response = await call('/api/v1/auth/login', {
        method: 'OPTIONS',
        headers: { origin: options.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      const allowed = response.headers.get('access-control-allow-origin');
      if (allowed !== options.origin && allowed !== '*') throw new Error(`preflight from ${options.origin} answered ${response.status} with allow-origin ${allowed ?? 'absent'}`);
      return `allow-origin ${allowed}`;
    },
  ],
];

function expectStatus(response: Response, status: number): void {
  if (response.status !== status) throw new Error(`${response.url} answered ${response.status}, expected ${status}`);
}

/** Runs every check against a deployed (or local) Kindred; none stops the others. */
export async function runSmokeChecks(options: SmokeOptions): Promise<CheckResult[]> {
  const base = options.url.replace(/\/+$/, '');
  const call = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  const results: CheckResult[] = [];
  for (const [name, check] of CHECKS) {
    try {
      results.push({ name, ok: true, detail: await check(options, call) });
    } catch (error) {
      results.push({ name, ok: false, detail: (error as Error).message });
    }
  }
  return results;
}
