import type { Role } from '../auth/principal.ts';
import type { UserStatus } from './user-repository.ts';

/**
 * How users are found without a Scan. Every index is ordered by creation
 * (`<createdAt>#<id>`, so ranges and newest-first paging are key conditions),
 * except the email one, ordered by address for prefix search.
 *
 * | filter                 | index | partition key              |
 * | ---------------------- | ----- | -------------------------- |
 * | none / created range   | gsi1  | USERS                      |
 * | email prefix           | gsi2  | EMAILS (sort: the email)   |
 * | role                   | gsi3  | ROLE#<role>                |
 * | status                 | gsi4  | STATUS#<status>            |
 * | role and status        | gsi5  | ROLE#<role>#STATUS#<status>|
 *
 * Each index partition is one key: fine to millions of users. Past ~1,000
 * sign-ups a second, write-shard the partition keys (README).
 */
export const USER_INDEX = { all: 'gsi1', email: 'gsi2', role: 'gsi3', status: 'gsi4', roleAndStatus: 'gsi5' } as const;
export type UserIndex = (typeof USER_INDEX)[keyof typeof USER_INDEX];

/** The partition of each index that holds a given slice of users; writers and readers both use these. */
export const USER_PARTITION = {
  all: () => 'USERS',
  email: () => 'EMAILS',
  role: (role: Role) => `ROLE#${role}`,
  status: (status: UserStatus) => `STATUS#${status}`,
  roleAndStatus: (role: Role, status: UserStatus) => `ROLE#${role}#STATUS#${status}`,
} as const;

/** The key attributes of an index: `gsi3` is keyed by `gsi3pk` and `gsi3sk`. */
export const indexKeys = (index: UserIndex) => ({ partition: `${index}pk`, sort: `${index}sk` });

export function userIndexAttributes(user: { id: string; email: string; role: Role; status: UserStatus; createdAt: string }): Record<string, string> {
  const created = `${user.createdAt}#${user.id}`;
  const entries: Array<[UserIndex, string, string]> = [
    [USER_INDEX.all, USER_PARTITION.all(), created],
    [USER_INDEX.email, USER_PARTITION.email(), user.email],
    [USER_INDEX.role, USER_PARTITION.role(user.role), created],
    [USER_INDEX.status, USER_PARTITION.status(user.status), created],
    [USER_INDEX.roleAndStatus, USER_PARTITION.roleAndStatus(user.role, user.status), created],
  ];
  return Object.fromEntries(entries.flatMap(([index, partition, sort]) => [[indexKeys(index).partition, partition], [indexKeys(index).sort, sort]]));
}
