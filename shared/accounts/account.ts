import { createHash, randomUUID } from 'node:crypto';
import { mintLinkToken, readLinkToken } from '../auth/link-tokens.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { ConflictError, ForbiddenError, InvalidInputError, InvalidLinkError, NotFoundError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import { eraseAccount } from './account-erasure.ts';
import type { ClientInfo } from './client-info.ts';
import { assertAcceptablePassword } from './guards.ts';
import { presentProfile, type Profile } from './profile.ts';
import type { User } from './user-repository.ts';

async function requireUser(deps: AccountDeps, userId: string): Promise<User> {
  const user = await deps.users.findById(userId);
  if (!user) throw new NotFoundError('account_not_found', 'This account no longer exists.');
  return user;
}

/** The caller of a route that re-checks the password: the account and the session asking. */
export interface Reauthenticating {
  readonly userId: string;
  readonly sessionId: string;
}

/**
 * Re-checks the password before a sensitive change, behind the same
 * per-account backoff as login (a stolen session cannot guess the password
 * faster than the login page allows) and a per-session limit.
 */
async function requirePassword(deps: AccountDeps, caller: Reauthenticating, user: User, password: string, client: ClientInfo): Promise<void> {
  await deps.rateLimiter.consumeForAccount(caller.userId, 'reauth', REAUTH_LIMIT_PER_SESSION, caller.sessionId);
  const attempt = await deps.throttle.reserveAttempt(user.email);
  if (!(await verifyPassword(user.passwordHash, password)).valid) {
    await deps.audit.record(user.id, { type: 'reauth_failed', ...client });
    if (attempt.lockedFor) await deps.audit.record(user.id, { type: 'locked_out', ...client, details: { seconds: attempt.lockedFor } });
    throw new ForbiddenError('wrong_password', 'The password is incorrect.');
  }
  await deps.throttle.reset(user.email);
}

/** How often an email change may be started, per account and per new address. */
export const EMAIL_CHANGE_LIMITS = { perAccount: { limit: 5, windowSeconds: 86_400 }, perNewAddress: { limit: 3, windowSeconds: 86_400 } } as const;

/** Password re-checks one session may make, right or wrong, per hour. */
export const REAUTH_LIMIT_PER_SESSION = { limit: 10, windowSeconds: 3600 } as const;

export async function getProfile(deps: AccountDeps, userId: string): Promise<Profile> {
  return presentProfile(deps.media?.storage, await requireUser(deps, userId));
}

export async function updateProfile(deps: AccountDeps, userId: string, changes: { name?: string }, client: ClientInfo): Promise<Profile> {
  if (changes.name !== undefined) {
    if (!(await deps.users.update(userId, { name: changes.name }))) throw new NotFoundError('account_not_found', 'This account no longer exists.');
    await deps.audit.record(userId, { type: 'profile_updated', ...client });
  }
  return getProfile(deps, userId);
}

/** Changes the password; the caller's session survives, every other one ends. */
export async function changePassword(
  deps: AccountDeps,
  principal: { userId: string; sessionId: string },
  passwords: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<void> {
  const user = await requireUser(deps, principal.userId);
  await requirePassword(deps, principal, user, passwords.currentPassword, client);
  assertAcceptablePassword(passwords.newPassword, 'body.newPassword');
  // A new stamp and no pending address: every link the old password could have started is dead.
  await deps.users.update(user.id, { passwordHash: await hashPassword(passwords.newPassword), passwordStamp: randomUUID(), pendingEmail: null });
  const ended = await deps.sessions.deleteAllForUser(user.id, principal.sessionId);
  await deps.audit.record(user.id, { type: 'password_changed', ...client, details: { sessionsEnded: ended } });
  await deps.emails.enqueue({ to: user.email, template: 'password-changed', data: { name: user.name } });
}

/**
 * Starts an email change: the new address gets a confirmation link and the
 * old one a notice. Until the link is used, the old address stays the login,
 * so a typo can never lock anyone out.
 */
export async function requestEmailChange(
  deps: AccountDeps,
  caller: Reauthenticating,
  request: { newEmail: string; password: string },
  client: ClientInfo,
): Promise<void> {
  const user = await requireUser(deps, caller.userId);
  await requirePassword(deps, caller, user, request.password, client);
  if (request.newEmail === user.email) {
    throw new InvalidInputError('same_email', 'That is already your email address.', [{ field: 'body.newEmail', message: 'Same as the current address.' }]);
  }
  // Each request mails an address the caller chose: a few a day per account, and per address whoever asks.
  await deps.rateLimiter.consumeForAccount(user.id, 'email-change', EMAIL_CHANGE_LIMITS.perAccount);
  await deps.rateLimiter.consume('email-change-to', createHash('sha256').update(request.newEmail).digest('base64url'), EMAIL_CHANGE_LIMITS.perNewAddress);
  await deps.users.update(user.id, { pendingEmail: request.newEmail });
  const keys = await deps.keys.current();
  const { token } = mintLinkToken(keys.linkTokenKey, { purpose: 'change-email', userId: user.id, email: request.newEmail, passwordStamp: user.passwordStamp });
  await deps.emails.enqueue({ to: request.newEmail, template: 'change-email', data: { token } });
  await deps.emails.enqueue({ to: user.email, template: 'email-change-notice', data: { name: user.name, newEmail: request.newEmail } });
  await deps.audit.record(user.id, { type: 'email_change_requested', ...client });
}

/** Completes an email change from the link sent to the new address. Single use. */
export async function confirmEmailChange(deps: AccountDeps, token: string, client: ClientInfo): Promise<void> {
  const invalidLink = () => new InvalidLinkError();
  const keys = await deps.keys.current();
  const link = readLinkToken(keys.linkTokenKey, token, 'change-email');
  if (!link) throw invalidLink();
  const user = await deps.users.findById(link.userId);
  // Bound to the password it was started under, and to the change still pending: a reset, a password change or a cancel kills it.
  if (!user || user.pendingEmail !== link.email || user.passwordStamp !== link.passwordStamp) throw invalidLink();
  if (!(await deps.claims.claim('change-email', link.nonce, link.expiresAt))) throw invalidLink();
  if (!(await deps.users.changeEmail(user, link.email))) {
    throw new ConflictError('email_taken', 'Another account uses this address now.');
  }
  await deps.throttle.reset(user.email);
  await deps.audit.record(user.id, { type: 'email_changed', ...client });
}

/** Cancels a pending email change: its link stops working. Idempotent. */
export async function cancelEmailChange(deps: AccountDeps, userId: string, client: ClientInfo): Promise<void> {
  const user = await requireUser(deps, userId);
  if (!user.pendingEmail) return;
  await deps.users.update(user.id, { pendingEmail: null });
  await deps.audit.record(user.id, { type: 'email_change_cancelled', ...client });
}

/**
 * Deletes the account and everything stored under it (sessions, audit
 * events, counters), keeping only a pseudonymized record that an account
 * was deleted, and when.
 */
export async function deleteAccount(deps: AccountDeps, caller: Reauthenticating, password: string, client: ClientInfo): Promise<void> {
  const user = await requireUser(deps, caller.userId);
  await requirePassword(deps, caller, user, password, client);
  await eraseAccount(deps, user);
  await deps.audit.recordDeletion(user.id);
}

