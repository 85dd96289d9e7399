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

export function userIndexAttributes(user: { id: string; email: string; role: Role; status: UserStatus; createdAt: string }): Record<string, string> {
  const created = `${user.createdAt}#${user.id}`;
  return {
    gsi1pk: 'USERS',
    gsi1sk: created,
    gsi2pk: 'EMAILS',
    gsi2sk: user.email,
    gsi3pk: `ROLE#${user.role}`,
    gsi3sk: created,
    gsi4pk: `STATUS#${user.status}`,
    gsi4sk: created,
    gsi5pk: `ROLE#${user.role}#STATUS#${user.status}`,
    gsi5sk: created,
  };
}
