import { deleteAllPhotoObjects } from '../photos/photo-service.ts';
import { ConflictError } from '../errors/domain-errors.ts';
import type { AccountDeps } from './account-deps.ts';
import type { User } from './user-repository.ts';

/**
 * One area's part of deleting an account: everything the area keeps about the
 * person outside their own partition (items keyed by pairs, index-only
 * entries, objects in S3). Must be idempotent: a deletion that failed halfway
 * runs every eraser again.
 */
export interface AccountEraser {
  readonly area: string;
  erase(userId: string): Promise<void>;
}

/**
 * Deletes an account and everything of it, for the person themself and for
 * administrators alike: each area's eraser first, then the objects in S3,
 * then the whole partition (which ends the sessions), the user and their
 * address last, so a failure part way leaves an account that can be deleted
 * again.
 *
 * An active administrator is first disabled, which takes them out of the
 * active-administrator count under its condition (409 last_admin for the last
 * one) before anything is erased.
 */
export async function eraseAccount(deps: AccountDeps, user: User): Promise<void> {
  if (user.role === 'admin' && user.status === 'active') {
    if (!(await deps.users.update(user.id, { status: 'disabled' }))) throw new ConflictError('concurrent_change', 'The account changed meanwhile; try again.');
    user = { ...user, status: 'disabled' };
  }
  // From here no racing request can create anything of the person's (a photo, a session, a reading).
  await deps.users.markClosing(user.id);
  try {
    for (const eraser of deps.erasers) await eraser.erase(user.id);
    if (deps.media) await deleteAllPhotoObjects(deps.media.storage, user.id);
    await deps.users.deleteWithEverything(user);
  } catch (error) {
    // Failed part way (a dependency is down): the account stays usable, so the deletion can be tried again.
    await deps.users.clearClosing(user.id).catch(() => undefined);
    throw error;
  }
  // An upload processed while the records went may have written variants after the first sweep; with its
  // photo record gone, the worker removes what it wrote, and this second sweep catches what it had not yet.
  if (deps.media) await deleteAllPhotoObjects(deps.media.storage, user.id);
  await deps.throttle.reset(user.email);
}
