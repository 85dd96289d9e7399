import { describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { useTwin } from '../support/twin.ts';

// As `cdk deploy -c appUrl=https://app.kindred.test` does: emails link to the app, which calls the API.
const APP = 'https://app.kindred.test';
process.env.APP_URL = APP;
const twin = useTwin('app-links', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);

describe('links in emails with an app (appUrl)', () => {
  it('lead to the app\u2019s routes, and the token they carry works against the API', async () => {
    const email = 'linked@example.com';
    const password = 'analytical engine 1843';
    expect((await api().post('/api/v1/auth/register', { email, password, name: 'Linked' })).status).toBe(202);

    // The app serves /confirm-email: it reads the token from the link and POSTs it to the API with the password.
    const confirm = linkIn(await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email' }));
    expect(`${confirm.origin}${confirm.pathname}`).toBe(`${APP}/confirm-email`);
    expect((await api().post('/api/v1/auth/confirm', { token: confirm.searchParams.get('token'), password })).status).toBe(204);
    expect((await api().post('/api/v1/auth/login', { email, password })).status).toBe(200);

    // And /reset-password, the same way.
    expect((await api().post('/api/v1/auth/password/forgot', { email })).status).toBe(202);
    const reset = linkIn(await waitForEmail(twin().outboxDirectory, email, { subject: 'Reset your password' }));
    expect(`${reset.origin}${reset.pathname}`).toBe(`${APP}/reset-password`);
    const newPassword = 'difference engine 1822';
    expect((await api().post('/api/v1/auth/password/reset', { token: reset.searchParams.get('token'), password: newPassword })).status).toBe(204);
    expect((await api().post('/api/v1/auth/login', { email, password: newPassword })).status).toBe(200);
  }, 60_000);
});
