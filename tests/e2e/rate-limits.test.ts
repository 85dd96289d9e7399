import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../shared/accounts/client-info.ts';
import { apiClient } from '../support/api-client.ts';
import { useTwin } from '../support/twin.ts';

// Production limits (RATE_LIMIT_SCALE unset): this file is the one place they are exercised.
const twin = useTwin('limits');

describe('per-IP rate limits', () => {
  it('refuses sign-ups past the hourly limit with 429 and Retry-After, whatever the address', async () => {
    const api = apiClient(twin().url);
    const { limit } = RATE_LIMITS.register;
    for (let index = 0; index < limit; index += 1) {
      const response = await api.post('/api/v1/auth/register', { email: `limited${index}@example.com`, password: 'a fine passphrase', name: 'L' });
      expect(response.status).toBe(202);
    }
    const refused = await api.post('/api/v1/auth/register', { email: 'one-too-many@example.com', password: 'a fine passphrase', name: 'L' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.register.windowSeconds);
    // Other actions have their own budgets.
    expect((await api.post('/api/v1/auth/password/forgot', { email: 'limited0@example.com' })).status).toBe(202);
  });

  it('refuses logins, refreshes, reset requests and resends past their own per-IP limits', async () => {
    const api = apiClient(twin().url);
    const attempts = {
      login: (index: number) => api.post('/api/v1/auth/login', { email: `nobody-${index}@example.com`, password: 'not a password at all' }),
      refresh: () => api.post('/api/v1/auth/refresh', { refreshToken: 'rt1.not-a-token' }),
      forgot: (index: number) => api.post('/api/v1/auth/password/forgot', { email: `forgetful-${index}@example.com` }),
      resend: (index: number) => api.post('/api/v1/auth/confirm/resend', { email: `waiting-${index}@example.com` }),
    } as const;
    const usedAbove: Partial<Record<keyof typeof attempts, number>> = { forgot: 1 }; // the test before spent one
    for (const [action, attempt] of Object.entries(attempts) as Array<[keyof typeof attempts, (index: number) => ReturnType<typeof api.post>]>) {
      const limit = RATE_LIMITS[action].limit - (usedAbove[action] ?? 0);
      const allowed = await Promise.all(Array.from({ length: limit }, (_, index) => attempt(index)));
      expect(allowed.every((answer) => answer.status !== 429), action).toBe(true);
      const refused = await attempt(limit);
      expect(refused.status, action).toBe(429);
      expect(Number(refused.headers.get('retry-after')), action).toBeGreaterThan(0);
    }
  });
});
