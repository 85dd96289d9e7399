import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { buildAccountDeps } from '../../shared/accounts/account-deps.ts';
import { withAdminTools } from '../../shared/admin/admin-deps.ts';
import { createUser, listUsers, type AdminDeps } from '../../shared/admin/admin-users.ts';
import { planUserQuery } from '../../shared/admin/user-directory.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { InvalidRequestError } from '../../shared/errors/domain-errors.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('listing'));
const commands: string[] = [];
let deps: AdminDeps;

beforeAll(async () => {
  useEmulatorEnvironment();
  const sqs = new SQSClient({});
  const queues = await provisionResources({ dynamodb: new DynamoDBClient({}), s3: new S3Client({ forcePathStyle: true }), sqs }, names);
  // Every command the listing sends passes through here.
  const raw = new DynamoDBClient({});
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  const db = DynamoDBDocumentClient.from(raw);
  deps = withAdminTools(
    buildAccountDeps({
      db,
      sqs,
      tableName: names.table,
      emailQueueUrl: queues.email.url,
      keySource: new FileKeySource(join(mkdtempSync(join(tmpdir(), 'kindred-keys-')), 'keys.json')),
      tokens: { issuer: 'https://kindred.test', audience: 'kindred-api' },
    }),
    db,
  );
  const client = { ipAddress: '127.0.0.1', userAgent: 'test' };
  for (let index = 0; index < 12; index += 1) {
    await createUser(deps, { userId: 'cli' }, { email: `list-${index}@example.com`, name: `L${index}`, role: index % 2 ? 'user' : 'admin' }, client);
  }
});

describe('listing users', () => {
  it('sends only Query and GetItem commands, whatever the filters', async () => {
    commands.length = 0;
    const now = new Date().toISOString();
    for (const filters of [
      {},
      { role: 'admin' as const },
      { status: 'pending' as const },
      { role: 'user' as const, status: 'pending' as const },
      { emailPrefix: 'list-1' },
      { createdFrom: '2020-01-01T00:00:00.000Z', createdTo: now },
      { role: 'admin' as const, createdFrom: '2020-01-01T00:00:00.000Z' },
    ]) {
      let cursor: string | undefined;
      do {
        const page = await listUsers(deps, { ...filters, limit: 5, ...(cursor ? { cursor } : {}) });
        cursor = page.nextCursor;
      } while (cursor);
    }
    expect(commands.length).toBeGreaterThan(7);
    expect(new Set(commands)).toEqual(new Set(['QueryCommand']));
  });

  it('plans each supported filter as a key condition on an index', () => {
    expect(planUserQuery({})).toMatchObject({ index: 'gsi1', keyCondition: 'gsi1pk = :pk' });
    expect(planUserQuery({ role: 'admin', status: 'active' })).toMatchObject({ index: 'gsi5', values: { ':pk': 'ROLE#admin#STATUS#active' } });
    expect(planUserQuery({ status: 'disabled', createdFrom: 'a', createdTo: 'b' }).keyCondition).toBe('gsi4pk = :pk AND gsi4sk BETWEEN :from AND :to');
    expect(planUserQuery({ emailPrefix: 'ada' })).toMatchObject({ index: 'gsi2', keyCondition: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' });
    expect(() => planUserQuery({ emailPrefix: 'ada', status: 'active' })).toThrowError(InvalidRequestError);
  });
});
