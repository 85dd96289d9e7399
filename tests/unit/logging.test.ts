import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../shared/logging.ts';

describe('log redaction', () => {
  it('blanks secrets at any depth and keeps everything else', () => {
    const line = {
      email: 'ada@example.com',
      password: 'correct horse',
      body: { refreshToken: 'abc', nested: { Authorization: 'Bearer x', newPassword: 'y' } },
      headers: { cookie: 'sid=1', 'user-agent': 'curl' },
      count: 3,
    };
    const logged = JSON.parse(JSON.stringify(line, redactSecrets));
    expect(logged).toEqual({
      email: 'ada@example.com',
      password: REDACTED,
      body: { refreshToken: REDACTED, nested: { Authorization: REDACTED, newPassword: REDACTED } },
      headers: { cookie: REDACTED, 'user-agent': 'curl' },
      count: 3,
    });
  });
});
