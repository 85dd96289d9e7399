import { randomUUID } from 'node:crypto';
import { mintLinkToken, readLinkToken } from '../auth/link-tokens.ts';
import { hashPassword } from '../auth/passwords.ts';
import { InvalidLinkError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ClientInfo } from './client-info.ts';
import { assertAcceptablePassword, limitRate } from './guards.ts';
import { noSoonerThan } from './response-floor.ts';

const invalidLink = () => new InvalidLinkError();

/** Reset and resend requests answer no sooner than this, known address or not (see noSoonerThan). */
export const ADDRESS_REQUEST_FLOOR_MS = 150;

/**
 * Emails a reset link if the address has an account; the answer never says
 * whether it does, in its content or its timing.
 */
export async function requestPasswordReset(deps: AccountDeps, email: string, client: ClientInfo): Promise<void> {
  await limitRate(deps, 'forgot', client);
  const startedAt = performance.now();
  try {
    await sendResetLink(deps, email);
  } finally {
    await noSoonerThan(ADDRESS_REQUEST_FLOOR_MS, startedAt);
  }
}

async function sendResetLink(deps: AccountDeps, email: string): Promise<void> {
  const user = await deps.users.findByEmail(email);
  if (!user || user.status === 'disabled') return;
  if (!(await deps.claims.claim('reset-request', user.email, Math.floor(Date.now() / 1000) + 60))) return;
  const keys = await deps.keys.current();
  const { token } = mintLinkToken(keys.linkTokenKey, {
    purpose: 'reset-password',
    userId: user.id,
    email: user.email,
    passwordStamp: user.passwordStamp,
  });
  await deps.emails.enqueue({ to: user.email, template: 'reset-password', data: { name: user.name, token } });
}

/**
 * Sets a new password from a reset link: valid one hour, single use (and
 * dead as soon as the password changes by any means). Ends every session
 * and tells the owner by email. The link proves the address, so an
 * unconfirmed account becomes confirmed.
 */
export async function resetPassword(deps: AccountDeps, token: string, password: string, client: ClientInfo): Promise<void> {
  const keys = await deps.keys.current();
  const link = readLinkToken(keys.linkTokenKey, token, 'reset-password');
  if (!link) throw invalidLink();
  const user = await deps.users.findById(link.userId);
  if (!user || user.email !== link.email || user.passwordStamp !== link.passwordStamp || user.status === 'disabled') throw invalidLink();
  assertAcceptablePassword(password);
  if (!(await deps.claims.claim('reset-password', link.nonce, link.expiresAt))) throw invalidLink();

  // A new stamp and no pending address: every link the old password could have started is dead.
  await deps.users.update(user.id, {
    passwordHash: await hashPassword(password),
    passwordStamp: randomUUID(),
    pendingEmail: null,
    ...(user.status === 'pending' ? { status: 'active' as const, confirmedAt: new Date().toISOString() } : {}),
  });
  const ended = await deps.sessions.deleteAllForUser(user.id);
  await deps.throttle.reset(user.email);
  await deps.audit.record(user.id, { type: 'password_reset', ...client, details: { sessionsEnded: ended } });
  await deps.emails.enqueue({ to: user.email, template: 'password-changed', data: { name: user.name } });
}
