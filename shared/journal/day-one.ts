import * as z from 'zod';
import type { StoredEntry } from './entry-schemas.ts';

/*
 * Day One's JSON export, the format other journal apps read and write: `{metadata, entries[]}`,
 * each entry with a 32-hex `uuid`, `creationDate` (UTC), `timeZone`, Markdown `text` (a title as its
 * first line, `# Title`), `tags` and `photos`. Kindred's ids already have the uuid's shape.
 */
export const dayOneEntrySchema = z.object({
  uuid: z.string(),
  creationDate: z.iso.datetime(),
  modifiedDate: z.iso.datetime(),
  timeZone: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  starred: z.boolean(),
  photos: z.array(z.object({ identifier: z.string(), type: z.string() })),
});

export const dayOneExportSchema = z
  .object({ metadata: z.object({ version: z.literal('1.0') }), entries: z.array(dayOneEntrySchema) })
  .meta({ id: 'DayOneExport', description: 'A Day One JSON export of the whole journal, oldest first.' });

export type DayOneEntry = z.output<typeof dayOneEntrySchema>;

// Day One writes whole seconds; keep milliseconds only when there are some.
const dayOneDate = (iso: string) => iso.replace(/\.000Z$/, 'Z');

export function toDayOne(entry: StoredEntry): DayOneEntry {
  return {
    uuid: entry.id,
    creationDate: dayOneDate(entry.occurredAt),
    modifiedDate: dayOneDate(entry.updatedAt),
    timeZone: entry.timeZone,
    text: entry.title !== undefined ? `# ${entry.title}\n\n${entry.body}` : entry.body,
    tags: entry.tags,
    starred: false,
    photos: [],
  };
}

const TITLE_LINE = /^# (.+)\n\n([\s\S]+)$/;

/** A Day One entry as the body of `POST journal/entries`: the way back in. */
export function fromDayOne(entry: Pick<DayOneEntry, 'creationDate' | 'timeZone' | 'text' | 'tags'>) {
  const titled = TITLE_LINE.exec(entry.text);
  return {
    ...(titled ? { title: titled[1]!, body: titled[2]! } : { body: entry.text }),
    tags: entry.tags,
    timeZone: entry.timeZone,
    occurredAt: entry.creationDate,
  };
}
