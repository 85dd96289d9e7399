import {
  DeleteCommand,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/principal.ts';
import { batchDelete } from '../clients/batch-delete.ts';
import { queryAll } from '../clients/query-pages.ts';
import { ACTIVE_OWNER, SESSION_PREFIX, sessionKey, userKey, userPartition } from './table-keys.ts';

/** One login: a refresh-token family. Only its current generation is stored, never a token. */
export interface Session {
  readonly userId: string;
  readonly sessionId: string;
  readonly generation: number;
  /** When the generation last advanced (ms); the grace window runs from here. */
  readonly rotatedAt: number;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly userAgent: string;
  readonly ipAddress: string;
  /** Epoch seconds; DynamoDB's TTL removes the session after it. */
  readonly expiresAt: number;
}

export class SessionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new session only while its user is still active with the role
   * the tokens will carry, checked in the same transaction: a login racing a
   * deletion, a disable or a demotion gets no session that outlives it.
   * Returns false when the user changed meanwhile.
   */
  async create(session: Session, holder: { role: Role }): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: userKey(session.userId),
                ConditionExpression: `${ACTIVE_OWNER.condition} AND #role = :role`,
                ExpressionAttributeNames: { ...ACTIVE_OWNER.names, '#role': 'role' },
                ExpressionAttributeValues: { ...ACTIVE_OWNER.values, ':role': holder.role },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...sessionKey(session.userId, session.sessionId), type: 'session', ...session },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async find(userId: string, sessionId: string): Promise<Session | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(userId, sessionId), ConsistentRead: true }),
    );
    if (!Item || (Item.expiresAt as number) * 1000 <= Date.now()) return undefined;
    return toSession(Item);
  }

  async exists(userId: string, sessionId: string): Promise<boolean> {
    return (await this.find(userId, sessionId)) !== undefined;
  }

  /**
   * Advances the generation if it is still `from`: exactly one of several
   * concurrent refreshes with the same token wins. Returns the updated session,
   * or undefined when another refresh got there first.
   */
  async rotate(session: Session, now: Date, lifetimeSeconds: number): Promise<Session | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(session.userId, session.sessionId),
          UpdateExpression: 'SET generation = :next, rotatedAt = :now, lastUsedAt = :iso, expiresAt = :expires',
          ConditionExpression: 'generation = :from',
          ExpressionAttributeValues: {
            ':from': session.generation,
            ':next': session.generation + 1,
            ':now': now.getTime(),
            ':iso': now.toISOString(),
            ':expires': Math.floor(now.getTime() / 1000) + lifetimeSeconds,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toSession(Attributes) : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  async delete(userId: string, sessionId: string): Promise<boolean> {
    const { Attributes } = await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: sessionKey(userId, sessionId), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  async listForUser(userId: string): Promise<Session[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': SESSION_PREFIX },
      ConsistentRead: true,
    });
    return items.map(toSession).filter((session) => session.expiresAt * 1000 > Date.now());
  }

  /** Ends every session of the user, except `keep` if given. Returns how many ended. */
  async deleteAllForUser(userId: string, keep?: string): Promise<number> {
    const doomed = (await this.listForUser(userId)).filter((session) => session.sessionId !== keep);
    await batchDelete(this.db, this.tableName, doomed.map((session) => sessionKey(userId, session.sessionId)));
    return doomed.length;
  }
}

function toSession(item: Record<string, unknown>): Session {
  return {
    userId: item.userId as string,
    sessionId: item.sessionId as string,
    generation: item.generation as number,
    rotatedAt: item.rotatedAt as number,
    createdAt: item.createdAt as string,
    lastUsedAt: item.lastUsedAt as string,
    userAgent: item.userAgent as string,
    ipAddress: item.ipAddress as string,
    expiresAt: item.expiresAt as number,
  };
}
