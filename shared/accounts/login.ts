import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/passwords.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors.ts';
import { logger } from '../logging.ts';
import { count } from '../metrics.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ClientInfo } from './client-info.ts';
import { limitRate } from './guards.ts';
import { noSoonerThan } from './response-floor.ts';
import { startSession, type TokenPair } from './sessions.ts';

const invalidCredentials = () => new UnauthenticatedError('invalid_credentials', 'The email or password is incorrect.');

/**
 * Every failed login takes at least this long. A known address costs an
 * extra read and an audit write; the floor hides that difference (a few
 * milliseconds) so timing cannot tell which addresses have accounts.
 */
export const FAILED_LOGIN_FLOOR_MS = 100;

/**
 * Logs a person in. An unknown email and a wrong password get the same 401
 * after the same work (a password hash check either way); only a correct
 * password learns that the account is unconfirmed or disabled.
 */
export async function logIn(deps: AccountDeps, credentials: { email: string; password: string }, client: ClientInfo): Promise<TokenPair> {
  const startedAt = performance.now();
  await limitRate(deps, 'login', client);
  const attempt = await deps.throttle.reserveAttempt(credentials.email);

  const user = await deps.users.findByEmail(credentials.email);
  const check = user ? await verifyPassword(user.passwordHash, credentials.password) : undefined;
  if (!user) await verifyAgainstDummy(credentials.password);

  if (!user || !check?.valid) {
    const { lockedFor } = attempt;
    count('FailedLogins');
    if (lockedFor) count('Lockouts');
    if (user) {
      await deps.audit.record(user.id, { type: 'login_failed', ...client });
      if (lockedFor) await deps.audit.record(user.id, { type: 'locked_out', ...client, details: { seconds: lockedFor } });
    }
    await noSoonerThan(FAILED_LOGIN_FLOOR_MS, startedAt);
    throw invalidCredentials();
  }

  await deps.throttle.reset(credentials.email);
  if (user.status === 'pending') throw new ForbiddenError('email_not_confirmed', 'Confirm your email address first; we can send the link again.');
  if (user.status === 'disabled') throw new ForbiddenError('account_disabled', 'This account has been disabled.');

  if (check.needsRehash) {
    await deps.users.update(user.id, { passwordHash: await hashPassword(credentials.password) });
    logger.info('password hash upgraded', { userId: user.id });
  }
  const pair = await startSession(deps, user, client);
  await deps.audit.record(user.id, { type: 'login_succeeded', ...client });
  count('Logins');
  return pair;
}
