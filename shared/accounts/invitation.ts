import { randomUUID } from 'node:crypto';
import { readLinkToken } from '../auth/link-tokens.ts';
import { hashPassword } from '../auth/passwords.ts';
import { InvalidLinkError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import type { ClientInfo } from './client-info.ts';
import { assertAcceptablePassword } from './guards.ts';

/**
 * Accepts an invitation: the invited person sets their password, which also
 * confirms their address. Single use: the password stamp the link is bound
 * to changes here, and a re-invitation changes it too.
 */
export async function acceptInvitation(deps: AccountDeps, token: string, password: string, client: ClientInfo): Promise<void> {
  const keys = await deps.keys.current();
  const link = readLinkToken(keys.linkTokenKey, token, 'invitation');
  if (!link) throw new InvalidLinkError();
  const user = await deps.users.findById(link.userId);
  if (!user || user.status !== 'pending' || user.email !== link.email || user.passwordStamp !== link.passwordStamp) throw new InvalidLinkError();
  assertAcceptablePassword(password);
  if (!(await deps.claims.claim('invitation', link.nonce, link.expiresAt))) throw new InvalidLinkError();
  const accepted = await deps.users.update(
    user.id,
    { passwordHash: await hashPassword(password), passwordStamp: randomUUID(), status: 'active', confirmedAt: new Date().toISOString() },
    'pending',
  );
  if (!accepted) throw new InvalidLinkError();
  await deps.audit.record(user.id, { type: 'invitation_accepted', ...client });
}
