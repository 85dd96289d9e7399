import { describe, expect, it } from 'vitest';
import { emailSchema } from '../../shared/accounts/email-address.ts';
import { routes } from '../../shared/routes/index.ts';

// U+FDFA becomes 18 characters under NFKC: lengths must hold after normalization, not only before.
const GROWS_UNDER_NFKC = '\uFDFA';

describe('inputs normalized before use', () => {
  it('refuses an email prefix that normalization grows past 254 characters', () => {
    const query = routes.listUsers.request.query;
    expect(query.safeParse({ emailPrefix: GROWS_UNDER_NFKC.repeat(20) }).success).toBe(false);
    expect(query.safeParse({ emailPrefix: 'Ada' }).data).toMatchObject({ emailPrefix: 'ada' });
  });

  it('refuses an email address that normalization grows past 254 characters', () => {
    expect(emailSchema.safeParse(`${GROWS_UNDER_NFKC.repeat(20)}@example.com`).success).toBe(false);
  });
});
