import { describe, expect, it } from 'vitest';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { apiClient } from '../support/api-client.ts';
import { jpegWithGps } from '../support/images.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { promoteToAdmin, signedInPerson } from '../support/people.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { waitFor } from '../support/wait.ts';

/**
 * Each invariant here is guarded by a condition on the write itself, so
 * requests fired in parallel cannot all pass a check made before it.
 */
const twin = useTwin('races', { environment: { RATE_LIMIT_SCALE: '1000' } });
const PASSWORD = 'a perfectly fine passphrase';

const statuses = (responses: Array<{ status: number }>) => responses.map((response) => response.status).sort();

describe('invariants under parallel requests', () => {
  it('evaluates at most the free attempts of 40 parallel wrong logins, then refuses even the right password', async () => {
    const person = await signedInPerson(twin(), 'parallel-lockout@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => api.post('/api/v1/auth/login', { email: person.email, password: 'not the password at all' })),
    );
    const evaluated = answers.filter((answer) => answer.status === 401).length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
    expect((await api.post('/api/v1/auth/login', { email: person.email, password: PASSWORD })).status).toBe(429);
  });

  it('keeps exactly 6 photos from 20 parallel upload forms', async () => {
    const person = await signedInPerson(twin(), 'parallel-photos@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.post('/api/v1/me/photos', { contentType: 'image/jpeg', contentLength: 1000 }, person.accessToken)),
    );
    expect(statuses(answers)).toEqual([...Array(6).fill(201), ...Array(14).fill(409)]);
    const listed = await api.get<{ photos: unknown[] }>('/api/v1/me/photos', person.accessToken);
    expect(listed.body.photos).toHaveLength(6);
  });

  it('leaves one administrator when the last two demote each other and themselves at once', async () => {
    const first = await signedInPerson(twin(), 'admin-one@example.com', PASSWORD);
    const second = await signedInPerson(twin(), 'admin-two@example.com', PASSWORD);
    const [firstToken, secondToken] = [await promoteToAdmin(twin(), first), await promoteToAdmin(twin(), second)];
    const api = apiClient(twin().url);
    const answers = await Promise.all([
      api.patch(`/api/v1/users/${first.userId}`, { role: 'user' }, firstToken),
      api.patch(`/api/v1/users/${second.userId}`, { role: 'user' }, secondToken),
    ]);
    expect(statuses(answers)).toEqual([200, 409]);
    useEmulatorEnvironment();
    const users = new UserRepository(dynamo(), twin().names.table);
    const firstIsAdmin = (await users.findById(first.userId))!.role === 'admin';
    const secondIsAdmin = (await users.findById(second.userId))!.role === 'admin';
    expect([firstIsAdmin, secondIsAdmin].filter(Boolean)).toHaveLength(1);
    // The one left cannot delete their own account either.
    const survivor = firstIsAdmin ? firstToken : secondToken;
    const deletion = await api.delete('/api/v1/me', { password: PASSWORD }, survivor);
    expect(deletion.status).toBe(409);
    expect(deletion.body).toMatchObject({ code: 'last_admin' });
  });

  it('gives no working session to a login that raced the account being disabled', async () => {
    const person = await signedInPerson(twin(), 'racing-login@example.com', PASSWORD);
    const boss = await signedInPerson(twin(), 'racing-boss@example.com', PASSWORD);
    const bossToken = await promoteToAdmin(twin(), boss);
    const api = apiClient(twin().url);
    const logins = Array.from({ length: 12 }, (_, index) =>
      new Promise((resolve) => setTimeout(resolve, index * 4)).then(() => api.post<{ accessToken?: string; refreshToken?: string }>('/api/v1/auth/login', { email: person.email, password: PASSWORD })),
    );
    const disabled = await new Promise((resolve) => setTimeout(resolve, 20)).then(() => api.post(`/api/v1/users/${person.userId}/disable`, undefined, bossToken));
    expect(disabled.status).toBe(200);
    const settled = await Promise.all(logins);
    for (const login of settled.filter((answer) => answer.status === 200)) {
      expect((await api.get('/api/v1/me', login.body.accessToken)).status).toBe(401);
      expect((await api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
    }
    expect((await api.get('/api/v1/me', person.accessToken)).status).toBe(401);
  });

  it('lets only a live refresh token end every session; a rotated one ends only its own', async () => {
    const person = await signedInPerson(twin(), 'stale-logout@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const first = await api.post<{ refreshToken: string }>('/api/v1/auth/login', { email: person.email, password: PASSWORD });
    const once = await api.post<{ refreshToken: string }>('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    const twice = await api.post<{ refreshToken: string }>('/api/v1/auth/refresh', { refreshToken: once.body.refreshToken });
    expect(twice.status).toBe(200);
    // Two generations old: no grace window covers it.
    expect((await api.post('/api/v1/auth/logout?scope=all', { refreshToken: first.body.refreshToken })).status).toBe(204);
    expect((await api.get('/api/v1/me', person.accessToken)).status).toBe(200);
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: twice.body.refreshToken })).status).toBe(401);
  });

  it('kills a pending email change when the password is reset, and lets the owner cancel one', async () => {
    const owner = await signedInPerson(twin(), 'owner@example.com', PASSWORD);
    const api = apiClient(twin().url);
    // Someone who knew the old password asks to move the login to their own address.
    const hijack = await api.post('/api/v1/me/email', { newEmail: 'attacker@example.net', password: PASSWORD }, owner.accessToken);
    expect(hijack.status).toBe(202);
    const changeLink = linkIn(await waitForEmail(twin().outboxDirectory, 'attacker@example.net', { subject: 'Confirm your new email' })).searchParams.get('token');
    const notice = await waitForEmail(twin().outboxDirectory, owner.email, { subject: 'being changed' });
    expect(notice.text).toMatch(/cancel/i);
    // The owner resets the password from their mailbox.
    expect((await api.post('/api/v1/auth/password/forgot', { email: owner.email })).status).toBe(202);
    const resetLink = linkIn(await waitForEmail(twin().outboxDirectory, owner.email, { subject: 'Reset your password' })).searchParams.get('token');
    expect((await api.post('/api/v1/auth/password/reset', { token: resetLink, password: 'a brand new passphrase' })).status).toBe(204);
    // The old change link is dead, and the login stays the owner's.
    expect((await api.post('/api/v1/auth/email/confirm', { token: changeLink })).status).toBe(400);
    const login = await api.post<{ accessToken: string }>('/api/v1/auth/login', { email: owner.email, password: 'a brand new passphrase' });
    expect(login.status).toBe(200);
    expect((await api.get('/api/v1/me', login.body.accessToken)).body).not.toHaveProperty('pendingEmail');

    // A change the owner started and then cancelled cannot be confirmed either.
    expect((await api.post('/api/v1/me/email', { newEmail: 'second@example.org', password: 'a brand new passphrase' }, login.body.accessToken)).status).toBe(202);
    const secondLink = linkIn(await waitForEmail(twin().outboxDirectory, 'second@example.org', { subject: 'Confirm your new email' })).searchParams.get('token');
    expect((await api.delete('/api/v1/me/email', undefined, login.body.accessToken)).status).toBe(204);
    expect((await api.post('/api/v1/auth/email/confirm', { token: secondLink })).status).toBe(400);
    expect((await api.get('/api/v1/me', login.body.accessToken)).body).toMatchObject({ email: owner.email });
  });

  it('lets only the person who proves the mailbox choose the password of a new account', async () => {
    const api = apiClient(twin().url);
    const victim = 'pre-hijack@example.com';
    // An attacker signs the victim's address up with their own password and never confirms.
    expect((await api.post('/api/v1/auth/register', { email: victim, password: 'attacker chosen phrase', name: 'Mallory' })).status).toBe(202);
    const attackersLink = linkIn(await waitForEmail(twin().outboxDirectory, victim, { subject: 'Confirm your email' })).searchParams.get('token');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past the one-a-second resend cooldown of this twin
    // The victim signs up later and confirms from the newest email, with the password they chose.
    expect((await api.post('/api/v1/auth/register', { email: victim, password: PASSWORD, name: 'Victim' })).status).toBe(202);
    const victimsLink = linkIn(await waitForEmail(twin().outboxDirectory, victim, { subject: 'Confirm your email', count: 2 })).searchParams.get('token');
    expect((await api.post('/api/v1/auth/confirm', { token: attackersLink, password: 'attacker chosen phrase' })).status).toBe(400);
    expect((await api.post('/api/v1/auth/confirm', { token: victimsLink, password: 'attacker chosen phrase' })).status).toBe(403);
    expect((await api.post('/api/v1/auth/confirm', { token: victimsLink, password: PASSWORD })).status).toBe(204);
    expect((await api.post('/api/v1/auth/login', { email: victim, password: 'attacker chosen phrase' })).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { email: victim, password: PASSWORD })).status).toBe(200);
  });

  it('refuses query parameters it cannot read exactly: __proto__, hexadecimal and exponent page sizes', async () => {
    const person = await signedInPerson(twin(), 'query-edges@example.com', PASSWORD);
    const adminToken = await promoteToAdmin(twin(), person);
    const api = apiClient(twin().url);
    for (const query of ['__proto__=1', 'limit=0x10', 'limit=1e2', 'limit=%205', 'constructor=1']) {
      const answer = await api.get(`/api/v1/users?${query}`, adminToken);
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await api.get('/api/v1/me?__proto__=1', adminToken)).status).toBe(400);
    expect((await api.get('/api/v1/users?limit=16', adminToken)).status).toBe(200);
  });

  it('limits email changes per account and per new address, and keeps typed names out of mail to unconfirmed addresses', async () => {
    const api = apiClient(twin().url);
    const first = await signedInPerson(twin(), 'relay-one@example.com', PASSWORD);
    const second = await signedInPerson(twin(), 'relay-two@example.com', PASSWORD);
    const change = (token: string, newEmail: string) => api.post('/api/v1/me/email', { newEmail, password: PASSWORD }, token);
    for (let index = 0; index < 3; index += 1) expect((await change(first.accessToken, 'target@example.net')).status).toBe(202);
    expect((await change(second.accessToken, 'target@example.net')).status).toBe(429); // per new address
    expect((await change(first.accessToken, 'elsewhere-1@example.net')).status).toBe(202);
    expect((await change(first.accessToken, 'elsewhere-2@example.net')).status).toBe(202);
    expect((await change(first.accessToken, 'elsewhere-3@example.net')).status).toBe(429); // per account

    const name = 'Win a prize at https://evil.example';
    expect((await api.post('/api/v1/auth/register', { email: 'named@example.com', password: PASSWORD, name })).status).toBe(202);
    const confirmation = await waitForEmail(twin().outboxDirectory, 'named@example.com', { subject: 'Confirm your email' });
    expect(`${confirmation.text}${confirmation.html}`).not.toContain('evil.example');
    const changeMail = await waitForEmail(twin().outboxDirectory, 'target@example.net', { subject: 'Confirm your new email' });
    expect(changeMail.text).not.toContain('Someone');
  });

  it('leaves nothing of an account deleted while its photos are being requested and uploaded', async () => {
    const person = await signedInPerson(twin(), 'deleted-midway@example.com', PASSWORD);
    const api = apiClient(twin().url);
    const photo = await jpegWithGps();
    const forms = Array.from({ length: 6 }, (_, index) =>
      new Promise((resolve) => setTimeout(resolve, index * 15)).then(() =>
        api.post<{ upload: { url: string; fields: Record<string, string> } }>('/api/v1/me/photos', { contentType: 'image/jpeg', contentLength: photo.length }, person.accessToken),
      ),
    );
    const deletion = new Promise((resolve) => setTimeout(resolve, 30)).then(() => api.delete('/api/v1/me', { password: PASSWORD }, person.accessToken));
    const [issued, deleted] = await Promise.all([Promise.all(forms), deletion]);
    expect(deleted.status).toBe(204);
    // Whatever forms were issued, their uploads arrive now, after the account is gone.
    for (const form of issued.filter((answer) => answer.status === 201)) {
      const body = new FormData();
      for (const [name, value] of Object.entries(form.body.upload.fields)) body.append(name, value);
      body.append('file', new Blob([photo], { type: 'image/jpeg' }), 'late.jpg');
      await fetch(form.body.upload.url, { method: 'POST', body });
    }
    await waitFor(async () => ((await leftoversOf(twin(), [person.userId, person.email])).length === 0 ? true : undefined), 20_000, 250);
  });
});
