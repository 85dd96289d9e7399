import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { emailsTo, linkIn, waitForEmail } from '../support/mailbox.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('admin', { environment: { RATE_LIMIT_SCALE: '1000' } });
const PASSWORD = 'a very fine passphrase';

interface Profile {
  id: string;
  email: string;
  role: 'user' | 'admin';
  status: 'pending' | 'active' | 'disabled';
  createdAt: string;
}
interface Page {
  users: Profile[];
  nextCursor?: string;
}

async function acceptInvitation(email: string, count = 1): Promise<void> {
  const invitation = await waitForEmail(twin().outboxDirectory, email, { subject: 'You are invited', count });
  const token = linkIn(invitation).searchParams.get('token');
  const response = await apiClient(twin().url).post('/api/v1/auth/invitation', { token, password: PASSWORD });
  expect(response.status, `${email}: ${JSON.stringify(response.body)}`).toBe(204);
}

async function pageThrough(api: ReturnType<typeof apiClient>, token: string, query: string): Promise<Profile[]> {
  const seen: Profile[] = [];
  let cursor: string | undefined;
  do {
    const response = await api.get<Page>(`/api/v1/users?limit=17&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    seen.push(...response.body.users);
    cursor = response.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('administrators managing users', () => {
  it('bootstraps an admin with the CLI, invites users, pages through 250 of them, disables, enables and deletes', async () => {
    const api = apiClient(twin().url);
    const env = twin().environment;

    // The operator bootstraps the first administrator with the CLI, against this twin.
    const cli = await promisify(execFile)('npx', ['tsx', 'infra/admin-create.ts', '--local', '--email', 'Boss@Example.com', '--name', 'Boss'], {
      env: { ...process.env, ...env, KINDRED_PREFIX: twin().names.prefix, KINDRED_STATE_DIR: dirname(env.LOCAL_KEYS_FILE!) },
    });
    expect(cli.stdout).toContain('Created administrator boss@example.com');
    await acceptInvitation('boss@example.com');
    const boss = (await api.post<{ accessToken: string }>('/api/v1/auth/login', { email: 'boss@example.com', password: PASSWORD })).body.accessToken;

    // The boss is the only active administrator: they cannot demote, disable or delete themself.
    const me = (await api.get<Profile>('/api/v1/me', boss)).body;
    expect(me.role).toBe('admin');
    expect((await api.patch(`/api/v1/users/${me.id}`, { role: 'user' }, boss)).body).toMatchObject({ status: 409, code: 'last_admin' });
    expect((await api.post(`/api/v1/users/${me.id}/disable`, undefined, boss)).body).toMatchObject({ code: 'last_admin' });
    expect((await api.delete(`/api/v1/users/${me.id}`, undefined, boss)).body).toMatchObject({ code: 'last_admin' });

    // Create a user, who accepts the invitation and logs in.
    const created = await api.post<Profile>('/api/v1/users', { email: 'grace@example.com', name: 'Grace', role: 'user' }, boss);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/users/${created.body.id}`);
    expect((await api.post('/api/v1/users', { email: 'grace@example.com', name: 'Grace', role: 'user' }, boss)).body).toMatchObject({ code: 'email_taken' });
    // A re-invitation kills the first link.
    await waitForEmail(twin().outboxDirectory, 'grace@example.com', { subject: 'You are invited' });
    expect((await api.post(`/api/v1/users/${created.body.id}/invite`, undefined, boss)).status).toBe(202);
    const stale = linkIn((await emailsTo(twin().outboxDirectory, 'grace@example.com')).at(-1)!).searchParams.get('token');
    await acceptInvitation('grace@example.com', 2);
    expect((await api.post('/api/v1/auth/invitation', { token: stale, password: PASSWORD })).body).toMatchObject({ code: 'invalid_link' });
    const grace = await api.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/login', { email: 'grace@example.com', password: PASSWORD });
    expect(grace.status).toBe(200);
    expect((await api.get('/api/v1/users', grace.body.accessToken)).status).toBe(403);

    // 250 more users: every 5th an admin, every 7th disabled, every 3rd (not disabled) accepted.
    const bulk: Array<{ id: string; email: string; role: string; status: string }> = [];
    for (let index = 0; index < 250; index += 1) {
      const email = `bulk-${String(index).padStart(3, '0')}@example.com`;
      const response = await api.post<Profile>('/api/v1/users', { email, name: `Bulk ${index}`, role: index % 5 === 0 ? 'admin' : 'user' }, boss);
      bulk.push({ id: response.body.id, email, role: response.body.role, status: 'pending' });
    }
    for (const [index, user] of bulk.entries()) {
      if (index % 7 === 0) {
        expect((await api.post(`/api/v1/users/${user.id}/disable`, undefined, boss)).status).toBe(200);
        user.status = 'disabled';
      } else if (index % 3 === 0) {
        await acceptInvitation(user.email);
        user.status = 'active';
      }
    }
    const everyone = [
      ...bulk,
      { id: me.id, email: 'boss@example.com', role: 'admin', status: 'active' },
      { id: created.body.id, email: 'grace@example.com', role: 'user', status: 'active' },
    ];

    const all = await pageThrough(api, boss, '');
    expect(all).toHaveLength(everyone.length);
    expect(new Set(all.map((user) => user.id)).size).toBe(everyone.length);
    const order = all.map((user) => `${user.createdAt}#${user.id}`);
    expect(order).toEqual([...order].sort().reverse());

    const expectFilter = async (query: string, keep: (user: (typeof everyone)[number]) => boolean) => {
      const listed = await pageThrough(api, boss, query);
      const ids = listed.map((user) => user.id);
      expect(new Set(ids).size, `${query}: duplicates`).toBe(ids.length);
      expect([...ids].sort(), query).toEqual(everyone.filter(keep).map((user) => user.id).sort());
      if (!query.startsWith('emailPrefix')) {
        const sorted = listed.map((user) => `${user.createdAt}#${user.id}`);
        expect(sorted, `${query}: order`).toEqual([...sorted].sort().reverse());
      }
      return listed;
    };
    await expectFilter('role=admin', (user) => user.role === 'admin');
    await expectFilter('status=pending', (user) => user.status === 'pending');
    await expectFilter('status=disabled', (user) => user.status === 'disabled');
    await expectFilter('role=user&status=active', (user) => user.role === 'user' && user.status === 'active');
    await expectFilter('emailPrefix=BULK-01', (user) => user.email.startsWith('bulk-01'));
    const from = all[200]!.createdAt;
    const to = all[50]!.createdAt;
    const ranged = await expectFilter(`createdFrom=${from}&createdTo=${to}`, (user) => {
      const createdAt = all.find((listed) => listed.id === user.id)!.createdAt;
      return createdAt >= from && createdAt <= to;
    });
    expect(ranged.length).toBeGreaterThan(100);

    // Bad listing requests are refused with 400 and a reason.
    expect((await api.get('/api/v1/users?emailPrefix=bulk&role=admin', boss)).body).toMatchObject({ status: 400, code: 'unsupported_filter_combination' });
    expect((await api.get('/api/v1/users?role=owner', boss)).body).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((await api.get('/api/v1/users?limit=101', boss)).status).toBe(400);
    const firstPage = await api.get<Page>('/api/v1/users?limit=5', boss);
    const tampered = `${firstPage.body.nextCursor!.slice(0, -3)}abc`;
    expect((await api.get(`/api/v1/users?limit=5&cursor=${tampered}`, boss)).body).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect((await api.get(`/api/v1/users?limit=5&role=admin&cursor=${firstPage.body.nextCursor}`, boss)).body).toMatchObject({ code: 'invalid_cursor' });
    expect((await api.get('/api/v1/users/00000000-0000-4000-8000-000000000000', boss)).status).toBe(404);

    // Disable Grace: her refresh fails and her login says why.
    expect((await api.post(`/api/v1/users/${created.body.id}/disable`, undefined, boss)).body).toMatchObject({ status: 'disabled' });
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: grace.body.refreshToken })).status).toBe(401);
    expect((await api.get('/api/v1/me', grace.body.accessToken)).status).toBe(401);
    expect((await api.post('/api/v1/auth/login', { email: 'grace@example.com', password: PASSWORD })).body).toMatchObject({ status: 403, code: 'account_disabled' });

    // Enable her again, then delete her: nothing of her is left.
    expect((await api.post(`/api/v1/users/${created.body.id}/enable`, undefined, boss)).body).toMatchObject({ status: 'active' });
    expect((await api.post('/api/v1/auth/login', { email: 'grace@example.com', password: PASSWORD })).status).toBe(200);
    const audit = await api.get<{ events: Array<{ type: string; details?: { actorId?: string } }> }>(`/api/v1/users/${created.body.id}/audit?limit=50`, boss);
    expect(audit.body.events.map((event) => event.type)).toEqual(expect.arrayContaining(['invited', 'invitation_accepted', 'disabled', 'enabled', 'login_succeeded']));
    expect(audit.body.events.find((event) => event.type === 'disabled')?.details?.actorId).toBe(me.id);
    expect((await api.delete(`/api/v1/users/${created.body.id}`, undefined, boss)).status).toBe(204);
    expect((await api.get(`/api/v1/users/${created.body.id}`, boss)).status).toBe(404);
    const bossTrail = await api.get<{ events: Array<{ type: string; details?: Record<string, string> }> }>(`/api/v1/users/${me.id}/audit`, boss);
    expect(bossTrail.body.events[0]).toMatchObject({ type: 'user_deleted', details: { actorId: me.id, deletedUser: expect.any(String) } });

    const leftovers = await leftoversOf(twin(), [created.body.id, 'grace@example.com']);
    expect(leftovers).toEqual([]);
  }, 180_000);
});
