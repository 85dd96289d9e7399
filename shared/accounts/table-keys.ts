import { createHash } from 'node:crypto';

/**
 * Every key of the accounts entities, defined once.
 *
 * | item               | pk                        | sk                     |
 * | ------------------ | ------------------------- | ---------------------- |
 * | user               | USER#<id>                 | PROFILE                |
 * | email ownership    | EMAIL#<normalized email>  | EMAIL                  |
 * | session            | USER#<id>                 | SESSION#<sessionId>    |
 * | audit event        | USER#<id>                 | AUDIT#<iso time>#<id>  |
 * | login failures     | LOGIN#<sha256(email)>     | THROTTLE               |
 * | rate-limit window  | RATE#<action>#<client>    | <window start>         |
 * | account's window   | USER#<id>                 | RATE#<action>#<start>  |
 * | one-time use       | USED#<scope>#<sha256(id)> | USED                   |
 * | active admins      | ADMINS                    | COUNT                  |
 *
 * Users also carry gsi1 (`USERS` / `<createdAt>#<id>`, newest-first listing)
 * and gsi2 (`EMAILS` / `<normalized email>`, prefix search) for administrators.
 */
export const userKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
export const emailOwnershipKey = (emailKey: string) => ({ pk: `EMAIL#${emailKey}`, sk: 'EMAIL' });
export const sessionKey = (userId: string, sessionId: string) => ({ pk: `USER#${userId}`, sk: `SESSION#${sessionId}` });
export const userPartition = (userId: string) => `USER#${userId}`;
/** How many users are active administrators, kept in step with every role or status change. */
export const activeAdminCountKey = () => ({ pk: 'ADMINS', sk: 'COUNT' });
export const SESSION_PREFIX = 'SESSION#';
export const AUDIT_PREFIX = 'AUDIT#';

const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Hashes keep email addresses (including of people without an account) out of these keys. */
export const loginThrottleKey = (emailKey: string) => ({ pk: `LOGIN#${digest(emailKey)}`, sk: 'THROTTLE' });
export const oneTimeUseKey = (scope: string, id: string) => ({ pk: `USED#${scope}#${digest(id)}`, sk: 'USED' });
export const accountRateWindowKey = (userId: string, action: string, windowStart: number) => ({ pk: userPartition(userId), sk: `RATE#${action}#${windowStart}` });
export const rateWindowKey = (action: string, client: string, windowStart: number) => ({
  pk: `RATE#${action}#${client}`,
  sk: String(windowStart),
});

/**
 * The condition every write of a person's own data carries (in the same
 * transaction): their account exists, is active, and is not being deleted.
 * An account deletion sets `closingSince` first, so nothing a racing request
 * creates can outlive it.
 */
export function activeOwnerCheck(tableName: string, userId: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: userKey(userId),
      ConditionExpression: ACTIVE_OWNER.condition,
      ExpressionAttributeNames: ACTIVE_OWNER.names,
      ExpressionAttributeValues: ACTIVE_OWNER.values,
    },
  };
}

/** The same condition, to combine with others on a write of the user item itself. */
export const ACTIVE_OWNER = {
  condition: '#ownerStatus = :ownerActive AND attribute_not_exists(closingSince)',
  names: { '#ownerStatus': 'status' },
  values: { ':ownerActive': 'active' },
} as const;
