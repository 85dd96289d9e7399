import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../errors/domain-errors.ts';

type Key = { pk: string; sk: string };

const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 6;

/**
 * Reads items by key, 100 per request, retrying what DynamoDB leaves
 * unprocessed a bounded number of times. Returns the items found, by
 * `pk|sk`; missing keys are simply absent.
 */
export async function batchGet(db: DynamoDBDocumentClient, tableName: string, keys: readonly Key[], options: { consistent?: boolean } = {}): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keys.map((key) => [`${key.pk}|${key.sk}`, { pk: key.pk, sk: key.sk }])).values()];
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let pending: Key[] = unique.slice(start, start + BATCH_GET_LIMIT);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > BATCH_GET_ATTEMPTS) throw new DependencyUnavailableError('dynamodb', 1);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(400, 25 * 2 ** attempt)));
      const result = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent ?? false } } }));
      for (const item of result.Responses?.[tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      pending = (result.UnprocessedKeys?.[tableName]?.Keys as Key[] | undefined) ?? [];
    }
  }
  return found;
}

export const itemKey = (key: Key) => `${key.pk}|${key.sk}`;
