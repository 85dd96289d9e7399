import { ConflictError, ForbiddenError, InvalidInputError, InvalidRequestError, NotFoundError } from '../errors/domain-errors.ts';
import { LocalTimeError, localFieldsAt, offsetAgrees, resolveLocalDateTime, resolveZone } from '../time/zoned-time.ts';
import { EARLIEST_ENTRY_MS, LATEST_ENTRY_MS, newEntryId } from './entry-id.ts';
import { EntryLimitError, EntryRepository, MAX_ENTRIES_PER_ACCOUNT, OwnerInactiveError } from './entry-repository.ts';
import type { Entry, EntryChange, NewEntry, StoredEntry } from './entry-schemas.ts';
import { toDayOne, type DayOneEntry } from './day-one.ts';
import { defaultPictureIndex, defaultPictureKey, defaultPictureName } from './default-pictures.ts';
import type { MediaLinks } from './media-links.ts';

export interface JournalDeps {
  readonly entries: EntryRepository;
  readonly media: MediaLinks;
  readonly now: () => Date;
}

/** The entry as people see it: with its picture, the default one its id picks. */
async function shown(deps: JournalDeps, entry: StoredEntry, now: Date): Promise<Entry> {
  const index = defaultPictureIndex(entry.id);
  return { ...entry, image: { kind: 'default', picture: defaultPictureName(index).replace(/\.webp$/, ''), urls: { medium: await deps.media.urlOf(defaultPictureKey(index), now) } } };
}

const entryNotFound = () => new NotFoundError('entry_not_found', 'There is no such entry in your journal.');

/** The zone, already validated by the request schema; canonical for Intl, as sent for storage. */
const zoneOf = (timeZone: string): string => {
  const zone = resolveZone(timeZone);
  if (!zone) throw new InvalidInputError('unknown_time_zone', 'The time zone is not a known IANA zone.', [{ field: 'body.timeZone', message: 'Unknown zone.' }]);
  return zone;
};

/** The instant an entry names: occurredAt (its offset checked), a local wall time resolved in the zone, or now. */
function instantOf(input: NewEntry, zone: string, now: Date): number {
  if (input.occurredAt !== undefined) {
    const instant = Date.parse(input.occurredAt);
    if (!offsetAgrees(input.occurredAt, instant, zone)) {
      throw new InvalidInputError('offset_mismatch', `The offset of occurredAt is not the offset of ${input.timeZone} at that instant.`, [
        { field: 'body.occurredAt', message: `In ${input.timeZone} the offset then was ${localFieldsAt(instant, zone).utcOffset}.` },
      ]);
    }
    return instant;
  }
  if (input.localDateTime !== undefined) {
    try {
      return resolveLocalDateTime(input.localDateTime, zone, input.disambiguation ?? 'compatible');
    } catch (error) {
      if (error instanceof LocalTimeError) throw new InvalidInputError(error.code, error.message, [{ field: 'body.localDateTime', message: error.message }]);
      throw error;
    }
  }
  return now.getTime();
}

export async function createEntry(deps: JournalDeps, userId: string, input: NewEntry): Promise<Entry> {
  const zone = zoneOf(input.timeZone);
  const now = deps.now();
  const instant = instantOf(input, zone, now);
  if (Number.isNaN(instant) || instant < EARLIEST_ENTRY_MS || instant > LATEST_ENTRY_MS) {
    throw new InvalidInputError('out_of_range', 'Entries are dated from 1900 to 9999.', [{ field: 'body', message: 'Out of range.' }]);
  }
  // Frozen now: the wall time the writer saw stays, whatever happens to them or to the zone's rules.
  const local = localFieldsAt(instant, zone);
  const entry: StoredEntry = {
    id: newEntryId(local.localDate, instant),
    ...(input.title !== undefined ? { title: input.title } : {}),
    body: input.body,
    tags: input.tags ?? [],
    occurredAt: new Date(instant).toISOString(),
    timeZone: input.timeZone,
    ...local,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  try {
    await deps.entries.add(userId, entry);
  } catch (error) {
    if (error instanceof OwnerInactiveError) throw new ForbiddenError('account_inactive', 'Only an active account can write entries.');
    if (error instanceof EntryLimitError) throw new ConflictError('entry_limit_reached', `A journal holds at most ${MAX_ENTRIES_PER_ACCOUNT} entries; delete some first.`);
    throw error;
  }
  return shown(deps, entry, now);
}

export async function getEntry(deps: JournalDeps, userId: string, entryId: string): Promise<Entry> {
  const entry = await deps.entries.get(userId, entryId);
  if (!entry) throw entryNotFound();
  return shown(deps, entry, deps.now());
}

export async function changeEntry(deps: JournalDeps, userId: string, entryId: string, change: EntryChange): Promise<Entry> {
  const now = deps.now();
  const entry = await deps.entries.update(userId, entryId, change, now.toISOString());
  if (!entry) throw entryNotFound();
  return shown(deps, entry, now);
}

export async function deleteEntry(deps: JournalDeps, userId: string, entryId: string): Promise<void> {
  if (!(await deps.entries.remove(userId, entryId))) throw entryNotFound();
}

export interface ListQuery {
  readonly from?: string;
  readonly to?: string;
  readonly tag?: string;
  readonly cursor?: string;
  readonly limit: number;
}

const encodeCursor = (sk: string) => Buffer.from(sk).toString('base64url');

/** A person's entries with a local date in [from, to], newest first, a page at a time. */
export async function listEntries(deps: JournalDeps, userId: string, query: ListQuery): Promise<{ entries: Entry[]; nextCursor?: string }> {
  if (query.from && query.to && query.from > query.to) throw new InvalidRequestError('invalid_range', '`from` must not be after `to`.');
  let after: string | undefined;
  if (query.cursor !== undefined) {
    after = Buffer.from(query.cursor, 'base64url').toString();
    if (!EntryRepository.isWithin(after, query)) throw new InvalidRequestError('invalid_cursor', 'The cursor is not one this listing gave out.');
  }
  const page = await deps.entries.page(userId, { ...query, ...(after ? { after } : {}) });
  const now = deps.now();
  const entries = await Promise.all(page.entries.map((entry) => shown(deps, entry, now)));
  return { entries, ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}) };
}

/**
 * The largest export one response carries: a Lambda answers at most 6 MB, and a gzip-accepting
 * client gets far more entries into it. Larger journals need an export written to the media bucket
 * (not built yet); until then they get 409 `export_too_large`.
 */
export const MAX_EXPORT_BYTES = 5_000_000;

/** The whole journal as a Day One JSON export, oldest first, serialized. */
export async function exportJournal(deps: JournalDeps, userId: string): Promise<string> {
  const entries: DayOneEntry[] = [];
  for await (const page of deps.entries.all(userId)) entries.push(...page.map(toDayOne));
  entries.sort((a, b) => (a.creationDate < b.creationDate ? -1 : a.creationDate > b.creationDate ? 1 : 0));
  const document = JSON.stringify({ metadata: { version: '1.0' }, entries });
  if (Buffer.byteLength(document) > MAX_EXPORT_BYTES) {
    throw new ConflictError('export_too_large', 'This journal is larger than one download can carry.');
  }
  return document;
}
