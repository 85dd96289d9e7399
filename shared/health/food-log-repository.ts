import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activeOwnerCheck, userPartition } from '../accounts/table-keys.ts';
import { queryPages } from '../clients/query-pages.ts';
import { withConflictRetry } from '../clients/transaction-retry.ts';
import { MAX_ENTRIES_PER_DAY, type FoodLogRecord } from './food-log-entry.ts';

/*
 * The food log lives in its owner's partition, so account deletion removes it with everything else.
 *
 * | item        | pk        | sk                                           | holds                  |
 * |-------------|-----------|----------------------------------------------|------------------------|
 * | entry       | USER#<id> | FOODLOG#<local date>#<instant>#<entry id>    | the record, revision   |
 * | entry by id | USER#<id> | FOODLOGID#<entry id>                         | entrySk                |
 * | day count   | USER#<id> | FOODLOGDAY#<local date>                      | entries                |
 *
 * A local day or a range of days is one key-range Query on `FOODLOG#` (instant order within a day).
 * An entry's sort key moves when its time changes, so PATCH and DELETE find it through the
 * pointer item, written and moved in the same transaction as the entry. The day count carries the
 * per-day limit as the condition of its own update, so racing writes cannot overshoot it.
 */
const ENTRY_PREFIX = 'FOODLOG#';
const entrySk = (r: Pick<FoodLogRecord, 'localDate' | 'eatenAt' | 'id'>) => `${ENTRY_PREFIX}${r.localDate}#${r.eatenAt}#${r.id}`;
const pointerKey = (userId: string, id: string) => ({ pk: userPartition(userId), sk: `FOODLOGID#${id}` });
const dayCountKey = (userId: string, localDate: string) => ({ pk: userPartition(userId), sk: `FOODLOGDAY#${localDate}` });
const ENTRY_PAGE_FROM = (from: string) => `${ENTRY_PREFIX}${from}#`;
const ENTRY_PAGE_TO = (to: string) => `${ENTRY_PREFIX}${to}#~`; // '~' sorts after every instant and id

export const isFoodLogSortKey = (sk: string): boolean => sk.startsWith(ENTRY_PREFIX) && sk.length <= 200;

