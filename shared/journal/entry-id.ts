import { randomBytes } from 'node:crypto';

/*
 * An entry's id carries its sort key, so reading, changing or deleting it by id is one GetItem,
 * UpdateItem or DeleteItem, with no pointer item to keep in step:
 *
 *   20260308 | 01A4C3B2D5E0 | 9F3A0C71B2E4
 *   local    | occurredAt, ms since 1900-01-01Z, 12 hex digits (fixed width, so ids of a day sort by instant)
 *   date     |              | 48 random bits
 *
 * 32 uppercase hex digits: the shape of a Day One uuid, so an export keeps its ids.
 */
const EPOCH_1900 = Date.UTC(1900, 0, 1);
/** Entries are written from 1900-01-01 to the end of 9999: four-digit years, and 12 hex digits of ms. */
export const EARLIEST_ENTRY_MS = EPOCH_1900;
export const LATEST_ENTRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function newEntryId(localDate: string, occurredAtMs: number): string {
  const instant = (occurredAtMs - EPOCH_1900).toString(16).toUpperCase().padStart(12, '0');
  return `${localDate.replaceAll('-', '')}${instant}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The local date an id was written on (`2026-03-08`); the id is assumed to match the id schema. */
export const localDateOfId = (id: string): string => `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;
