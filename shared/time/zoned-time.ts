/*
 * Wall-clock time in IANA zones, with Intl only: Node carries the tz database in ICU, so no
 * dependency is needed. Shared by every area that freezes a person's local time (journal, health).
 *
 * `Intl.supportedValuesOf('timeZone')` is not an allow-list: V8 leaves out `UTC` and names ICU
 * considers aliases (`Asia/Kolkata`). A zone is known when `Intl.DateTimeFormat` accepts it.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

// ICU resolves names case-insensitively but also accepts offset zones ('+05:30') on newer
// engines; a zone here is a name: letters first, then letters, digits, '_', '-', '+', '/'.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * The zone Intl uses for `timeZone` (ICU's canonical id, e.g. `Asia/Calcutta` for `Asia/Kolkata`),
 * or undefined for unknown names and bare offsets. Case-insensitive; aliases (`US/Eastern`) are known.
 */
export function resolveZone(timeZone: string): string | undefined {
  if (!ZONE_NAME.test(timeZone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormatters.set(zone, formatter);
  }
  return formatter;
};

/** The wall clock of `zone` at `epochMs`, as if it were UTC (ms precision kept). */
function wallClockMs(epochMs: number, zone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), ((epochMs % 1000) + 1000) % 1000);
  return wall.getTime();
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive); whole seconds. */
export function offsetAt(epochMs: number, zone: string): number {
  return wallClockMs(epochMs, zone) - epochMs;
}

/** `+05:45`, `-03:00`, `+00:00`; seconds only for historical local mean times (`-04:56:02`). */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.abs(Math.round(offsetMs / 1000));
  const hh = String(Math.floor(total / 3600)).padStart(2, '0');
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = total % 60;
  return `${sign}${hh}:${mm}${ss ? `:${String(ss).padStart(2, '0')}` : ''}`;
}

export interface LocalFields {
  /** `2026-03-08` */
  readonly localDate: string;
  /** `2026-03-08T09:15:00`, seconds always, milliseconds only when not zero. */
  readonly localDateTime: string;
  /** `+05:30` */
  readonly utcOffset: string;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const formatWall = (wallMs: number): { date: string; dateTime: string } => {
  const wall = new Date(wallMs);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const ms = wall.getUTCMilliseconds();
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
  return { date, dateTime: `${date}T${time}` };
};

/** What a person in `zone` saw on their clock at `epochMs`. */
export function localFieldsAt(epochMs: number, zone: string): LocalFields {
  const offset = offsetAt(epochMs, zone);
  const { date, dateTime } = formatWall(epochMs + offset);
  return { localDate: date, localDateTime: dateTime, utcOffset: formatOffset(offset) };
}

export const DISAMBIGUATIONS = ['compatible', 'earlier', 'later', 'reject'] as const;
export type Disambiguation = (typeof DISAMBIGUATIONS)[number];

/** Why a wall time could not be turned into one instant. */
export class LocalTimeError extends Error {
  override readonly name = 'LocalTimeError';
  constructor(readonly code: 'invalid_local_date_time' | 'nonexistent_local_time' | 'ambiguous_local_time', message: string) {
    super(message);
  }
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** `2026-03-08T02:30:00` as a UTC epoch of the same wall clock, or undefined when it is no calendar time. */
export function parseLocalDateTime(text: string): number | undefined {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0, fraction = 0] = match.slice(1).map((part, i) =>
    part === undefined ? undefined : i === 6 ? Number(part.padEnd(3, '0')) : Number(part)) as number[];
  const wall = new Date(0);
  wall.setUTCFullYear(year!, month! - 1, day!);
  wall.setUTCHours(hour!, minute!, second, fraction);
  // Date rolls 2026-02-30 over to March; a real calendar time reads back the same.
  const ok = wall.getUTCFullYear() === year && wall.getUTCMonth() === month! - 1 && wall.getUTCDate() === day &&
    wall.getUTCHours() === hour && wall.getUTCMinutes() === minute && wall.getUTCSeconds() === second;
  return ok ? wall.getTime() : undefined;
}

/**
 * The instant a wall time names in `zone`, following Temporal's rules: in a spring-forward gap
 * `compatible` and `later` move forward by the gap (02:30 -> 03:30 EDT), `earlier` back (01:30 EST);
 * in a fall-back overlap `compatible` and `earlier` take the first occurrence, `later` the second;
 * `reject` refuses both. Offsets are sampled a day either side, as Temporal does, so a skipped
 * whole day (Apia, 2011-12-30) is a gap like any other.
 */
export function resolveLocalDateTime(localDateTime: string, zone: string, disambiguation: Disambiguation = 'compatible'): number {
  const wallMs = parseLocalDateTime(localDateTime);
  if (wallMs === undefined) throw new LocalTimeError('invalid_local_date_time', `${localDateTime} is not a calendar date and time.`);
  const before = offsetAt(wallMs - DAY_MS, zone);
  const after = offsetAt(wallMs + DAY_MS, zone);
  const candidates = [...new Set([before, after, offsetAt(wallMs, zone)])]
    .map((offset) => wallMs - offset)
    .filter((instant) => wallClockMs(instant, zone) === wallMs)
    .sort((a, b) => a - b);
  const instants = [...new Set(candidates)];
  if (instants.length === 1) return instants[0]!;
  if (instants.length > 1) {
    if (disambiguation === 'reject') throw new LocalTimeError('ambiguous_local_time', `${localDateTime} happens twice in ${zone}.`);
    return disambiguation === 'later' ? instants[instants.length - 1]! : instants[0]!;
  }
  if (disambiguation === 'reject') throw new LocalTimeError('nonexistent_local_time', `${localDateTime} does not exist in ${zone}: the clocks skip it.`);
  // Gap: the wall time read with the offset in force before it lands after the jump, and vice versa.
  return disambiguation === 'earlier' ? wallMs - after : wallMs - before;
}

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/i;

/**
 * Whether an RFC 3339 instant's offset is the zone's offset at that instant. `Z` (and `-00:00`)
 * say the local offset is unknown (RFC 9557), so they agree with every zone.
 */
export function offsetAgrees(rfc3339: string, epochMs: number, zone: string): boolean {
  const suffix = OFFSET_SUFFIX.exec(rfc3339)?.[1];
  if (!suffix) return false;
  if (suffix.toUpperCase() === 'Z' || suffix === '-00:00') return true;
  const sign = suffix.startsWith('-') ? -1 : 1;
  const [hh, mm, ss = '0'] = suffix.slice(1).split(':');
  const stated = sign * ((Number(hh) * 60 + Number(mm)) * MINUTE_MS + Number(ss) * 1000);
  return Math.round(offsetAt(epochMs, zone) / MINUTE_MS) === Math.round(stated / MINUTE_MS);
}
