import { avatarOf, type AvatarView } from '../photos/photo-service.ts';
import type { PhotoStorage } from '../photos/photo-storage.ts';
import type { User } from './user-repository.ts';

export interface Profile {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: User['role'];
  readonly status: User['status'];
  readonly createdAt: string;
  readonly confirmedAt?: string;
  readonly pendingEmail?: string;
  readonly avatar?: AvatarView;
}

/** What a person may see of their own account: never the hash or internal stamps. */
export function toProfile(user: User): Profile {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    createdAt: user.createdAt,
    ...(user.confirmedAt ? { confirmedAt: user.confirmedAt } : {}),
    ...(user.pendingEmail ? { pendingEmail: user.pendingEmail } : {}),
  };
}

/** The profile with its avatar: the chosen photo's URL, or a generated default. */
export async function presentProfile(storage: PhotoStorage | undefined, user: User): Promise<Profile> {
  return { ...toProfile(user), avatar: await avatarOf(storage, user) };
}
