import { ConflictError, ForbiddenError, InvalidInputError, InvalidRequestError } from '../errors/domain-errors.ts';
import { OwnerInactiveError, isGlucoseSortKey, type GlucoseReading, type GlucoseRepository } from './glucose-repository.ts';
import { isInAcceptedRange, toMgPerDl } from './glucose-units.ts';
import { parseKindredReading, parseNightscoutEntry, type ReadingInput } from './glucose-import.ts';
import { canonicalZone, localFieldsOf } from './local-time.ts';

export interface GlucoseDeps {
  readonly readings: GlucoseRepository;
}

export const READINGS_PAGE_SIZE = 500;

type Rejection = { index: number; reason: string };

const zoneOrThrow = (timeZone: string): string => {
  const zone = canonicalZone(timeZone);
  if (!zone) throw new InvalidInputError('unknown_time_zone', 'The time zone is not a known IANA zone.', [{ field: 'body.timeZone', message: 'Unknown zone.' }]);
  return zone;
};

// Returns the stored shape, or the reason it cannot be stored (the caller decides how to report it).
const toReading = (input: ReadingInput, timeZone: string): GlucoseReading | string => {
  const mgPerDl = toMgPerDl(input.value, input.unit);
  if (!isInAcceptedRange(mgPerDl)) return 'out_of_range';
  const instant = new Date(input.measuredAt);
  if (Number.isNaN(instant.getTime())) return 'invalid_instant';
  return {
    mgPerDl,
    entered: { value: input.value, unit: input.unit },
    measuredAt: instant.toISOString(),
    timeZone,
    ...localFieldsOf(instant, timeZone),
    source: input.source,
    device: input.device ?? input.source,
    ...(input.note !== undefined ? { note: input.note } : {}),
  };
};

const write = async (deps: GlucoseDeps, userId: string, readings: readonly GlucoseReading[]) => {
  try {
    return await deps.readings.addAll(userId, readings);
  } catch (error) {
    if (error instanceof OwnerInactiveError) throw new ForbiddenError('account_inactive', 'Only an active account can record readings.');
    throw error;
  }
};

export async function recordReading(deps: GlucoseDeps, userId: string, input: ReadingInput): Promise<GlucoseReading> {
  const reading = toReading(input, zoneOrThrow(input.timeZone));
  if (typeof reading === 'string') {
    throw new InvalidInputError(reading, 'Glucose must be 20-600 mg/dL (1.1-33.3 mmol/L).', [{ field: 'body.value', message: reading }]);
  }
  const { duplicates } = await write(deps, userId, [reading]);
  if (duplicates > 0) throw new ConflictError('duplicate_reading', 'This reading (source, device, instant) is already stored.');
  return reading;
}

/**
 * Imports up to 1,000 readings in Kindred's shape or as Nightscout `sgv` entries (mg/dL, epoch ms).
 * Items that fail their own checks are reported by index and the rest are stored; a reading
 * already stored (same source, device and instant) counts as a duplicate.
 */
export async function importReadings(
  deps: GlucoseDeps,
  userId: string,
  batch: { readonly timeZone: string; readonly readings?: readonly unknown[]; readonly entries?: readonly unknown[] },
): Promise<{ imported: number; duplicates: number; rejected: Rejection[] }> {
  const zone = zoneOrThrow(batch.timeZone);
  const rejected: Rejection[] = [];
  const accepted: GlucoseReading[] = [];
  const items = batch.entries ?? batch.readings ?? [];
  items.forEach((raw, index) => {
    const input = batch.entries ? parseNightscoutEntry(raw, zone) : parseKindredReading(raw);
    const itemZone = typeof input === 'string' ? undefined : canonicalZone(input.timeZone);
    const outcome = typeof input === 'string' ? input : itemZone ? toReading(input, itemZone) : 'unknown_time_zone';
    if (typeof outcome === 'string') rejected.push({ index, reason: outcome });
    else accepted.push(outcome);
  });
  const { stored, duplicates } = accepted.length > 0 ? await write(deps, userId, accepted) : { stored: 0, duplicates: 0 };
  return { imported: stored, duplicates, rejected };
}

const encodeCursor = (sk: string) => Buffer.from(sk).toString('base64url');
const decodeCursor = (cursor: string): string => {
  const sk = Buffer.from(cursor, 'base64url').toString();
  if (!isGlucoseSortKey(sk)) throw new InvalidRequestError('invalid_cursor', 'The cursor is not one this API gave out.');
  return sk;
};

export async function listReadings(deps: GlucoseDeps, userId: string, from: string, to: string, cursor?: string) {
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  if (fromIso >= toIso) throw new InvalidRequestError('invalid_range', '`from` must be before `to`.');
  const page = await deps.readings.page(userId, fromIso, toIso, READINGS_PAGE_SIZE, cursor ? decodeCursor(cursor) : undefined);
  return { readings: page.readings, ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}) };
}
