import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/principal.ts';
import { batchDelete } from '../clients/batch-delete.ts';
import { queryPages } from '../clients/query-pages.ts';
import { withConflictRetry } from '../clients/transaction-retry.ts';
import { ConflictError } from '../errors/domain-errors.ts';
import { activeAdminCountKey, emailOwnershipKey, userKey } from './table-keys.ts';
import { indexKeys, USER_INDEX, userIndexAttributes } from './user-indexes.ts';

import type { UserStatus } from './user-status.ts';

export type { UserStatus } from './user-status.ts';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly status: UserStatus;
  readonly passwordHash: string;
  /** Changes whenever the password does; reset links minted before it are dead. */
  readonly passwordStamp: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly confirmedAt?: string;
  /** An address waiting to be confirmed; the login stays `email` until it is. */
  readonly pendingEmail?: string;
  /** The ready photo shown as the avatar; a generated one when unset. */
  readonly avatarPhotoId?: string;
}

export type UserChanges = Partial<Pick<User, 'name' | 'status' | 'passwordHash' | 'passwordStamp' | 'confirmedAt' | 'role'>> & {
  pendingEmail?: string | null;
  avatarPhotoId?: string | null;
};


const conditionFailed = (error: unknown, index?: number): boolean => {
  if ((error as Error).name === 'ConditionalCheckFailedException') return true;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  if (!reasons) return false;
  return index === undefined
    ? reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')
    : reasons[index]?.Code === 'ConditionalCheckFailed';
};

