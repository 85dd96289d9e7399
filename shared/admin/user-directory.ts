import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MacKeyring } from '../auth/keys.ts';
import type { Role } from '../auth/principal.ts';
import { InvalidRequestError } from '../errors/domain-errors.ts';
import { indexKeys, USER_INDEX, USER_PARTITION, type UserIndex } from '../accounts/user-indexes.ts';
import { toUser, type User, type UserStatus } from '../accounts/user-repository.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface UserListQuery {
  readonly role?: Role;
  readonly status?: UserStatus;
  readonly emailPrefix?: string;
  /** ISO timestamps, inclusive. */
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface UserPage {
  readonly users: User[];
  readonly nextCursor?: string;
}

interface Plan {
  readonly index: string;
  readonly keyCondition: string;
  readonly values: Record<string, string>;
  readonly newestFirst: boolean;
}

/**
 * Chooses the index whose key answers the filters. Every supported
 * combination is one Query with a key condition; the rest are refused with
 * 400 and a reason, never served by a Scan or a filter expression.
 */
export function planUserQuery(query: Omit<UserListQuery, 'limit' | 'cursor'>): Plan {
  const hasCreated = query.createdFrom !== undefined || query.createdTo !== undefined;
  if (query.emailPrefix !== undefined) {
    if (query.role || query.status || hasCreated) {
      throw new InvalidRequestError(
        'unsupported_filter_combination',
        'An email prefix search cannot be combined with other filters: it is ordered by address, not by creation time.',
      );
    }
    const keys = indexKeys(USER_INDEX.email);
    return {
      index: USER_INDEX.email,
      keyCondition: `${keys.partition} = :pk AND begins_with(${keys.sort}, :prefix)`,
      values: { ':pk': USER_PARTITION.email(), ':prefix': query.emailPrefix },
      newestFirst: false,
    };
  }
  const { role, status } = query;
  const [index, partition]: [UserIndex, string] =
    role && status
      ? [USER_INDEX.roleAndStatus, USER_PARTITION.roleAndStatus(role, status)]
      : role
        ? [USER_INDEX.role, USER_PARTITION.role(role)]
        : status
          ? [USER_INDEX.status, USER_PARTITION.status(status)]
          : [USER_INDEX.all, USER_PARTITION.all()];
  const keys = indexKeys(index);
  const values: Record<string, string> = { ':pk': partition };
  let keyCondition = `${keys.partition} = :pk`;
  // Sort keys are `<createdAt>#<id>`: '#' < '~', so `<to>~` includes every id created at `to`.
  if (query.createdFrom !== undefined && query.createdTo !== undefined) {
    keyCondition += ` AND ${keys.sort} BETWEEN :from AND :to`;
    Object.assign(values, { ':from': query.createdFrom, ':to': `${query.createdTo}~` });
  } else if (query.createdFrom !== undefined) {
    keyCondition += ` AND ${keys.sort} >= :from`;
    values[':from'] = query.createdFrom;
  } else if (query.createdTo !== undefined) {
    keyCondition += ` AND ${keys.sort} <= :to`;
    values[':to'] = `${query.createdTo}~`;
  }
  return { index, keyCondition, values, newestFirst: true };
}

/** Administrators' view of all users: filtered, newest first, paginated with signed cursors. */
export class UserDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(query: UserListQuery, cursorKey: MacKeyring): Promise<UserPage> {
    const { limit, cursor, ...filters } = query;
    if (filters.createdFrom && filters.createdTo && filters.createdFrom > filters.createdTo) {
      throw new InvalidRequestError('invalid_range', 'createdFrom must not be after createdTo.');
    }
    const plan = planUserQuery(filters);
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: plan.index,
        KeyConditionExpression: plan.keyCondition,
        ExpressionAttributeValues: plan.values,
        ScanIndexForward: !plan.newestFirst,
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursorKey, cursor, filters) } : {}),
      }),
    );
    return {
      users: (page.Items ?? []).map(toUser),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(cursorKey, page.LastEvaluatedKey, filters) } : {}),
    };
  }
}
