import { randomUUID } from 'node:crypto';
import { mintLinkToken, readLinkToken } from '../auth/link-tokens.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { count } from '../metrics.ts';
import { ForbiddenError, InvalidLinkError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ClientInfo } from './client-info.ts';
import { assertAcceptablePassword, limitRate } from './guards.ts';
import { ADDRESS_REQUEST_FLOOR_MS } from './password-reset.ts';
import { noSoonerThan } from './response-floor.ts';
import type { User } from './user-repository.ts';

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** Resends and sign-up notices go out at most once a minute per address (load tests shorten it with the rate-limit scale). */
const EMAIL_COOLDOWN_SECONDS = 60;
/** An unconfirmed sign-up, and its hold on the address, expire after this long. */
export const UNCONFIRMED_LIFETIME_SECONDS = 7 * 86_400;
const invalidLink = () => new InvalidLinkError();
const unconfirmedExpiry = () => Math.floor(Date.now() / 1000) + UNCONFIRMED_LIFETIME_SECONDS;

/** Confirmation links are bound to the sign-up (its password stamp): a later sign-up of the address kills them. */
async function sendConfirmation(deps: AccountDeps, user: Pick<User, 'id' | 'email' | 'name' | 'passwordStamp'>): Promise<void> {
  const keys = await deps.keys.current();
  const { token } = mintLinkToken(keys.linkTokenKey, { purpose: 'confirm-email', userId: user.id, email: user.email, passwordStamp: user.passwordStamp });
  await deps.emails.enqueue({ to: user.email, template: 'confirm-email', data: { token } });
}

async function underCooldown(deps: AccountDeps, scope: string, email: string): Promise<boolean> {
  const seconds = Math.max(1, Math.round(EMAIL_COOLDOWN_SECONDS / deps.rateLimitScale));
  return !(await deps.claims.claim(scope, email, Math.floor(Date.now() / 1000) + seconds));
}

/** Invited users have no password until they accept: a stranger's sign-up never takes their place. */
const isSelfRegistered = (user: User) => user.passwordHash !== '';

/**
 * Signs a person up. The answer is the same whether or not the address is
 * taken: a new address gets a confirmation link, a taken one a notice.
 *
 * An address whose sign-up was never confirmed is signed up afresh: the
 * newer sign-up's password replaces the older one's and the older links
 * die. Confirming takes the link and that sign-up's password, so only the
 * person who reads the mailbox can activate an account, and only with a
 * password they chose (no pre-registered password survives).
 */
export async function register(deps: AccountDeps, input: Registration, client: ClientInfo): Promise<void> {
  await limitRate(deps, 'register', client);
  assertAcceptablePassword(input.password);
  const now = new Date().toISOString();
  const user: User = {
    id: randomUUID(),
    email: input.email,
    name: input.name,
    role: 'user',
    status: 'pending',
    passwordHash: await hashPassword(input.password),
    passwordStamp: randomUUID(),
    createdAt: now,
    updatedAt: now,
  };

  if ((await deps.users.create(user, unconfirmedExpiry())) === 'created') {
    try {
      await sendConfirmation(deps, user);
    } catch (error) {
      // Never leave an account nobody can confirm: undo the sign-up and let the client retry.
      await deps.users.delete(user);
      throw error;
    }
    await deps.audit.record(user.id, { type: 'registered', ...client });
    count('SignUps');
    return;
  }

  const owner = await deps.users.findByEmail(input.email);
  if (!owner || (await underCooldown(deps, 'signup-notice', owner.email))) return;
  if (owner.status === 'pending' && isSelfRegistered(owner)) {
    const replacement = { passwordHash: user.passwordHash, passwordStamp: user.passwordStamp, name: user.name };
    if (await deps.users.replaceSignUp(owner, replacement, unconfirmedExpiry())) await sendConfirmation(deps, { ...owner, ...replacement });
    return;
  }
  await deps.emails.enqueue({ to: owner.email, template: 'signup-attempt', data: { name: owner.name } });
}

/** Sends a fresh confirmation link to an unconfirmed account; silent for anything else, in content and timing. */
export async function resendConfirmation(deps: AccountDeps, email: string, client: ClientInfo): Promise<void> {
  await limitRate(deps, 'resend', client);
  const startedAt = performance.now();
  try {
    const user = await deps.users.findByEmail(email);
    if (!user || user.status !== 'pending' || !isSelfRegistered(user)) return;
    if (await underCooldown(deps, 'confirm-resend', user.email)) return;
    await sendConfirmation(deps, user);
  } finally {
    await noSoonerThan(ADDRESS_REQUEST_FLOOR_MS, startedAt);
  }
}

/**
 * Confirms the address a link was sent to, given the password chosen in
 * that sign-up. Idempotent: confirming twice is harmless.
 */
export async function confirmEmail(deps: AccountDeps, token: string, password: string, client: ClientInfo): Promise<void> {
  await limitRate(deps, 'login', client);
  const keys = await deps.keys.current();
  const link = readLinkToken(keys.linkTokenKey, token, 'confirm-email');
  if (!link) throw invalidLink();
  const user = await deps.users.findById(link.userId);
  if (!user || user.email !== link.email) throw invalidLink();
  if (user.status !== 'pending') return;
  if (user.passwordStamp !== link.passwordStamp) throw invalidLink();
  if (!(await verifyPassword(user.passwordHash, password)).valid) {
    throw new ForbiddenError('wrong_password', 'This is not the password chosen when signing up. If you did not sign up with it, sign up again.');
  }
  if (await deps.users.confirmSignUp(user)) await deps.audit.record(user.id, { type: 'email_confirmed', ...client });
}
