import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-aws.ts';
import type { RunningTwin } from '../../infra/local/twin.ts';
import { emulatorEndpoints } from './twin.ts';

/**
 * Every item of the twin's table, paging past DynamoDB's 1 MB Scan pages.
 * Test-only: no request path ever scans.
 */
export async function allTableItems(twin: RunningTwin): Promise<Array<Record<string, unknown>>> {
  const endpoints = emulatorEndpoints();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
  const items: Array<Record<string, unknown>> = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: twin.names.table, ExclusiveStartKey: cursor }));
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  db.destroy();
  return items;
}

/** Every object key in each of the twin's buckets, paging past 1,000 keys. */
export async function allObjectKeys(twin: RunningTwin): Promise<string[]> {
  const endpoints = emulatorEndpoints();
  const s3 = new S3Client({ endpoint: endpoints.s3, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const keys: string[] = [];
  for (const bucket of Object.values(twin.names.buckets)) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((object) => `${bucket}/${object.Key}`));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  s3.destroy();
  return keys;
}

/**
 * What is left anywhere (any table item, any object key) that mentions one of
 * `needles`: a user id, an email address, a name. Expect `[]` after a deletion.
 */
export async function leftoversOf(twin: RunningTwin, needles: readonly string[]): Promise<string[]> {
  const mentions = (text: string) => needles.some((needle) => text.includes(needle));
  const items = (await allTableItems(twin)).map((item) => JSON.stringify(item)).filter(mentions);
  const objects = (await allObjectKeys(twin)).filter(mentions);
  return [...items, ...objects];
}
