import { InvalidInputError } from '../errors/domain-errors.ts';
import { isCommonPassword } from '../auth/passwords.ts';
import type { AccountDeps } from './account-deps.ts';
import { RATE_LIMITS, type ClientInfo, type RateLimitedAction } from './client-info.ts';

/** Per-IP limit for an abuse-prone action; throws 429 with Retry-After when exceeded. */
export async function limitRate(deps: AccountDeps, action: RateLimitedAction, client: ClientInfo): Promise<void> {
  const rule = RATE_LIMITS[action];
  await deps.rateLimiter.consume(action, client.ipAddress, {
    limit: Math.ceil(rule.limit * deps.rateLimitScale),
    windowSeconds: rule.windowSeconds,
  });
}

/** NIST 800-63B: no composition rules, but no password from the list of common ones. */
export function assertAcceptablePassword(password: string, field = 'body.password'): void {
  if (isCommonPassword(password)) {
    throw new InvalidInputError('password_too_common', 'This password is too common. Choose another one.', [
      { field, message: 'This password appears in lists of common passwords.' },
    ]);
  }
}
