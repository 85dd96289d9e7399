import { randomUUID } from 'node:crypto';
import type { AccountDeps } from '../accounts/account-deps.ts';
import { presentProfile, type Profile } from '../accounts/profile.ts';
import { eraseAccount } from '../accounts/account-erasure.ts';
import type { AuditEvent, AuditEventType } from '../accounts/audit-log.ts';
import type { ClientInfo } from '../accounts/client-info.ts';
import type { User, UserChanges } from '../accounts/user-repository.ts';
import { mintLinkToken } from '../auth/link-tokens.ts';
import type { Principal, Role } from '../auth/principal.ts';
import { ConflictError, NotFoundError } from '../errors/domain-errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { UserDirectory, UserListQuery } from './user-directory.ts';

/** Who performs an administrative action: an administrator, or the operator's CLI. */
export type Actor = Pick<Principal, 'userId'> | { readonly userId: 'cli' };

export interface AdminDeps extends AccountDeps {
  readonly directory: UserDirectory;
}

const notFound = () => new NotFoundError('user_not_found', 'No user has this id.');

async function requireUser(deps: AdminDeps, userId: string): Promise<User> {
  const user = await deps.users.findById(userId);
  if (!user) throw notFound();
  return user;
}

async function audit(deps: AdminDeps, target: string, type: AuditEventType, actor: Actor, client: ClientInfo, details: Record<string, string> = {}) {
  await deps.audit.record(target, { type, ...client, details: { actorId: actor.userId, ...details } });
}

async function sendInvitation(deps: AdminDeps, user: User): Promise<void> {
  const keys = await deps.keys.current();
  const { token } = mintLinkToken(keys.linkTokenKey, { purpose: 'invitation', userId: user.id, email: user.email, passwordStamp: user.passwordStamp });
  await deps.emails.enqueue({ to: user.email, template: 'invitation', data: { name: user.name, token } });
}

/** Creates a user who sets their own password from an invitation link (72 h, single use). */
export async function createUser(
  deps: AdminDeps,
  actor: Actor,
  input: { email: string; name: string; role: Role },
  client: ClientInfo,
): Promise<Profile> {
  const now = new Date().toISOString();
  const user: User = {
    id: randomUUID(),
    email: input.email,
    name: input.name,
    role: input.role,
    status: 'pending',
    passwordHash: '', // no password until the invitation is accepted: nothing can log in
    passwordStamp: randomUUID(),
    createdAt: now,
    updatedAt: now,
  };
  if ((await deps.users.create(user)) === 'email-taken') throw new ConflictError('email_taken', 'A user with this email already exists.');
  try {
    await sendInvitation(deps, user);
  } catch (error) {
    await deps.users.delete(user);
    throw error;
  }
  await audit(deps, user.id, 'invited', actor, client, { role: input.role });
  return presentProfile(deps.media?.storage, user);
}

/** Sends a pending user a fresh invitation; the previous link stops working. */
export async function reinvite(deps: AdminDeps, actor: Actor, userId: string, client: ClientInfo): Promise<void> {
  const user = await requireUser(deps, userId);
  if (user.status !== 'pending') throw new ConflictError('not_pending', 'Only users who have not accepted yet can be invited again.');
  const passwordStamp = randomUUID();
  await deps.users.update(user.id, { passwordStamp });
  await sendInvitation(deps, { ...user, passwordStamp });
  await audit(deps, user.id, 'invited', actor, client, { again: 'true' });
}

export async function getUser(deps: AdminDeps, userId: string): Promise<Profile> {
  return presentProfile(deps.media?.storage, await requireUser(deps, userId));
}

export async function listUsers(deps: AdminDeps, query: UserListQuery): Promise<{ users: Profile[]; nextCursor?: string }> {
  const keys = await deps.keys.current();
  const page = await deps.directory.list(query, keys.cursorKey);
  const users = await Promise.all(page.users.map((user) => presentProfile(deps.media?.storage, user)));
  return { users, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function updateUser(
  deps: AdminDeps,
  actor: Actor,
  userId: string,
  changes: { name?: string; role?: Role },
  client: ClientInfo,
): Promise<Profile> {
  const user = await requireUser(deps, userId);
  const update: UserChanges = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.role !== undefined && changes.role !== user.role ? { role: changes.role } : {}),
  };
  if (Object.keys(update).length > 0) {
    if (!(await deps.users.update(user.id, update))) throw new ConflictError('concurrent_change', 'The user changed meanwhile; try again.');
    await audit(deps, user.id, update.role ? 'role_changed' : 'profile_updated', actor, client, update.role ? { role: update.role } : {});
    if (update.role) await deps.sessions.deleteAllForUser(user.id); // tokens carry the role: make them log in again
  }
  return getUser(deps, user.id);
}

/** Disables a user: every session ends, and neither login nor refresh works until enabled again. */
export async function disableUser(deps: AdminDeps, actor: Actor, userId: string, client: ClientInfo): Promise<Profile> {
  const user = await requireUser(deps, userId);
  if (user.status === 'disabled') return presentProfile(deps.media?.storage, user);
  if (!(await deps.users.update(user.id, { status: 'disabled' }))) throw new ConflictError('concurrent_change', 'The user changed meanwhile; try again.');
  const ended = await deps.sessions.deleteAllForUser(user.id);
  await audit(deps, user.id, 'disabled', actor, client, { sessionsEnded: String(ended) });
  return getUser(deps, user.id);
}

export async function enableUser(deps: AdminDeps, actor: Actor, userId: string, client: ClientInfo): Promise<Profile> {
  const user = await requireUser(deps, userId);
  if (user.status !== 'disabled') return presentProfile(deps.media?.storage, user);
  // Back to where they were: active if they had confirmed, pending otherwise.
  const status = user.confirmedAt ? 'active' : 'pending';
  if (!(await deps.users.update(user.id, { status }))) throw new ConflictError('concurrent_change', 'The user changed meanwhile; try again.');
  await audit(deps, user.id, 'enabled', actor, client);
  return getUser(deps, user.id);
}

/** Deletes a user and everything of theirs; the acting admin's own trail records it, by pseudonym. */
export async function deleteUser(deps: AdminDeps, actor: Actor, userId: string, client: ClientInfo): Promise<void> {
  const user = await requireUser(deps, userId);
  await eraseAccount(deps, user);
  const pseudonym = await deps.audit.recordDeletion(user.id);
  if (actor.userId !== 'cli' && actor.userId !== user.id) {
    await audit(deps, actor.userId, 'user_deleted', actor, client, { deletedUser: pseudonym });
  }
}

/** One page of a user's security events, newest first, with a signed cursor to the next. */
export async function userAudit(
  deps: AdminDeps,
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<{ events: AuditEvent[]; nextCursor?: string }> {
  await requireUser(deps, userId);
  const { cursorKey } = await deps.keys.current();
  const scope = { audit: userId };
  const result = await deps.audit.page(userId, page.limit, page.cursor ? decodeCursor(cursorKey, page.cursor, scope) : undefined);
  return { events: result.events, ...(result.next ? { nextCursor: encodeCursor(cursorKey, result.next, scope) } : {}) };
}

export async function revokeSessions(deps: AdminDeps, actor: Actor, userId: string, client: ClientInfo): Promise<number> {
  const user = await requireUser(deps, userId);
  const ended = await deps.sessions.deleteAllForUser(user.id);
  await audit(deps, user.id, 'all_sessions_ended', actor, client, { sessionsEnded: String(ended) });
  return ended;
}

