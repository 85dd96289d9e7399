import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RateLimitedError } from '../errors/domain-errors.ts';
import { loginThrottleKey, oneTimeUseKey, rateWindowKey } from './table-keys.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Failed-login backoff per normalized email, whether or not an account
 * exists (so the lockout itself reveals nothing). After `freeAttempts`
 * failures, each further failure locks the address for twice as long,
 * from `baseDelaySeconds` up to `maxDelaySeconds`.
 */
export class LoginThrottle {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly policy = { freeAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60 },
  ) {}

  /** Throws 429 while the address is locked. */
  async assertNotLocked(emailKey: string): Promise<void> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: loginThrottleKey(emailKey), ConsistentRead: true }));
    const lockedUntil = (Item?.lockedUntil as number | undefined) ?? 0;
    if (lockedUntil > nowSeconds()) throw new RateLimitedError(lockedUntil - nowSeconds(), 'Too many failed attempts. Try again later.');
  }

  /** Counts a failure; returns the lock length in seconds when this failure locks the address. */
  async recordFailure(emailKey: string): Promise<number | undefined> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: loginThrottleKey(emailKey),
        UpdateExpression: 'ADD failures :one SET expiresAt = :expires',
        ExpressionAttributeValues: { ':one': 1, ':expires': nowSeconds() + 24 * 3600 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const failures = (Attributes?.failures as number | undefined) ?? 1;
    if (failures < this.policy.freeAttempts) return undefined;
    const delay = Math.min(this.policy.maxDelaySeconds, this.policy.baseDelaySeconds * 2 ** (failures - this.policy.freeAttempts));
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: loginThrottleKey(emailKey),
        UpdateExpression: 'SET lockedUntil = :until',
        ExpressionAttributeValues: { ':until': nowSeconds() + delay },
      }),
    );
    return delay;
  }

  async reset(emailKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: loginThrottleKey(emailKey) }));
  }
}

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * Fixed-window request counters in DynamoDB, so a limit holds across every
 * Lambda instance. One UpdateItem per check; windows expire by TTL.
 */
export class RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(action: string, client: string, rule: RateLimit): Promise<void> {
    const now = nowSeconds();
    const windowStart = now - (now % rule.windowSeconds);
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateWindowKey(action, client, windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
        ExpressionAttributeValues: { ':one': 1, ':expires': windowStart + rule.windowSeconds * 2 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    if (((Attributes?.hits as number | undefined) ?? 1) > rule.limit) {
      throw new RateLimitedError(Math.max(1, windowStart + rule.windowSeconds - now));
    }
  }
}

/** Claims a one-time thing (a link nonce, a resend slot); false when it was already claimed. */
export class OneTimeClaims {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(scope: string, id: string, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...oneTimeUseKey(scope, id), type: 'claim', expiresAt },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds() },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
