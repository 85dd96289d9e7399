import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../shared/accounts/audit-log.ts';
import { normalizeEmail } from '../../shared/accounts/email-address.ts';
import { emailOwnershipKey } from '../../shared/accounts/table-keys.ts';
import { apiClient } from '../support/api-client.ts';
import { emailsTo, linkIn, waitForEmail } from '../support/mailbox.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';

// Generous per-IP limits: every request here comes from 127.0.0.1.
const twin = useTwin('abuse', { environment: { RATE_LIMIT_SCALE: '1000' } });
const PASSWORD = 'a perfectly fine passphrase';

async function confirmedAccount(email: string): Promise<void> {
  const api = apiClient(twin().url);
  await api.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'Someone' });
  const token = linkIn(await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email' })).searchParams.get('token');
  expect((await api.post('/api/v1/auth/confirm', { token, password: PASSWORD })).status).toBe(204);
}

/** Everything a client could compare between two answers, minus what is unique per request. */
const observable = (response: { status: number; body: unknown; headers: Headers }) => ({
  status: response.status,
  body: JSON.stringify(response.body).replace(/"instance":"[^"]+"/, ''),
  type: response.headers.get('content-type'),
});

describe('accounts under abuse', () => {
  it('creates exactly one account from 50 concurrent registrations of one email', async () => {
    const api = apiClient(twin().url);
    const email = 'race@example.com';
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => api.post('/api/v1/auth/register', { email, password: `${PASSWORD} ${index}`, name: `Racer ${index}` })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(202));

    useEmulatorEnvironment();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const owner = await db.send(new GetCommand({ TableName: twin().names.table, Key: emailOwnershipKey(email) }));
    expect(owner.Item?.userId).toBeDefined();
    await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email' });
    // One account: every confirmation link sent (a later sign-up replaces an unconfirmed one, at most once per cooldown) names it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const confirmations = (await emailsTo(twin().outboxDirectory, email)).filter((entry) => entry.subject.includes('Confirm'));
    expect(confirmations.length).toBeGreaterThanOrEqual(1);
    const userIds = new Set(confirmations.map((entry) => JSON.parse(Buffer.from(linkIn(entry).searchParams.get('token')!.split('.')[0]!, 'base64url').toString()).s));
    expect([...userIds]).toEqual([owner.Item!.userId]);
  });

  it('answers register, login and forgot identically for a taken and an unknown email', async () => {
    const api = apiClient(twin().url);
    const taken = 'taken@example.com';
    await confirmedAccount(taken);
    let probe = 0;
    for (const [path, body] of [
      ['/api/v1/auth/register', (email: string) => ({ email, password: PASSWORD, name: 'Probe' })],
      ['/api/v1/auth/login', (email: string) => ({ email, password: 'wrong password here' })],
      ['/api/v1/auth/password/forgot', (email: string) => ({ email })],
      ['/api/v1/auth/confirm/resend', (email: string) => ({ email })],
    ] as const) {
      const unknown = `nobody-${(probe += 1)}@example.com`; // each probe needs an address nothing has touched
      const forTaken = await api.post(path, body(taken));
      const forUnknown = await api.post(path, body(unknown));
      expect(observable(forTaken), path).toEqual(observable(forUnknown));
    }
    // The owner of the taken address hears about the attempt; nobody else gets anything.
    await waitForEmail(twin().outboxDirectory, taken, { subject: 'Someone tried to sign up' });
    for (const index of [2, 3, 4]) expect(await emailsTo(twin().outboxDirectory, `nobody-${index}@example.com`)).toEqual([]);
  });

  it('locks an address out after 5 failures, with Retry-After, the same way for unknown addresses', async () => {
    const api = apiClient(twin().url);
    const known = 'locked@example.com';
    await confirmedAccount(known);
    for (const email of [known, 'ghost@example.com']) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        statuses.push((await api.post('/api/v1/auth/login', { email, password: 'not the password' })).status);
      }
      expect(statuses, email).toEqual([401, 401, 401, 401, 401]);
      const locked = await api.post('/api/v1/auth/login', { email, password: 'not the password' });
      expect(locked.status, email).toBe(429);
      expect(locked.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // While locked, even the right password is refused: the lock does not reveal whether it was right.
    expect((await api.post('/api/v1/auth/login', { email: known, password: PASSWORD })).status).toBe(429);

    // The owner's audit trail shows what happened.
    useEmulatorEnvironment();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const owner = await db.send(new GetCommand({ TableName: twin().names.table, Key: emailOwnershipKey(known) }));
    const events = await new AuditLog(db, twin().names.table).list(owner.Item!.userId as string);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'login_failed')).toHaveLength(5);
    expect(types).toContain('locked_out');
    expect(types).toContain('email_confirmed');
    expect(events[0]).toMatchObject({ ipAddress: '127.0.0.1', at: expect.any(String) });
  });

  it('ends every session when the password is reset, and the other sessions when it is changed', async () => {
    const api = apiClient(twin().url);
    const email = 'sessions@example.com';
    await confirmedAccount(email);
    const logins = await Promise.all([0, 1, 2].map(() => api.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/login', { email, password: PASSWORD })));
    const [a, b, c] = logins.map((login) => login.body) as [{ accessToken: string; refreshToken: string }, { accessToken: string; refreshToken: string }, { accessToken: string; refreshToken: string }];

    const listed = await api.get<{ sessions: Array<{ id: string; current: boolean }> }>('/api/v1/me/sessions', a.accessToken);
    expect(listed.body.sessions).toHaveLength(3);
    const other = listed.body.sessions.find((session) => !session.current)!;
    expect((await api.delete(`/api/v1/me/sessions/${other.id}`, undefined, a.accessToken)).status).toBe(204);
    expect((await api.delete(`/api/v1/me/sessions/${other.id}`, undefined, a.accessToken)).status).toBe(404);

    expect((await api.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, a.accessToken)).status).toBe(204);
    expect((await api.get('/api/v1/me', a.accessToken)).status).toBe(200);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: c.refreshToken })).status).toBe(401);
    await waitForEmail(twin().outboxDirectory, email, { subject: 'Your password was changed' });

    const again = await api.post<{ refreshToken: string }>('/api/v1/auth/login', { email, password: 'a brand new passphrase' });
    expect((await api.post('/api/v1/auth/logout?scope=all', { refreshToken: again.body.refreshToken })).status).toBe(204);
    expect((await api.get('/api/v1/me', a.accessToken)).body).toMatchObject({ code: 'session_ended' });
  });

  it('refuses bad input with 4xx problem details and stores nothing', async () => {
    const api = apiClient(twin().url);
    const cases: Array<[unknown, number, string]> = [
      [{ email: 'x@example.com', password: 'password', name: 'X' }, 422, 'password_too_common'],
      [{ email: 'x@example.com', password: 'short', name: 'X' }, 400, 'validation_failed'],
      [{ email: 'x@example.com', password: PASSWORD, name: 'Bad\u202Ename' }, 400, 'validation_failed'],
      [{ email: 'x@example.com', password: PASSWORD, name: 'X', role: 'admin' }, 400, 'validation_failed'],
      [{ email: 'not an email', password: PASSWORD, name: 'X' }, 400, 'validation_failed'],
      [{ email: `${'a'.repeat(250)}@example.com`, password: PASSWORD, name: 'X' }, 400, 'validation_failed'],
      [{ email: 'x@example.com', password: 'x'.repeat(129), name: 'X' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.post('/api/v1/auth/register', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(response.body).toMatchObject({ code });
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    useEmulatorEnvironment();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    expect((await db.send(new GetCommand({ TableName: twin().names.table, Key: emailOwnershipKey(normalizeEmail('x@example.com')) }))).Item).toBeUndefined();
  });

  it('refuses tampered, wrong-purpose and malformed link tokens with 400, consuming nothing', async () => {
    const api = apiClient(twin().url);
    const email = 'links@example.com';
    await api.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'Links' });
    const token = linkIn(await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email' })).searchParams.get('token')!;
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, x: claims.x + 86_400 })).toString('base64url')}.${mac}`;
    for (const bad of [forged, `${payload}.`, 'garbage', `${token}x`]) {
      expect((await api.post('/api/v1/auth/confirm', { token: bad, password: PASSWORD })).body).toMatchObject({ status: 400, code: 'invalid_link' });
    }
    // A confirmation token is no reset token, nor an email-change token.
    expect((await api.post('/api/v1/auth/password/reset', { token, password: PASSWORD })).body).toMatchObject({ code: 'invalid_link' });
    expect((await api.post('/api/v1/auth/email/confirm', { token })).body).toMatchObject({ code: 'invalid_link' });
    // The genuine token still works afterwards.
    expect((await api.post('/api/v1/auth/confirm', { token, password: PASSWORD })).status).toBe(204);
  });

  it('publishes the keys so a third party can verify access tokens', async () => {
    const api = apiClient(twin().url);
    const email = 'verify@example.com';
    await confirmedAccount(email);
    const login = await api.post<{ accessToken: string }>('/api/v1/auth/login', { email, password: PASSWORD });
    const configuration = await api.get<{ issuer: string; jwks_uri: string }>('/.well-known/openid-configuration');
    expect(configuration.body.issuer).toBe(twin().url);
    // Only what is true: no ID tokens, no OAuth flows or endpoints are claimed.
    expect(Object.keys(configuration.body).sort()).toEqual(['access_token_signing_alg_values_supported', 'issuer', 'jwks_uri']);
    const { createRemoteJWKSet, jwtVerify } = await import('jose');
    const { payload, protectedHeader } = await jwtVerify(login.body.accessToken, createRemoteJWKSet(new URL(configuration.body.jwks_uri)), {
      issuer: configuration.body.issuer,
      audience: 'kindred-api',
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
    expect(payload).toMatchObject({ role: 'user', sid: expect.any(String), jti: expect.any(String) });
  });
});
