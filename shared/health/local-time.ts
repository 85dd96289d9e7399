// The glucose log's view of the shared zoned-time core: a zone's canonical name, and the local date
// and minute of an instant as the reader saw them.
import { localFieldsAt, resolveZone } from '../time/zoned-time.ts';

/** The canonical IANA name of a zone, or undefined when Intl does not know it (or it is a bare offset). */
export const canonicalZone = (timeZone: string): string | undefined => resolveZone(timeZone);

export interface LocalFields {
  readonly localDate: string; // YYYY-MM-DD
  readonly localTime: string; // HH:mm
}

export const localFieldsOf = (instant: Date, timeZone: string): LocalFields => {
  const { localDate, localDateTime } = localFieldsAt(instant.getTime(), timeZone);
  return { localDate, localTime: localDateTime.slice(11, 16) };
};
