import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RateLimitedError } from '../errors/domain-errors.ts';
import { accountRateWindowKey, loginThrottleKey, oneTimeUseKey, rateWindowKey } from './table-keys.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Failed-login backoff per normalized email, whether or not an account
 * exists (so the lockout itself reveals nothing). Every attempt is reserved
 * before the password is checked, by a compare-and-set on the counter, so
 * parallel attempts cannot all slip in before the first failure counts.
 * The attempt that reaches `freeAttempts` locks the address as it is
 * reserved, each later one twice as long, from `baseDelaySeconds` up to
 * `maxDelaySeconds`; a correct password then clears the counter.
 */
export class LoginThrottle {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly policy = { freeAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60, contendedTries: 4 },
  ) {}

  /**
   * Reserves one attempt, or throws 429 while the address is locked (or
   * while parallel attempts keep contending for it). Returns how long this
   * attempt has locked the address, if it did: its failure keeps the lock.
   */
  async reserveAttempt(emailKey: string): Promise<{ lockedFor?: number }> {
    for (let tries = 0; tries < this.policy.contendedTries; tries += 1) {
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: loginThrottleKey(emailKey), ConsistentRead: true }));
      const now = nowSeconds();
      const lockedUntil = (Item?.lockedUntil as number | undefined) ?? 0;
      if (lockedUntil > now) throw new RateLimitedError(lockedUntil - now, 'Too many failed attempts. Try again later.');
      const seen = (Item?.attempts as number | undefined) ?? 0;
      const attempts = seen + 1;
      const lockedFor =
        attempts >= this.policy.freeAttempts
          ? Math.min(this.policy.maxDelaySeconds, this.policy.baseDelaySeconds * 2 ** (attempts - this.policy.freeAttempts))
          : undefined;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: loginThrottleKey(emailKey),
            UpdateExpression: `SET attempts = :attempts, expiresAt = :expires${lockedFor ? ', lockedUntil = :until' : ''}`,
            ConditionExpression: seen === 0 ? 'attribute_not_exists(attempts)' : 'attempts = :seen',
            ExpressionAttributeValues: {
              ':attempts': attempts,
              ':expires': now + 24 * 3600,
              ...(seen === 0 ? {} : { ':seen': seen }),
              ...(lockedFor ? { ':until': now + lockedFor } : {}),
            },
          }),
        );
        return lockedFor ? { lockedFor } : {};
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    throw new RateLimitedError(1, 'Too many attempts at once. Try again in a moment.');
  }

  /** After a correct password: the counter and any lock are gone. */
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

  /** Counts one `action` by an anonymous client (an IP address, an address hash); 429 past the limit. */
  async consume(action: string, client: string, rule: RateLimit): Promise<void> {
    await this.count((windowStart) => rateWindowKey(action, client, windowStart), rule);
  }

  /**
   * Counts one `action` of an account (optionally narrowed, e.g. to a session).
   * The window lives in the person's partition, so deleting the account
   * takes it along.
   */
  async consumeForAccount(userId: string, action: string, rule: RateLimit, scope = ''): Promise<void> {
    await this.count((windowStart) => accountRateWindowKey(userId, scope ? `${action}#${scope}` : action, windowStart), rule);
  }

  private async count(keyOf: (windowStart: number) => { pk: string; sk: string }, rule: RateLimit): Promise<void> {
    const now = nowSeconds();
    const windowStart = now - (now % rule.windowSeconds);
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(windowStart),
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
