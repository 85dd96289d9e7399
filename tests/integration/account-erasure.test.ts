import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { buildAccountDeps, type AccountDeps } from '../../shared/accounts/account-deps.ts';
import { eraseAccount } from '../../shared/accounts/account-erasure.ts';
import { userPartition } from '../../shared/accounts/table-keys.ts';
import type { User } from '../../shared/accounts/user-repository.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('erasure'));
let db: DynamoDBDocumentClient;
let base: AccountDeps;

beforeAll(async () => {
  useEmulatorEnvironment();
  const sqs = new SQSClient({});
  const queues = await provisionResources({ dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs }, names);
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  base = buildAccountDeps({
    db,
    sqs,
    tableName: names.table,
    emailQueueUrl: queues.email.url,
    keySource: new FileKeySource(join(mkdtempSync(join(tmpdir(), 'kindred-keys-')), 'keys.json')),
    tokens: { issuer: 'https://kindred.test', audience: 'kindred-api' },
  });
});

async function activeUser(): Promise<User> {
  const now = new Date().toISOString();
  const user: User = { id: randomUUID(), email: `${randomUUID()}@example.com`, name: 'Leaving', role: 'user', status: 'active', passwordHash: 'x', passwordStamp: randomUUID(), createdAt: now, updatedAt: now };
  expect(await base.users.create(user)).toBe('created');
  return user;
}

describe('deleting an account', () => {
  it('refuses every write of the person’s data that races it, from its first step', async () => {
    const user = await activeUser();
    const photos = new PhotoRepository(db, names.table);
    const raced: Record<string, boolean> = {};
    // An area's eraser runs inside the deletion: the moment a racing request would land.
    const racing: AccountDeps = {
      ...base,
      erasers: [
        {
          area: 'racing-requests',
          erase: async (userId) => {
            const now = new Date();
            raced.photo = await photos.create(
              { userId, photoId: randomUUID(), status: 'pending', contentType: 'image/jpeg', createdAt: now.toISOString(), uploadExpiresAt: now.toISOString() },
              6,
              Math.floor(now.getTime() / 1000) + 60,
            );
            raced.session = await base.sessions.create(
              { userId, sessionId: randomUUID(), generation: 0, rotatedAt: now.getTime(), createdAt: now.toISOString(), lastUsedAt: now.toISOString(), userAgent: 't', ipAddress: '203.0.113.9', expiresAt: Math.floor(now.getTime() / 1000) + 60 },
              { role: 'user' },
            );
          },
        },
      ],
    };
    await eraseAccount(racing, user);
    expect(raced).toEqual({ photo: false, session: false });
    const left = await db.send(new QueryCommand({ TableName: names.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': userPartition(user.id) } }));
    expect(left.Items).toEqual([]);
  });

  it('leaves the account usable when a step fails, so it can be deleted again', async () => {
    const user = await activeUser();
    const failing: AccountDeps = { ...base, erasers: [{ area: 'down', erase: () => Promise.reject(new Error('dependency down')) }] };
    await expect(eraseAccount(failing, user)).rejects.toThrow('dependency down');
    // Writes of the person's data pass again: the closing mark was taken back.
    const now = new Date();
    expect(await new PhotoRepository(db, names.table).create({ userId: user.id, photoId: randomUUID(), status: 'pending', contentType: 'image/jpeg', createdAt: now.toISOString(), uploadExpiresAt: now.toISOString() }, 6, 1)).toBe(true);
    await eraseAccount(base, user);
    expect(await base.users.findById(user.id)).toBeUndefined();
  });
});
