import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { promoteToAdmin, signedInPerson } from '../support/people.ts';
import { useTwin } from '../support/twin.ts';
import { uploadPhoto } from '../support/uploads.ts';
import { jpegWithGps } from '../support/images.ts';

const twin = useTwin('sessions', { environment: { RATE_LIMIT_SCALE: '1000' } });
const PASSWORD = 'a perfectly fine passphrase';

describe('sessions, roles and other people’s ids', () => {
  it('renames a person with PATCH me', async () => {
    const person = await signedInPerson(twin(), 'rename@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const renamed = await api.patch<{ name: string }>('/api/v1/me', { name: '  Ada King  ' }, person.accessToken);
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Ada King');
    expect((await api.get<{ name: string }>('/api/v1/me', person.accessToken)).body.name).toBe('Ada King');
  });

  it('ends a person’s sessions when an administrator changes their role or revokes them', async () => {
    const boss = await signedInPerson(twin(), 'role-boss@example.com', PASSWORD);
    const bossToken = await promoteToAdmin(twin(), boss);
    const api = apiClient(twin().url);

    const promoted = await signedInPerson(twin(), 'role-changed@example.com', PASSWORD);
    expect((await api.patch(`/api/v1/users/${promoted.userId}`, { role: 'admin' }, bossToken)).status).toBe(200);
    // The old token carries the old role: it no longer works, and logging in again gives the new one.
    expect((await api.get('/api/v1/me', promoted.accessToken)).status).toBe(401);
    const relogin = await api.post<{ accessToken: string }>('/api/v1/auth/login', { email: promoted.email, password: PASSWORD });
    expect((await api.get('/api/v1/users?limit=1', relogin.body.accessToken)).status).toBe(200);

    const revoked = await signedInPerson(twin(), 'revoked@example.com', PASSWORD);
    const second = await api.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/login', { email: revoked.email, password: PASSWORD });
    expect((await api.post(`/api/v1/users/${revoked.userId}/sessions/revoke`, undefined, bossToken)).status).toBe(204);
    expect((await api.get('/api/v1/me', revoked.accessToken)).status).toBe(401);
    expect((await api.get('/api/v1/me', second.body.accessToken)).status).toBe(401);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
  });

  it('answers 404 for another person’s real photo and session ids, and leaves them alone', async () => {
    const owner = await signedInPerson(twin(), 'owner-of-things@example.com', PASSWORD);
    const stranger = await signedInPerson(twin(), 'stranger@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const photoId = await uploadPhoto(twin().url, owner.accessToken, await jpegWithGps(), 'image/jpeg', 'mine.jpg');
    const sessions = await api.get<{ sessions: Array<{ id: string }> }>('/api/v1/me/sessions', owner.accessToken);
    const sessionId = sessions.body.sessions[0]!.id;

    expect((await api.get(`/api/v1/me/photos/${photoId}`, stranger.accessToken)).status).toBe(404);
    expect((await api.delete(`/api/v1/me/photos/${photoId}`, undefined, stranger.accessToken)).status).toBe(404);
    expect((await api.call('PUT', '/api/v1/me/avatar', { body: { photoId }, token: stranger.accessToken })).status).toBe(404);
    expect((await api.delete(`/api/v1/me/sessions/${sessionId}`, undefined, stranger.accessToken)).status).toBe(404);

    expect((await api.get(`/api/v1/me/photos/${photoId}`, owner.accessToken)).status).toBe(200);
    expect((await api.get('/api/v1/me', owner.accessToken)).status).toBe(200);
  });

  it('sends a fresh confirmation link on request, which confirms the sign-up', async () => {
    const api = apiClient(twin().url);
    const email = 'resend-me@example.com';
    expect((await api.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'Late' })).status).toBe(202);
    await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the scaled resend cooldown of this twin
    expect((await api.post('/api/v1/auth/confirm/resend', { email })).status).toBe(202);
    const resent = await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email', count: 2 });
    expect((await api.post('/api/v1/auth/confirm', { token: linkIn(resent).searchParams.get('token'), password: PASSWORD })).status).toBe(204);
    expect((await api.post('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });

  it('puts re-checks of the password behind the login backoff: a stolen session cannot guess it', async () => {
    const person = await signedInPerson(twin(), 'reauth@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const guesses = [];
    for (let index = 0; index < 5; index += 1) guesses.push((await api.delete('/api/v1/me', { password: `guess number ${index}` }, person.accessToken)).status);
    expect(guesses).toEqual([403, 403, 403, 403, 403]);
    // Locked now, for every route that checks the password, and for login too, even with the right one.
    expect((await api.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'another fine passphrase' }, person.accessToken)).status).toBe(429);
    expect((await api.post('/api/v1/auth/login', { email: person.email, password: PASSWORD })).status).toBe(429);
    expect((await api.get('/api/v1/me', person.accessToken)).status).toBe(200);
  });
});
