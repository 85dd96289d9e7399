import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountDeps } from '../accounts/account-deps.ts';
import { accountDepsWithMedia } from '../accounts/account-media.ts';
import { dynamo } from '../clients/dynamodb.ts';
import type { AdminDeps } from './admin-users.ts';
import { UserDirectory } from './user-directory.ts';

/** Adds the administrators' directory to a set of account dependencies. */
export function withAdminTools(deps: AccountDeps, db: DynamoDBDocumentClient): AdminDeps {
  return { ...deps, directory: new UserDirectory(db, deps.tableName) };
}

let deps: AdminDeps | undefined;

export function adminDeps(): AdminDeps {
  deps ??= withAdminTools(accountDepsWithMedia(), dynamo());
  return deps;
}
