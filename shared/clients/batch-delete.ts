import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../errors/domain-errors.ts';

/** Rounds of BatchWriteItem per 25 keys before giving up: the last waits are 0.8 s and 1 s. */
export const BATCH_DELETE_ATTEMPTS = 6;

/**
 * Deletes items by key, 25 per request, retrying with backoff whatever DynamoDB
 * leaves unprocessed (a throttled partition). After BATCH_DELETE_ATTEMPTS it
 * throws DependencyUnavailableError (a 503 with Retry-After, or a message back
 * on its queue) instead of retrying past the function's timeout. Deleting is
 * idempotent, so the caller's retry starts over safely.
 */
export async function batchDelete(db: DynamoDBDocumentClient, tableName: string, keys: ReadonlyArray<{ pk: string; sk: string }>): Promise<void> {
  for (let start = 0; start < keys.length; start += 25) {
    let requests: Record<string, unknown>[] | undefined = keys
      .slice(start, start + 25)
      .map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    for (let attempt = 0; requests && requests.length > 0; attempt += 1) {
      if (attempt >= BATCH_DELETE_ATTEMPTS) {
        throw new DependencyUnavailableError('database', 5, {
          cause: new Error(`${requests.length} deletes still unprocessed after ${BATCH_DELETE_ATTEMPTS} attempts`),
        });
      }
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = result.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
  }
}
