import { randomUUID } from 'node:crypto';
import { mintLinkToken, readLinkToken } from '../auth/link-tokens.ts';
import { hashPassword } from '../auth/passwords.ts';
import { count } from '../metrics.ts';
import { InvalidLinkError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ClientInfo } from './client-info.ts';
import { assertAcceptablePassword, limitRate } from './guards.ts';
import type { User } from './user-repository.ts';

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** Resends and sign-up notices go out at most once a minute per address. */
const EMAIL_COOLDOWN_SECONDS = 60;
const invalidLink = () => new InvalidLinkError();

async function sendConfirmation(deps: AccountDeps, user: Pick<User, 'id' | 'email' | 'name'>): Promise<void> {
  const keys = await deps.keys.current();
  const { token } = mintLinkToken(keys.linkTokenKey, { purpose: 'confirm-email', userId: user.id, email: user.email });
  await deps.emails.enqueue({ to: user.email, template: 'confirm-email', data: { name: user.name, token } });
}

async function underCooldown(deps: AccountDeps, scope: string, email: string): Promise<boolean> {
  return !(await deps.claims.claim(scope, email, Math.floor(Date.now() / 1000) + EMAIL_COOLDOWN_SECONDS));
}

/**
 * Signs a person up. The answer is the same whether or not the address is
 * taken: a new address gets a confirmation link, a taken one a notice (or,
 * if its account was never confirmed, a fresh confirmation link).
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

  if ((await deps.users.create(user)) === 'created') {
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
  if (owner.status === 'pending') await sendConfirmation(deps, owner);
  else await deps.emails.enqueue({ to: owner.email, template: 'signup-attempt', data: { name: owner.name } });
}

/** Sends a fresh confirmation link to an unconfirmed account; silent for anything else. */
export async function resendConfirmation(deps: AccountDeps, email: string, client: ClientInfo): Promise<void> {
  await limitRate(deps, 'resend', client);
  const user = await deps.users.findByEmail(email);
  if (!user || user.status !== 'pending') return;
  if (await underCooldown(deps, 'confirm-resend', user.email)) return;
  await sendConfirmation(deps, user);
}

/** Confirms the address a link was sent to. Idempotent: confirming twice is harmless. */
export async function confirmEmail(deps: AccountDeps, token: string, client: ClientInfo): Promise<void> {
  const keys = await deps.keys.current();
  const link = readLinkToken(keys.linkTokenKey, token, 'confirm-email');
  if (!link) throw invalidLink();
  const user = await deps.users.findById(link.userId);
  if (!user || user.email !== link.email) throw invalidLink();
  if (user.status !== 'pending') return;
  if (await deps.users.update(user.id, { status: 'active', confirmedAt: new Date().toISOString() }, 'pending')) {
    await deps.audit.record(user.id, { type: 'email_confirmed', ...client });
  }
}
