import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type ClaimOutcome = 'claimed' | 'already-done' | 'in-progress';

/** The partition of one delivery of a scope's ledger (`*` as the id gives the IAM pattern of the whole ledger). */
export const deliveryPartition = (scope: string, id: string): string => `DELIVERY#${scope}#${id}`;

const DAY_SECONDS = 86_400;

/**
 * Makes a side effect happen once per message id under SQS's at-least-once
 * delivery. A worker claims the id with a short lease before acting, marks it
 * done after, and releases it on failure so a retry can claim it again. A
 * worker that dies mid-way leaves a lease that expires, so nothing is lost.
 *
 * Item: `pk = DELIVERY#<scope>#<id>`, `sk = DELIVERY`, removed by TTL after `retentionDays`.
 */
export class DeliveryLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly scope: string,
    private readonly retentionDays = 14,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(id: string, leaseSeconds: number): Promise<ClaimOutcome> {
    const nowSeconds = Math.floor(this.now() / 1000);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(id),
            status: 'claimed',
            leaseUntil: nowSeconds + leaseSeconds,
            expiresAt: nowSeconds + this.retentionDays * DAY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :claimed AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':now': nowSeconds },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const existing = (error as { Item?: Record<string, { S?: string }> }).Item;
      return existing?.status?.S === 'done' ? 'already-done' : 'in-progress';
    }
  }

  async complete(id: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(id),
        UpdateExpression: 'SET #status = :done REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }

  async release(id: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(id) }));
  }

  private key(id: string): { pk: string; sk: string } {
    return { pk: deliveryPartition(this.scope, id), sk: 'DELIVERY' };
  }
}
