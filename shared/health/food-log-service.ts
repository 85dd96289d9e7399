import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors/domain-errors.ts';
import {
  MAX_ENTRIES_PER_DAY, foodOf, timing, withGlycemicFigures,
  type FoodLogChanges, type FoodLogEntry, type FoodLogInput, type FoodLogRecord,
} from './food-log-entry.ts';
import { DayFullError, EntryChangedError, OwnerInactiveError, isFoodLogSortKey, type FoodLogRepository } from './food-log-repository.ts';
import { checkedRange } from './local-dates.ts';

export interface FoodLogDeps {
  readonly foodLog: FoodLogRepository;
}

export const FOOD_LOG_PAGE_SIZE = 200;
export const MAX_FOOD_LOG_RANGE_DAYS = 90;
const EDIT_ATTEMPTS = 3;

const refusals = (error: unknown): unknown => {
  if (error instanceof OwnerInactiveError) return new ForbiddenError('account_inactive', 'Only an active account can keep a food log.');
  if (error instanceof DayFullError) return new ConflictError('food_log_day_full', `At most ${MAX_ENTRIES_PER_DAY} entries a local day.`);
  return error;
};

const notFound = () => new NotFoundError('food_log_entry_not_found', 'No entry of your food log has this id.');

export async function logFood(deps: FoodLogDeps, userId: string, input: FoodLogInput): Promise<FoodLogEntry> {
  const record: FoodLogRecord = {
    id: randomUUID(),
    food: foodOf(input),
    servings: input.servings,
    ...timing(input.eatenAt, input.timeZone),
    ...(input.note ? { note: input.note } : {}),
  };
  try {
    await deps.foodLog.add(userId, record);
  } catch (error) {
    throw refusals(error);
  }
  return withGlycemicFigures(record);
}

/**
 * Changes servings, note, or the time (eatenAt with its zone, which freezes the local date and time
 * again). Another request may change the entry meanwhile: the write is conditional on the revision
 * read, and a lost race reads again.
 */
export async function changeFoodLogEntry(deps: FoodLogDeps, userId: string, id: string, changes: FoodLogChanges): Promise<FoodLogEntry> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.foodLog.find(userId, id);
    if (!current) throw notFound();
    const { note: _previousNote, ...kept } = current.record;
    const note = changes.note === undefined ? current.record.note : changes.note ?? undefined;
    const next: FoodLogRecord = {
      ...kept,
      ...(changes.servings !== undefined ? { servings: changes.servings } : {}),
      ...(changes.eatenAt !== undefined && changes.timeZone !== undefined ? timing(changes.eatenAt, changes.timeZone) : {}),
      ...(note ? { note } : {}),
    };
    try {
      await deps.foodLog.replace(userId, current, next);
      return withGlycemicFigures(next);
    } catch (error) {
      if (!(error instanceof EntryChangedError) || attempt >= EDIT_ATTEMPTS) throw refusals(error instanceof EntryChangedError ? new ConflictError('edit_conflict', 'The entry kept changing; try again.') : error);
    }
  }
}

export async function deleteFoodLogEntry(deps: FoodLogDeps, userId: string, id: string): Promise<void> {
  const current = await deps.foodLog.find(userId, id);
  if (!current) throw notFound();
  try {
    await deps.foodLog.remove(userId, current);
  } catch (error) {
    // Deleted by a racing request: gone either way, and this request did not delete it.
    if (error instanceof EntryChangedError) throw notFound();
    throw error;
  }
}

export interface FoodLogQuery {
  readonly date?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
}

/** `date`, or `from` and `to` (local dates, inclusive, at most 90 days). */
export const localRangeOf = (query: FoodLogQuery): { from: string; to: string } => {
  if (query.date !== undefined && query.from === undefined && query.to === undefined) return { from: query.date, to: query.date };
  if (query.date === undefined && query.from !== undefined && query.to !== undefined) return checkedRange(query.from, query.to, MAX_FOOD_LOG_RANGE_DAYS);
  throw new InvalidRequestError('invalid_range', 'Send `date`, or `from` and `to`.');
};

const encodeCursor = (sk: string) => Buffer.from(sk).toString('base64url');
const decodeCursor = (cursor: string): string => {
  const sk = Buffer.from(cursor, 'base64url').toString();
  if (!isFoodLogSortKey(sk)) throw new InvalidRequestError('invalid_cursor', 'The cursor is not one this API gave out.');
  return sk;
};

export async function listFoodLog(deps: FoodLogDeps, userId: string, query: FoodLogQuery) {
  const { from, to } = localRangeOf(query);
  const page = await deps.foodLog.page(userId, from, to, FOOD_LOG_PAGE_SIZE, query.cursor ? decodeCursor(query.cursor) : undefined);
  return { entries: page.records.map(withGlycemicFigures), ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}) };
}
