// The little zone handling the wellness log needs until the shared zoned-time core (journal branch)
// lands: validate a zone and freeze the local date and time of an instant. Intl carries the tz
// database, so no dependency is needed.

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The canonical IANA name of a zone, or undefined when Intl does not know it. */
export const canonicalZone = (timeZone: string): string | undefined => {
  if (timeZone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

export interface LocalFields {
  readonly localDate: string; // YYYY-MM-DD
  readonly localTime: string; // HH:mm
}

export const localFieldsOf = (instant: Date, timeZone: string): LocalFields => {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { localDate: `${parts.year}-${parts.month}-${parts.day}`, localTime: `${parts.hour}:${parts.minute}` };
};

/** The UTC offset (`+01:00`) an instant has in the zone, read from its frozen local date and time. */
export const utcOffsetOf = (localDate: string, localTime: string, instant: string): string => {
  const minutes = Math.round((Date.parse(`${localDate}T${localTime}:00Z`) - Date.parse(instant.slice(0, 16) + ':00Z')) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

const QUARTER_HOUR_MS = 900_000;

/**
 * Every local hour of a local date in a zone, in instant order, each with its UTC offset: 24 on
 * most days, 23 on a spring-forward day, 25 on a fall-back day (both 01:00s, told apart by offset).
 * Walks the day a quarter hour at a time (offsets and transitions fall on quarter hours) from a
 * little before its local midnight.
 */
export const localHoursOf = (localDate: string, timeZone: string): Array<{ hour: string; utcOffset: string }> => {
  const noon = Date.parse(`${localDate}T12:00:00Z`);
  const noonLocal = localFieldsOf(new Date(noon), timeZone);
  const offsetMs = Date.parse(`${noonLocal.localDate}T${noonLocal.localTime}:00Z`) - noon;
  // Most days have no transition: local midnight to local midnight is 24 hours at the noon offset.
  const midnight = Date.parse(`${localDate}T00:00:00Z`) - offsetMs;
  const start = localFieldsOf(new Date(midnight), timeZone);
  const end = localFieldsOf(new Date(midnight + 86_400_000), timeZone);
  if (start.localDate === localDate && start.localTime === '00:00' && end.localDate > localDate && end.localTime === '00:00') {
    const utcOffset = utcOffsetOf(noonLocal.localDate, noonLocal.localTime, new Date(noon).toISOString());
    return Array.from({ length: 24 }, (_, h) => ({ hour: String(h).padStart(2, '0'), utcOffset }));
  }
  const hours: Array<{ hour: string; utcOffset: string }> = [];
  const seen = new Set<string>();
  for (let t = Date.parse(`${localDate}T00:00:00Z`) - offsetMs - 3 * 3_600_000; ; t += QUARTER_HOUR_MS) {
    const local = localFieldsOf(new Date(t), timeZone);
    if (local.localDate > localDate) break;
    if (local.localDate < localDate) continue;
    const hour = local.localTime.slice(0, 2);
    const utcOffset = utcOffsetOf(local.localDate, local.localTime, new Date(t).toISOString());
    if (!seen.has(`${hour}${utcOffset}`)) {
      seen.add(`${hour}${utcOffset}`);
      hours.push({ hour, utcOffset });
    }
  }
  return hours;
};