/** Users and the email addresses they own. An address belongs to at most one user, enforced in one transaction. */
export class UserRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates a user and makes the address theirs. `expiresAt` (epoch seconds)
   * makes an unconfirmed sign-up expire, with its claim on the address.
   */
  async create(user: User, expiresAt?: number): Promise<'created' | 'email-taken'> {
    const expiry = expiresAt ? { expiresAt } : {};
    try {
      await withConflictRetry(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...userKey(user.id), ...userIndexAttributes(user), type: 'user', ...user, ...expiry },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              this.claimAddress(user.id, user.email, expiresAt),
            ],
          }),
        ),
      );
      return 'created';
    } catch (error) {
      if (conditionFailed(error, 1)) return 'email-taken';
      throw error;
    }
  }

  /** The transaction item that makes `email` belong to `userId`, failing if anyone owns it (an expired sign-up's claim does not count). */
  private claimAddress(userId: string, email: string, expiresAt?: number) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...emailOwnershipKey(email), type: 'email', userId, ...(expiresAt ? { expiresAt } : {}) },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
      },
    };
  }

  /**
   * Replaces an unconfirmed sign-up's password, name and stamp with a newer
   * sign-up's (so links of the earlier one die), only while it is still the
   * same unconfirmed self-registration; false otherwise.
   */
  async replaceSignUp(user: User, replacement: Pick<User, 'passwordHash' | 'passwordStamp' | 'name'>, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: userKey(user.id),
                UpdateExpression: 'SET passwordHash = :hash, passwordStamp = :stamp, #name = :name, updatedAt = :now, expiresAt = :expires',
                ConditionExpression: '#status = :pending AND passwordStamp = :seenStamp AND passwordHash <> :none',
                ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
                ExpressionAttributeValues: {
                  ':hash': replacement.passwordHash,
                  ':stamp': replacement.passwordStamp,
                  ':name': replacement.name,
                  ':now': new Date().toISOString(),
                  ':expires': expiresAt,
                  ':pending': 'pending',
                  ':seenStamp': user.passwordStamp,
                  ':none': '',
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: emailOwnershipKey(user.email),
                UpdateExpression: 'SET expiresAt = :expires',
                ConditionExpression: 'userId = :userId',
                ExpressionAttributeValues: { ':expires': expiresAt, ':userId': user.id },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Confirms a self-registration: active, and no longer expiring, only while
   * it is still the sign-up (password stamp) the link was minted for.
   */
  async confirmSignUp(user: User): Promise<boolean> {
    const confirmed = { ...user, status: 'active' as const };
    const moved = userIndexAttributes(confirmed);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':active': 'active', ':pending': 'pending', ':stamp': user.passwordStamp, ':now': new Date().toISOString() };
    const set = ['#status = :active', 'confirmedAt = :now', 'updatedAt = :now'];
    for (const [field, value] of Object.entries(moved)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      set.push(`#${field} = :${field}`);
    }
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: userKey(user.id),
                UpdateExpression: `SET ${set.join(', ')} REMOVE expiresAt`,
                ConditionExpression: '#status = :pending AND passwordStamp = :stamp',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: emailOwnershipKey(user.email),
                UpdateExpression: 'REMOVE expiresAt',
                ConditionExpression: 'userId = :userId',
                ExpressionAttributeValues: { ':userId': user.id },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async findById(userId: string): Promise<User | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: userKey(userId), ConsistentRead: true }));
    return Item ? toUser(Item) : undefined;
  }

  async findByEmail(emailKey: string): Promise<User | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: emailOwnershipKey(emailKey), ConsistentRead: true }),
    );
    // An unconfirmed sign-up that expired no longer holds the address, even before TTL removes it.
    if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 < Date.now())) return undefined;
    return this.findById(Item.userId as string);
  }

  /**
   * Applies changes to an existing user; `expectedStatus` guards against racing
   * state changes. A role or status change also moves the user between the
   * listing indexes, conditioned on the role and status it read.
   */
  async update(userId: string, changes: UserChanges, expectedStatus?: UserStatus): Promise<boolean> {
    const set: string[] = ['#updatedAt = :updatedAt'];
    const remove: string[] = [];
    const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':updatedAt': new Date().toISOString() };
    let condition = 'attribute_exists(pk)';
    let adminCountChange = 0;
    if (changes.role !== undefined || changes.status !== undefined) {
      const current = await this.findById(userId);
      if (!current) return false;
      const next = { ...current, role: changes.role ?? current.role, status: changes.status ?? current.status };
      adminCountChange = Number(isActiveAdmin(next)) - Number(isActiveAdmin(current));
      const moved = userIndexAttributes(next);
      for (const [field, value] of Object.entries(moved)) {
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        set.push(`#${field} = :${field}`);
      }
      condition += ' AND #currentRole = :currentRole AND #currentStatus = :currentStatus';
      Object.assign(names, { '#currentRole': 'role', '#currentStatus': 'status' });
      Object.assign(values, { ':currentRole': current.role, ':currentStatus': current.status });
    }
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      if (value === null) remove.push(`#${field}`);
      else {
        set.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    if (expectedStatus) {
      condition += ' AND #status = :expectedStatus';
      names['#status'] = 'status';
      values[':expectedStatus'] = expectedStatus;
    }
    const userUpdate = {
      TableName: this.tableName,
      Key: userKey(userId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    try {
      if (adminCountChange === 0) await this.db.send(new UpdateCommand(userUpdate));
      else await this.db.send(new TransactWriteCommand({ TransactItems: [{ Update: userUpdate }, this.countAdmins(adminCountChange)] }));
      return true;
    } catch (error) {
      if (conditionFailed(error, 1)) throw lastAdmin();
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * The transaction item that moves the active-administrator count by
   * `change`; taking one away needs another to remain, so no sequence of
   * demotions, disables or deletions, however parallel, leaves none.
   */
  private countAdmins(change: number) {
    return {
      Update: {
        TableName: this.tableName,
        Key: activeAdminCountKey(),
        UpdateExpression: 'ADD active :change',
        ...(change < 0 ? { ConditionExpression: 'active > :one', ExpressionAttributeValues: { ':change': change, ':one': 1 } } : { ExpressionAttributeValues: { ':change': change } }),
      },
    };
  }

  /**
   * Marks the account as being deleted: from here, no write of the person's
   * own data passes its condition (activeOwnerCheck), and no session starts.
   */
  async markClosing(userId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: userKey(userId),
        UpdateExpression: 'SET closingSince = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': new Date().toISOString() },
      }),
    );
  }

  /** Undoes markClosing after a deletion that failed part way, so the person can use the account and try again. */
  async clearClosing(userId: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.tableName, Key: userKey(userId), UpdateExpression: 'REMOVE closingSince', ConditionExpression: 'attribute_exists(pk)' }));
  }

  /** Moves the login to a new address atomically; false when the new address is taken. */
  async changeEmail(user: User, newEmail: string): Promise<boolean> {
    try {
      await withConflictRetry(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              this.claimAddress(user.id, newEmail),
              {
                Delete: {
                  TableName: this.tableName,
                  Key: emailOwnershipKey(user.email),
                  ConditionExpression: 'userId = :userId',
                  ExpressionAttributeValues: { ':userId': user.id },
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: userKey(user.id),
                  UpdateExpression: `SET email = :email, ${indexKeys(USER_INDEX.email).sort} = :email, updatedAt = :now REMOVE pendingEmail`,
                  ConditionExpression: 'email = :oldEmail',
                  ExpressionAttributeValues: { ':email': newEmail, ':oldEmail': user.email, ':now': new Date().toISOString() },
                },
              },
            ],
          }),
        ),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error, 0)) return false;
      throw error;
    }
  }

  /**
   * Removes every item in the user's partition (sessions, audit events, and
   * whatever later features keep there), then the user and their address.
   */
  async deleteWithEverything(user: Pick<User, 'id' | 'email' | 'role' | 'status'>): Promise<void> {
    const partition = { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': userKey(user.id).pk }, ProjectionExpression: 'pk, sk' };
    for await (const page of queryPages(this.db, partition)) {
      await batchDelete(this.db, this.tableName, page.filter((item) => item.sk !== userKey(user.id).sk) as Array<{ pk: string; sk: string }>);
    }
    await this.delete(user);
  }

  /**
   * Removes the user and their address in one transaction. An active
   * administrator leaves the count in the same transaction, refused (409
   * last_admin) when they are the last one; the user item's condition on its
   * role and status keeps the count right against a racing change.
   */
  async delete(user: Pick<User, 'id' | 'email' | 'role' | 'status'>): Promise<void> {
    const leavesAdmins = isActiveAdmin(user);
    try {
      await withConflictRetry(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: this.tableName,
                  Key: userKey(user.id),
                  ConditionExpression: 'attribute_not_exists(pk) OR (#role = :role AND #status = :status)',
                  ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
                  ExpressionAttributeValues: { ':role': user.role, ':status': user.status },
                },
              },
              {
                Delete: {
                  TableName: this.tableName,
                  Key: emailOwnershipKey(user.email),
                  ConditionExpression: 'attribute_not_exists(pk) OR userId = :userId',
                  ExpressionAttributeValues: { ':userId': user.id },
                },
              },
              ...(leavesAdmins ? [this.countAdmins(-1)] : []),
            ],
          }),
        ),
      );
    } catch (error) {
      if (leavesAdmins && conditionFailed(error, 2)) throw lastAdmin();
      if (conditionFailed(error, 0)) throw new ConflictError('concurrent_change', 'The user changed meanwhile; try again.');
      throw error;
    }
  }
}

const isActiveAdmin = (user: Pick<User, 'role' | 'status'>) => user.role === 'admin' && user.status === 'active';
const lastAdmin = () => new ConflictError('last_admin', 'This is the last active administrator: promote someone else first.');

/** The stored item minus its keys and index attributes. */
export function toUser(item: Record<string, unknown>): User {
  const user: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(item)) {
    if (field !== 'pk' && field !== 'sk' && field !== 'type' && field !== 'expiresAt' && field !== 'photoSlots' && field !== 'closingSince' && !field.startsWith('gsi')) user[field] = value;
  }
  return user as unknown as User;
}
