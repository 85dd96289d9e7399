import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { userKey, activeOwnerCheck } from '../accounts/table-keys.ts';
import type { GlucoseSource, GlucoseUnit } from './glucose-units.ts';

/*
 * Glucose readings live in their owner's partition, so account deletion removes them with it.
 *
 * | item    | pk        | sk                                        |
 * |---------|-----------|-------------------------------------------|
 * | reading | USER#<id> | GLUCOSE#<instant ISO, ms, Z>#<source>#<device> |
 *
 * The instant comes first and is fixed-width, so a range of instants is one key-range Query. The
 * sort key is the reading's identity (source, device, instant): the same reading imported twice
 * meets `attribute_not_exists(sk)` and is stored once, whatever raced it.
 */
const SK_PREFIX = 'GLUCOSE#';
const glucoseSk = (measuredAt: string, source: string, device: string) =>
  `${SK_PREFIX}${measuredAt}#${source}#${encodeURIComponent(device)}`;

export interface GlucoseReading {
  readonly mgPerDl: number;
  readonly entered: { readonly value: number; readonly unit: GlucoseUnit };
  readonly measuredAt: string; // ISO instant, UTC, with milliseconds
  readonly timeZone: string;
  readonly localDate: string;
  readonly localTime: string;
  readonly source: GlucoseSource;
  readonly device: string;
  readonly note?: string;
}

export interface WriteOutcome {
  readonly stored: number;
  readonly duplicates: number;
}

const READING_ATTRIBUTES = ['sk', 'mgPerDl', 'entered', 'measuredAt', 'timeZone', 'localDate', 'localTime', 'source', 'device', 'note'] as const;

// 100 actions per transaction; one is the owner check.
const READINGS_PER_TRANSACTION = 99;
const MAX_ATTEMPTS = 6;

type Reason = { Code?: string };

export class OwnerInactiveError extends Error {
  override readonly name = 'OwnerInactiveError';
}

export class GlucoseRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  forSummary(userId: string, from: string, to: string): AsyncGenerator<SummaryReading[]> {
    return summaryReadings(this.db, this.tableName, userId, from, to);
  }

  /** Stores new readings (skipping ones already stored), only while the owner is active. */
  async addAll(userId: string, readings: readonly GlucoseReading[]): Promise<WriteOutcome> {
    const unique = new Map(readings.map((r) => [glucoseSk(r.measuredAt, r.source, r.device), r]));
    let stored = 0;
    let duplicates = readings.length - unique.size;
    const entries = [...unique];
    for (let start = 0; start < entries.length; start += READINGS_PER_TRANSACTION) {
      const outcome = await this.writeChunk(userId, entries.slice(start, start + READINGS_PER_TRANSACTION));
      stored += outcome.stored;
      duplicates += outcome.duplicates;
    }
    return { stored, duplicates };
  }

  // A transaction is all or nothing: when some readings already exist, drop exactly those (the
  // cancellation reasons say which) and write the rest; retry conflicts with a short backoff.
  private async writeChunk(userId: string, chunk: Array<[string, GlucoseReading]>): Promise<WriteOutcome> {
    let pending = chunk;
    let duplicates = 0;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: [this.ownerIsActive(userId), ...pending.map(([sk, r]) => this.put(userId, sk, r))] }));
        return { stored: pending.length, duplicates };
      } catch (error) {
        const reasons = (error as { CancellationReasons?: Reason[] }).CancellationReasons;
        if (!reasons || attempt >= MAX_ATTEMPTS) throw error;
        if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new OwnerInactiveError();
        const existing = new Set(reasons.flatMap((reason, i) => (i > 0 && reason.Code === 'ConditionalCheckFailed' ? [i - 1] : [])));
        duplicates += existing.size;
        pending = pending.filter((_, i) => !existing.has(i));
        if (existing.size === 0) await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.random() * 50));
      }
    }
    return { stored: 0, duplicates };
  }

  private ownerIsActive(userId: string) {
    return activeOwnerCheck(this.tableName, userId);
  }

  private put(userId: string, sk: string, reading: GlucoseReading) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk: userKey(userId).pk, sk, ...reading },
        ConditionExpression: 'attribute_not_exists(sk)',
      },
    };
  }

  /** Readings with from <= measuredAt < to, oldest first, a page at a time. */
  async page(userId: string, from: string, to: string, limit: number, after?: string): Promise<{ readings: GlucoseReading[]; last?: string }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': userKey(userId).pk, ':from': `${SK_PREFIX}${from}`, ':to': `${SK_PREFIX}${to}` },
        // Every name aliased: several (source, timezone...) are DynamoDB reserved words.
        ProjectionExpression: READING_ATTRIBUTES.map((name) => `#${name}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(READING_ATTRIBUTES.map((name) => [`#${name}`, name])),
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { pk: userKey(userId).pk, sk: after } } : {}),
      }),
    );
    const items = (result.Items ?? []) as Array<GlucoseReading & { sk: string }>;
    const readings = items.map(({ sk: _sk, ...reading }) => reading);
    const last = result.LastEvaluatedKey?.sk as string | undefined;
    return last ? { readings, last } : { readings };
  }
}

export type SummaryReading = Pick<GlucoseReading, 'mgPerDl' | 'measuredAt' | 'localDate' | 'localTime' | 'source' | 'timeZone'>;

/**
 * Every reading with from <= measuredAt < to, with only what a summary reads: about 80 bytes an
 * item, so 90 days of a 5-minute CGM (25,920 readings) is a handful of 1 MB pages.
 */
export async function* summaryReadings(db: DynamoDBDocumentClient, tableName: string, userId: string, from: string, to: string): AsyncGenerator<SummaryReading[]> {
  let after: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': userKey(userId).pk, ':from': `${SK_PREFIX}${from}`, ':to': `${SK_PREFIX}${to}` },
        ProjectionExpression: SUMMARY_ATTRIBUTES.map((name) => `#${name}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(SUMMARY_ATTRIBUTES.map((name) => [`#${name}`, name])),
        ...(after ? { ExclusiveStartKey: after } : {}),
      }),
    );
    yield (result.Items ?? []) as SummaryReading[];
    after = result.LastEvaluatedKey;
  } while (after);
}

const SUMMARY_ATTRIBUTES = ['mgPerDl', 'measuredAt', 'localDate', 'localTime', 'source', 'timeZone'] as const;

export const isGlucoseSortKey = (sk: string): boolean => sk.startsWith(SK_PREFIX) && sk.length <= 300;
