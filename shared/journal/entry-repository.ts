import {
  GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { activeOwnerCheck, userPartition } from '../accounts/table-keys.ts';
import type { StoredEntry } from './entry-schemas.ts';
import { localDateOfId } from './entry-id.ts';

/*
 * Journal entries live in their writer's partition, so account deletion removes them with it.
 *
 * | item          | pk        | sk                           |
 * |---------------|-----------|------------------------------|
 * | entry         | USER#<id> | JOURNAL#<localDate>#<entryId> |
 * | entry count   | USER#<id> | JOURNAL_COUNT                |
 *
 * The sort key starts with the writer's local date, so a day, a month or any range of local dates
 * is one key-range Query; within a day the id's fixed-width instant orders entries by occurredAt.
 * The id carries the local date (entry-id.ts), so an entry's key is known from its id alone.
 * The count bounds a partition: every create and delete moves it in the same transaction.
 */
const SK_PREFIX = 'JOURNAL#';
const entryKey = (userId: string, entryId: string) => ({ pk: userPartition(userId), sk: `${SK_PREFIX}${localDateOfId(entryId)}#${entryId}` });
const countKey = (userId: string) => ({ pk: userPartition(userId), sk: 'JOURNAL_COUNT' });

/** How many entries one account may keep: decades of daily writing, and a bound on one partition. */
export const MAX_ENTRIES_PER_ACCOUNT = 20_000;

const ENTRY_ATTRIBUTES = ['id', 'title', 'body', 'tags', 'occurredAt', 'timeZone', 'utcOffset', 'localDateTime', 'localDate', 'createdAt', 'updatedAt'] as const;
// Every name aliased: some (timezone...) are DynamoDB reserved words.
const PROJECTION = {
  ProjectionExpression: ENTRY_ATTRIBUTES.map((name) => `#${name}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(ENTRY_ATTRIBUTES.map((name) => [`#${name}`, name])),
};

export class OwnerInactiveError extends Error {
  override readonly name = 'OwnerInactiveError';
}

export class EntryLimitError extends Error {
  override readonly name = 'EntryLimitError';
}

type Reason = { Code?: string };
const cancellationReasons = (error: unknown): Reason[] | undefined => (error as { CancellationReasons?: Reason[] }).CancellationReasons;
const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

const toEntry = (item: Record<string, unknown>): StoredEntry => {
  const entry = Object.fromEntries(ENTRY_ATTRIBUTES.flatMap((name) => (item[name] === undefined ? [] : [[name, item[name]]])));
  return entry as StoredEntry;
};

export interface EntryPageQuery {
  /** Local dates, inclusive; either may be left out. */
  readonly from?: string;
  readonly to?: string;
  readonly tag?: string;
  readonly limit: number;
  /** The sort key of the last entry of the previous page. */
  readonly after?: string;
}

export interface EntryPage {
  readonly entries: StoredEntry[];
  /** The sort key to continue after, when there may be more. */
  readonly last?: string;
}

// A tag filter reads entries without the tag too; stop after this many Query pages and hand out
// a cursor, so one request never reads a whole journal.
const MAX_QUERIES_PER_PAGE = 5;

export class EntryRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new entry while its owner is active and under the entry limit. */
  async add(userId: string, entry: StoredEntry): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          activeOwnerCheck(this.tableName, userId),
          { Put: { TableName: this.tableName, Item: { ...entryKey(userId, entry.id), ...entry }, ConditionExpression: 'attribute_not_exists(sk)' } },
          {
            Update: {
              TableName: this.tableName,
              Key: countKey(userId),
              UpdateExpression: 'ADD #entries :one',
              ConditionExpression: 'attribute_not_exists(#entries) OR #entries < :max',
              ExpressionAttributeNames: { '#entries': 'entries' },
              ExpressionAttributeValues: { ':one': 1, ':max': MAX_ENTRIES_PER_ACCOUNT },
            },
          },
        ],
      }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0]?.Code === 'ConditionalCheckFailed') throw new OwnerInactiveError();
      if (reasons?.[2]?.Code === 'ConditionalCheckFailed') throw new EntryLimitError();
      throw error;
    }
  }

  async get(userId: string, entryId: string): Promise<StoredEntry | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: entryKey(userId, entryId), ...PROJECTION }));
    return result.Item ? toEntry(result.Item) : undefined;
  }

  /**
   * Changes the text of an existing entry; undefined when there is none. The condition means an
   * update racing a deletion (of the entry or the account) can never recreate the item.
   */
  async update(userId: string, entryId: string, change: { body?: string; title?: string | null; tags?: string[] }, updatedAt: string): Promise<StoredEntry | undefined> {
    const sets: string[] = ['#updatedAt = :updatedAt'];
    const names: Record<string, string> = { '#updatedAt': 'updatedAt', '#sk': 'sk' };
    const values: Record<string, unknown> = { ':updatedAt': updatedAt };
    let remove = '';
    for (const name of ['body', 'title', 'tags'] as const) {
      const value = change[name];
      if (value === undefined) continue;
      names[`#${name}`] = name;
      if (value === null) {
        remove = ` REMOVE #${name}`;
      } else {
        sets.push(`#${name} = :${name}`);
        values[`:${name}`] = value;
      }
    }
    try {
      const result = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: entryKey(userId, entryId),
        UpdateExpression: `SET ${sets.join(', ')}${remove}`,
        ConditionExpression: 'attribute_exists(#sk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }));
      return result.Attributes ? toEntry(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Deletes an entry and counts it out; false when there was none. */
  async remove(userId: string, entryId: string): Promise<boolean> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: entryKey(userId, entryId), ConditionExpression: 'attribute_exists(sk)' } },
          // Conditional, so a deletion racing the account's erasure does not recreate the count.
          {
            Update: {
              TableName: this.tableName,
              Key: countKey(userId),
              UpdateExpression: 'ADD #entries :minusOne',
              ConditionExpression: 'attribute_exists(sk)',
              ExpressionAttributeNames: { '#entries': 'entries' },
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          },
        ],
      }));
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.some((reason) => reason.Code === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  /** Entries whose local date is within [from, to], newest first, optionally with a tag. */
  async page(userId: string, query: EntryPageQuery): Promise<EntryPage> {
    const lower = `${SK_PREFIX}${query.from ?? ''}`;
    // '$' sorts after '#', so every entry of the `to` date (and no later one) is below the bound.
    const upper = `${SK_PREFIX}${query.to ?? '9999-99-99'}$`;
    const entries: StoredEntry[] = [];
    let start = query.after;
    for (let round = 0; round < MAX_QUERIES_PER_PAGE; round += 1) {
      const result = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
        ...(query.tag ? { FilterExpression: 'contains(#tags, :tag)' } : {}),
        ...PROJECTION,
        ExpressionAttributeValues: { ':pk': userPartition(userId), ':lower': lower, ':upper': upper, ...(query.tag ? { ':tag': query.tag } : {}) },
        ScanIndexForward: false,
        Limit: query.limit - entries.length,
        ...(start ? { ExclusiveStartKey: { pk: userPartition(userId), sk: start } } : {}),
      }));
      entries.push(...(result.Items ?? []).map(toEntry));
      start = result.LastEvaluatedKey?.sk as string | undefined;
      if (!start || entries.length >= query.limit) break;
    }
    return start ? { entries, last: start } : { entries };
  }

  /** Every entry of a person, oldest first, a Query page at a time. */
  async *all(userId: string): AsyncGenerator<StoredEntry[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...PROJECTION,
        ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': SK_PREFIX },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }));
      yield (result.Items ?? []).map(toEntry);
      start = result.LastEvaluatedKey;
    } while (start);
  }

  /** Whether a cursor's sort key can continue a listing of [from, to]. */
  static isWithin(sk: string, query: Pick<EntryPageQuery, 'from' | 'to'>): boolean {
    return /^JOURNAL#\d{4}-\d{2}-\d{2}#[0-9A-F]{32}$/.test(sk) && sk >= `${SK_PREFIX}${query.from ?? ''}` && sk <= `${SK_PREFIX}${query.to ?? '9999-99-99'}$`;
  }
}
