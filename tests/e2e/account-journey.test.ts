import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../../shared/accounts/sessions.ts';
import { apiClient } from '../support/api-client.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';

const twin = useTwin('journey');

interface Pair {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

describe('a person’s whole journey with their account', () => {
  it('registers, confirms, logs in, refreshes, resets, changes email and deletes the account', async () => {
    const api = apiClient(twin().url);
    const outbox = twin().outboxDirectory;
    const email = 'ada@example.com';

    // Register and read the confirmation email.
    const registered = await api.post('/api/v1/auth/register', { email: ' Ada@Example.COM ', password: 'analytical engine 1843', name: 'Ada' });
    expect(registered.status).toBe(202);
    const confirmation = await waitForEmail(outbox, email, { subject: 'Confirm your email' });
    const confirmLink = linkIn(confirmation);
    expect(confirmLink.pathname).toBe('/api/v1/auth/confirm');

    // Not confirmed yet: the right password learns so, nothing more.
    expect((await api.post('/api/v1/auth/login', { email, password: 'analytical engine 1843' })).body).toMatchObject({ code: 'email_not_confirmed' });

    // A mail scanner GETs the link: a page, and nothing consumed.
    const page = await fetch(confirmLink);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Confirm my email');
    expect((await api.post('/api/v1/auth/login', { email, password: 'analytical engine 1843' })).status).toBe(403);

    // The person presses the button; pressing it twice is harmless.
    const token = confirmLink.searchParams.get('token');
    expect((await api.post('/api/v1/auth/confirm', { token, password: 'analytical engine 1843' })).status).toBe(204);
    expect((await api.post('/api/v1/auth/confirm', { token, password: 'analytical engine 1843' })).status).toBe(204);

    // Log in and look at the profile.
    const login = await api.post<Pair>('/api/v1/auth/login', { email, password: 'analytical engine 1843' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await api.get('/api/v1/me', login.body.accessToken);
    expect(me.body).toMatchObject({ email, name: 'Ada', status: 'active', role: 'user' });
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|passwordHash|passwordStamp/);

    // Refresh rotates; the old token still works inside the grace window...
    const first = await api.post<Pair>('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(login.body.refreshToken);
    const concurrent = await api.post<Pair>('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(concurrent.status).toBe(200);

    // ...but not after it: replaying it then revokes the whole family.
    await new Promise((resolve) => setTimeout(resolve, REFRESH_GRACE_MS + 500));
    const replay = await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(replay).toMatchObject({ status: 401, body: { code: 'invalid_refresh_token' } });
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
    expect((await api.get('/api/v1/me', first.body.accessToken)).body).toMatchObject({ code: 'session_ended' });

    // Log in again, then log out: the refresh token and the access token both stop working.
    const second = await api.post<Pair>('/api/v1/auth/login', { email, password: 'analytical engine 1843' });
    expect((await api.post('/api/v1/auth/logout', { refreshToken: second.body.refreshToken })).status).toBe(204);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
    expect((await api.get('/api/v1/me', second.body.accessToken)).status).toBe(401);

    // Forgot the password: reset it from the emailed link.
    expect((await api.post('/api/v1/auth/password/forgot', { email })).status).toBe(202);
    const reset = linkIn(await waitForEmail(outbox, email, { subject: 'Reset your password' }));
    expect((await fetch(reset)).status).toBe(200);
    const resetToken = reset.searchParams.get('token');
    expect((await api.post('/api/v1/auth/password/reset', { token: resetToken, password: 'difference engine 1822' })).status).toBe(204);
    expect((await api.post('/api/v1/auth/password/reset', { token: resetToken, password: 'another one 12345' })).body).toMatchObject({ code: 'invalid_link' });
    await waitForEmail(outbox, email, { subject: 'Your password was changed' });
    expect((await api.post('/api/v1/auth/login', { email, password: 'analytical engine 1843' })).status).toBe(401);
    const third = await api.post<Pair>('/api/v1/auth/login', { email, password: 'difference engine 1822' });
    expect(third.status).toBe(200);

    // Change the email address: the old one stays the login until the new one is confirmed.
    const newEmail = 'countess@example.org';
    expect((await api.post('/api/v1/me/email', { newEmail, password: 'difference engine 1822' }, third.body.accessToken)).status).toBe(202);
    await waitForEmail(outbox, email, { subject: 'being changed' });
    const change = linkIn(await waitForEmail(outbox, newEmail, { subject: 'Confirm your new email' }));
    expect((await api.post('/api/v1/auth/login', { email, password: 'difference engine 1822' })).status).toBe(200);
    expect((await api.post('/api/v1/auth/email/confirm', { token: change.searchParams.get('token') })).status).toBe(204);
    expect((await api.post('/api/v1/auth/login', { email, password: 'difference engine 1822' })).status).toBe(401);
    const fourth = await api.post<Pair>('/api/v1/auth/login', { email: newEmail, password: 'difference engine 1822' });
    expect(fourth.status).toBe(200);
    const sessions = await api.get<{ sessions: Array<{ current: boolean }> }>('/api/v1/me/sessions', fourth.body.accessToken);
    expect(sessions.body.sessions.filter((session) => session.current)).toHaveLength(1);

    // Delete the account: nothing of it is left in the table.
    const me2 = await api.get<{ id: string }>('/api/v1/me', fourth.body.accessToken);
    expect((await api.delete('/api/v1/me', { password: 'difference engine 1822' }, fourth.body.accessToken)).status).toBe(204);
    expect((await api.post('/api/v1/auth/login', { email: newEmail, password: 'difference engine 1822' })).status).toBe(401);

    useEmulatorEnvironment();
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const partition = await db.send(
      new QueryCommand({ TableName: twin().names.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `USER#${me2.body.id}` } }),
    );
    expect(partition.Items).toEqual([]);
    // The whole table and every bucket, paged: nothing still names the person.
    const leftovers = await leftoversOf(twin(), ['ada@example.com', 'countess@example.org', '"Ada"', me2.body.id]);
    expect(leftovers).toEqual([]);
  }, 60_000);
});
