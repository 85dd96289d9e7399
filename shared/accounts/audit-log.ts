import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { logger } from '../logging.ts';
import { AUDIT_PREFIX, userPartition } from './table-keys.ts';

export const AUDIT_EVENTS = [
  'registered',
  'email_confirmed',
  'login_succeeded',
  'login_failed',
  'reauth_failed',
  'locked_out',
  'refresh_token_reused',
  'password_changed',
  'password_reset',
  'email_change_requested',
  'email_changed',
  'email_change_cancelled',
  'session_ended',
  'all_sessions_ended',
  'profile_updated',
  'account_deleted',
  'invited',
  'invitation_accepted',
  'role_changed',
  'disabled',
  'enabled',
  'user_deleted',
] as const;
export type AuditEventType = (typeof AUDIT_EVENTS)[number];

export interface AuditEvent {
  readonly type: AuditEventType;
  readonly at: string;
  readonly ipAddress?: string;
  readonly userAgent?: string;
  readonly details?: Record<string, string | number | boolean>;
}

const RETENTION_SECONDS = 365 * 86_400;

/** Security events per user, kept a year (TTL). Auditing never fails the action it records. */
export class AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(userId: string, event: Omit<AuditEvent, 'at'>): Promise<void> {
    const at = new Date();
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: userPartition(userId),
            sk: `${AUDIT_PREFIX}${at.toISOString()}#${randomUUID().slice(0, 8)}`,
            type: 'audit',
            auditType: event.type,
            ...(event.ipAddress ? { ipAddress: event.ipAddress } : {}),
            ...(event.userAgent ? { userAgent: event.userAgent } : {}),
            ...(event.details ? { details: event.details } : {}),
            at: at.toISOString(),
            expiresAt: Math.floor(at.getTime() / 1000) + RETENTION_SECONDS,
          },
        }),
      );
    } catch (error) {
      logger.error('audit event not recorded', { auditType: event.type, error: error as Error });
    }
  }

  /** Newest first. */
  async list(userId: string, limit = 50): Promise<AuditEvent[]> {
    return (await this.page(userId, limit)).events;
  }

  /** One page of events, newest first, and where the next page starts. */
  async page(userId: string, limit: number, startAfter?: Record<string, unknown>): Promise<{ events: AuditEvent[]; next?: Record<string, unknown> }> {
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': AUDIT_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
        ...(startAfter ? { ExclusiveStartKey: startAfter } : {}),
      }),
    );
    const events = (Items ?? []).map((item) => ({
      type: item.auditType as AuditEventType,
      at: item.at as string,
      ...(item.ipAddress ? { ipAddress: item.ipAddress as string } : {}),
      ...(item.userAgent ? { userAgent: item.userAgent as string } : {}),
      ...(item.details ? { details: item.details as Record<string, string> } : {}),
    }));
    return { events, ...(LastEvaluatedKey ? { next: LastEvaluatedKey } : {}) };
  }

  /** What remains of a deleted account: the fact and time of deletion, under a one-way pseudonym. */
  async recordDeletion(userId: string): Promise<string> {
    const at = new Date().toISOString();
    const pseudonym = createHash('sha256').update(`kindred-deleted-user:${userId}`).digest('base64url');
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `DELETED#${pseudonym}`,
          sk: 'AUDIT',
          type: 'audit',
          auditType: 'account_deleted',
          at,
          expiresAt: Math.floor(Date.now() / 1000) + RETENTION_SECONDS,
        },
      }),
    );
    return pseudonym;
  }
}
