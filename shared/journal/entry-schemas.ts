import * as z from 'zod';
import { DISAMBIGUATIONS, parseLocalDateTime, resolveZone } from '../time/zoned-time.ts';

/** Limits of one entry, counted in Unicode characters (code points), not UTF-16 units. */
export const ENTRY_LIMITS = { body: 20_000, title: 200, tags: 20, tag: 40 } as const;

// Control characters and bidirectional overrides and isolates; the body may keep its line breaks.
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const characters = (text: string) => [...text].length;

const bodySchema = z
  .string()
  .transform((body) => body.replace(/\r\n?/g, '\n'))
  .refine((body) => characters(body.trim()) >= 1, 'Write something.')
  .refine((body) => characters(body) <= ENTRY_LIMITS.body, `Use at most ${ENTRY_LIMITS.body} characters.`)
  .refine((body) => !UNSAFE.test(body.replaceAll('\n', '')), 'Control characters (other than line breaks) and bidi overrides are not allowed.')
  .meta({ description: `1 to ${ENTRY_LIMITS.body} characters; line breaks allowed.` });

const titleSchema = z
  .string()
  .trim()
  .min(1)
  .refine((title) => characters(title) <= ENTRY_LIMITS.title, `Use at most ${ENTRY_LIMITS.title} characters.`)
  .refine((title) => !UNSAFE.test(title), 'Control characters and bidi overrides are not allowed.');

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .refine((tag) => characters(tag) <= ENTRY_LIMITS.tag, `Use at most ${ENTRY_LIMITS.tag} characters.`)
  .refine((tag) => !UNSAFE.test(tag), 'Control characters and bidi overrides are not allowed.');

const tagsSchema = z
  .array(tagSchema)
  .max(ENTRY_LIMITS.tags)
  .transform((tags) => [...new Set(tags)])
  .meta({ description: `At most ${ENTRY_LIMITS.tags} tags of 1 to ${ENTRY_LIMITS.tag} characters; repeats are kept once.` });

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => resolveZone(zone) !== undefined, 'Use an IANA time zone name such as America/New_York; offsets like +05:30 are not zones.')
  .meta({ example: 'America/New_York', description: 'An IANA zone name as browsers report it; case-insensitive, aliases accepted.' });

export const localDateTimeSchema = z
  .string()
  .max(32)
  .refine((text) => parseLocalDateTime(text) !== undefined, 'Use a local date and time without offset, e.g. 2026-03-08T02:30:00.')
  .meta({ example: '2026-03-08T09:15:00' });

export const newEntrySchema = z
  .strictObject({
    body: bodySchema,
    title: titleSchema.optional(),
    tags: tagsSchema.optional(),
    timeZone: timeZoneSchema,
    occurredAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'An RFC 3339 instant; its offset must be the zone\'s at that instant (`Z` always agrees).' }),
    localDateTime: localDateTimeSchema.optional(),
    disambiguation: z.enum(DISAMBIGUATIONS).optional().meta({ description: 'For a localDateTime in a gap or an overlap; `compatible` when left out.' }),
  })
  .refine((entry) => entry.occurredAt === undefined || entry.localDateTime === undefined, {
    message: 'Send occurredAt or localDateTime, not both.',
    path: ['localDateTime'],
  })
  .refine((entry) => entry.disambiguation === undefined || entry.localDateTime !== undefined, {
    message: 'disambiguation applies to localDateTime only.',
    path: ['disambiguation'],
  })
  .meta({ id: 'NewJournalEntry' });

export type NewEntry = z.output<typeof newEntrySchema>;

export const entryChangeSchema = z
  .strictObject({
    body: bodySchema.optional(),
    title: titleSchema.nullable().optional().meta({ description: 'null removes the title.' }),
    tags: tagsSchema.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'Change at least one of body, title, tags.')
  .meta({ id: 'JournalEntryChange' });

export type EntryChange = z.output<typeof entryChangeSchema>;

/** The id of an entry: 32 uppercase hex digits, like a Day One uuid (see entry-id.ts). */
export const entryIdSchema = z.string().regex(/^[0-9A-F]{32}$/, 'Not an entry id.');

const storedEntryShape = z
  .object({
    id: entryIdSchema,
    title: z.string().optional(),
    body: z.string(),
    tags: z.array(z.string()),
    occurredAt: z.iso.datetime().meta({ description: 'The instant, UTC, milliseconds.' }),
    timeZone: z.string().meta({ description: 'The zone as the writer sent it.' }),
    utcOffset: z.string().meta({ example: '+05:30', description: 'The zone\'s offset at occurredAt, frozen when written.' }),
    localDateTime: z.string().meta({ example: '2026-03-08T09:15:00', description: 'The writer\'s wall clock, frozen when written.' }),
    localDate: z.iso.date().meta({ description: 'The writer\'s local date, frozen when written; listings filter on it.' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  });

/** An entry as stored: its picture follows from its id, so it is not stored. */
export type StoredEntry = z.output<typeof storedEntryShape>;

export const entryImageSchema = z
  .object({
    kind: z.literal('default'),
    picture: z.string().meta({ example: 'teacup-07', description: 'Which default picture: the same for the same entry, always.' }),
    urls: z.object({ medium: z.url() }).meta({ description: 'A short-lived URL of the 640 px WebP picture.' }),
  })
  .meta({ id: 'JournalEntryImage', description: 'What to show with the entry: a default picture chosen from its id.' });

export const entrySchema = storedEntryShape.extend({ image: entryImageSchema }).meta({ id: 'JournalEntry' });

export type Entry = z.output<typeof entrySchema>;
