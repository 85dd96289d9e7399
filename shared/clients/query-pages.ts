import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Every page of a Query, one after another: DynamoDB stops each page at
 * 1 MB, so a caller that needs everything under a key (a person's photos or
 * sessions) must follow `LastEvaluatedKey`. Use it only where the key bounds
 * the result; request paths that could grow without bound page for the client.
 */
export async function* queryPages(db: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Array<Record<string, unknown>>> {
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: cursor }));
    yield page.Items ?? [];
    cursor = page.LastEvaluatedKey;
  } while (cursor);
}

/** Every item of a Query, across all its pages. */
export async function queryAll(db: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for await (const page of queryPages(db, input)) items.push(...page);
  return items;
}
