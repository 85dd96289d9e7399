// The little zone handling the glucose log needs until the shared zoned-time core (journal branch)
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
