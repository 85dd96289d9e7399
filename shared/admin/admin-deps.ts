import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accountDeps, type AccountDeps } from '../accounts/account-deps.ts';
import { indexKeys, USER_INDEX, USER_PARTITION } from '../accounts/user-indexes.ts';
import { dynamo } from '../clients/dynamodb.ts';
import type { AdminDeps } from './admin-users.ts';
import { UserDirectory } from './user-directory.ts';

/** Adds the administrators' directory to a set of account dependencies. */
export function withAdminTools(deps: AccountDeps, db: DynamoDBDocumentClient): AdminDeps {
  const { tableName } = deps;
  return {
    ...deps,
    directory: new UserDirectory(db, tableName),
    countActiveAdmins: async (atLeast) => {
      const { Count } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: USER_INDEX.roleAndStatus,
          KeyConditionExpression: `${indexKeys(USER_INDEX.roleAndStatus).partition} = :pk`,
          ExpressionAttributeValues: { ':pk': USER_PARTITION.roleAndStatus('admin', 'active') },
          Select: 'COUNT',
          Limit: atLeast,
        }),
      );
      return Count ?? 0;
    },
  };
}

let deps: AdminDeps | undefined;

export function adminDeps(): AdminDeps {
  deps ??= withAdminTools(accountDeps(), dynamo());
  return deps;
}