const RECORD_ATTRIBUTES = ['id', 'food', 'servings', 'eatenAt', 'timeZone', 'localDate', 'localTime', 'note'] as const;
const projection = (names: readonly string[]) => ({
  ProjectionExpression: names.map((name) => `#${name}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
});

export class OwnerInactiveError extends Error {
  override readonly name = 'OwnerInactiveError';
}
export class DayFullError extends Error {
  override readonly name = 'DayFullError';
}
/** The entry changed or went away between reading it and writing it back. */
export class EntryChangedError extends Error {
  override readonly name = 'EntryChangedError';
}

export interface StoredEntry {
  readonly record: FoodLogRecord;
  readonly sk: string;
  readonly revision: number;
}

type Reason = { Code?: string };
const reasonsOf = (error: unknown): Reason[] | undefined => (error as { CancellationReasons?: Reason[] }).CancellationReasons;

// Racing writes into one day all update its count, so they conflict more often than most.
const DAY_COUNT_TRIES = 8;
const retried = <T>(attempt: () => Promise<T>) => withConflictRetry(attempt, DAY_COUNT_TRIES);

export class FoodLogRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new entry while the owner is active and their day is not full. */
  async add(userId: string, record: FoodLogRecord): Promise<void> {
    const sk = entrySk(record);
    try {
      await retried(() =>
        this.db.send(new TransactWriteCommand({
          TransactItems: [
            activeOwnerCheck(this.tableName, userId),
            this.countUp(userId, record.localDate),
            { Put: { TableName: this.tableName, Item: { pk: userPartition(userId), sk, ...record, revision: 1 }, ConditionExpression: 'attribute_not_exists(sk)' } },
            { Put: { TableName: this.tableName, Item: { ...pointerKey(userId, record.id), entrySk: sk }, ConditionExpression: 'attribute_not_exists(sk)' } },
          ],
        })),
      );
    } catch (error) {
      throw this.explain(error, { owner: 0, dayCount: 1 });
    }
  }

  async find(userId: string, id: string): Promise<StoredEntry | undefined> {
    const pointer = await this.db.send(new GetCommand({ TableName: this.tableName, Key: pointerKey(userId, id), ConsistentRead: true }));
    const sk = pointer.Item?.entrySk as string | undefined;
    if (!sk) return undefined;
    const entry = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: userPartition(userId), sk }, ConsistentRead: true }));
    if (!entry.Item) return undefined;
    const { pk: _pk, sk: _sk, revision, ...record } = entry.Item as FoodLogRecord & { pk: string; sk: string; revision: number };
    return { record, sk, revision };
  }

  /**
   * Writes `next` over `current`, only if nobody changed it meanwhile (its revision). When the
   * local date or instant changed, the entry moves to its new sort key, the pointer follows, and
   * the day counts move too (the new day's limit still applies).
   */
  async replace(userId: string, current: StoredEntry, next: FoodLogRecord): Promise<void> {
    const nextSk = entrySk(next);
    const unchanged = { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': current.revision } };
    const item = { pk: userPartition(userId), sk: nextSk, ...next, revision: current.revision + 1 };
    const moves = nextSk !== current.sk;
    const changesDay = next.localDate !== current.record.localDate;
    const items = [
      activeOwnerCheck(this.tableName, userId),
      ...(changesDay ? [this.countUp(userId, next.localDate), this.countDown(userId, current.record.localDate)] : []),
      ...(moves
        ? [
            { Delete: { TableName: this.tableName, Key: { pk: userPartition(userId), sk: current.sk }, ...unchanged } },
            { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(sk)' } },
            {
              Update: {
                TableName: this.tableName, Key: pointerKey(userId, next.id), UpdateExpression: 'SET entrySk = :next',
                ConditionExpression: 'entrySk = :current', ExpressionAttributeValues: { ':next': nextSk, ':current': current.sk },
              },
            },
          ]
        : [{ Put: { TableName: this.tableName, Item: item, ...unchanged } }]),
    ];
    try {
      await retried(() => this.db.send(new TransactWriteCommand({ TransactItems: items })));
    } catch (error) {
      throw this.explain(error, { owner: 0, ...(changesDay ? { dayCount: 1 } : {}) });
    }
  }

  /** Removes the entry, its pointer and its place in the day count; EntryChangedError when it is already gone. */
  async remove(userId: string, current: StoredEntry): Promise<void> {
    try {
      await retried(() =>
        this.db.send(new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.tableName, Key: { pk: userPartition(userId), sk: current.sk }, ConditionExpression: 'attribute_exists(sk)' } },
            {
              Delete: {
                TableName: this.tableName, Key: pointerKey(userId, current.record.id),
                ConditionExpression: 'entrySk = :sk', ExpressionAttributeValues: { ':sk': current.sk },
              },
            },
            this.countDown(userId, current.record.localDate),
          ],
        })),
      );
    } catch (error) {
      throw this.explain(error, {});
    }
  }

  /** Entries of local dates from..to (inclusive), in local-day then instant order, a page at a time. */
  async page(userId: string, from: string, to: string, limit: number, after?: string): Promise<{ records: FoodLogRecord[]; last?: string }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': userPartition(userId), ':from': ENTRY_PAGE_FROM(from), ':to': ENTRY_PAGE_TO(to) },
        ...projection(RECORD_ATTRIBUTES),
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { pk: userPartition(userId), sk: after } } : {}),
      }),
    );
    const last = result.LastEvaluatedKey?.sk as string | undefined;
    const records = (result.Items ?? []) as FoodLogRecord[];
    return last ? { records, last } : { records };
  }

  /** Every entry of local dates from..to, page by page (at most 40 a day, so a bounded range is bounded). */
  async *all(userId: string, from: string, to: string): AsyncGenerator<FoodLogRecord[]> {
    const input = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': userPartition(userId), ':from': ENTRY_PAGE_FROM(from), ':to': ENTRY_PAGE_TO(to) },
      ...projection(RECORD_ATTRIBUTES),
    };
    for await (const items of queryPages(this.db, input)) yield items as unknown as FoodLogRecord[];
  }

  private countUp(userId: string, localDate: string) {
    return {
      Update: {
        TableName: this.tableName, Key: dayCountKey(userId, localDate), UpdateExpression: 'ADD entries :one',
        ConditionExpression: 'attribute_not_exists(entries) OR entries < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_ENTRIES_PER_DAY },
      },
    };
  }

  private countDown(userId: string, localDate: string) {
    return { Update: { TableName: this.tableName, Key: dayCountKey(userId, localDate), UpdateExpression: 'ADD entries :minusOne', ExpressionAttributeValues: { ':minusOne': -1 } } };
  }

  // Which condition failed decides the error: the owner check, the day's limit, or the entry itself.
  private explain(error: unknown, at: { owner?: number; dayCount?: number }): unknown {
    const reasons = reasonsOf(error);
    if (!reasons) return error;
    const failed = (index: number | undefined) => index !== undefined && reasons[index]?.Code === 'ConditionalCheckFailed';
    if (failed(at.owner)) return new OwnerInactiveError();
    if (failed(at.dayCount)) return new DayFullError();
    if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return new EntryChangedError();
    return error;
  }
}
