import * as z from 'zod';
import { defineRoute } from '../http/route-definition.ts';
import { dayOneExportSchema } from '../journal/day-one.ts';
import { entryChangeSchema, entryIdSchema, entrySchema, newEntrySchema } from '../journal/entry-schemas.ts';
import { pageLimitSchema } from './schemas.ts';

const journal = { area: 'journal', auth: 'user', tags: ['Journal'] } as const;
const entryParams = z.strictObject({ id: entryIdSchema });
const localDate = z.iso.date().meta({ description: 'A local date as the writer saw it (YYYY-MM-DD).' });

export const JOURNAL_PAGE = { max: 100, fallback: 20 } as const;

export const journalRoutes = {
  createEntry: defineRoute({
    ...journal,
    method: 'POST',
    path: '/api/v1/journal/entries',
    operationId: 'createJournalEntry',
    summary: 'Write an entry; its local date, time and offset are frozen as the writer saw them',
    description:
      'Send `occurredAt` (an instant with the zone\'s offset), or `localDateTime` (a wall time in `timeZone`; a time skipped or ' +
      'repeated by a clock change follows `disambiguation`), or neither for now.',
    request: { body: newEntrySchema, maxBodyBytes: 256 * 1024 },
    responses: { 201: { description: 'The entry; `Location` is its URL.', schema: entrySchema } },
    problems: {
      403: 'account_inactive: the account is not active.',
      409: 'entry_limit_reached: the journal is full; delete entries first.',
      422: 'offset_mismatch, nonexistent_local_time or ambiguous_local_time (with `reject`), or out_of_range (before 1900).',
    },
  }),
  listEntries: defineRoute({
    ...journal,
    method: 'GET',
    path: '/api/v1/journal/entries',
    operationId: 'listJournalEntries',
    summary: 'Your entries whose local date is within [from, to], newest first',
    description: 'Newest first by local date, then by occurredAt within a day. `from` and `to` are inclusive local dates, as stored on each entry.',
    request: {
      query: z.strictObject({
        from: localDate.optional(),
        to: localDate.optional(),
        tag: z.string().min(1).max(40).optional(),
        cursor: z.string().max(512).optional(),
        limit: pageLimitSchema(JOURNAL_PAGE.max, JOURNAL_PAGE.fallback),
      }),
    },
    responses: { 200: { description: 'One page of entries.', schema: z.object({ entries: z.array(entrySchema), nextCursor: z.string().optional() }) } },
  }),
  getEntry: defineRoute({
    ...journal,
    method: 'GET',
    path: '/api/v1/journal/entries/{id}',
    operationId: 'getJournalEntry',
    summary: 'One of your entries',
    request: { params: entryParams },
    responses: { 200: { description: 'The entry.', schema: entrySchema } },
    problems: { 404: 'entry_not_found: no such entry of yours.' },
  }),
  changeEntry: defineRoute({
    ...journal,
    method: 'PATCH',
    path: '/api/v1/journal/entries/{id}',
    operationId: 'changeJournalEntry',
    summary: 'Change the body, title or tags of one of your entries',
    description: 'The moment of an entry is part of its id and cannot be changed; write a new entry instead.',
    request: { params: entryParams, body: entryChangeSchema, maxBodyBytes: 256 * 1024 },
    responses: { 200: { description: 'The changed entry.', schema: entrySchema } },
    problems: { 404: 'entry_not_found: no such entry of yours.' },
  }),
  deleteEntry: defineRoute({
    ...journal,
    method: 'DELETE',
    path: '/api/v1/journal/entries/{id}',
    operationId: 'deleteJournalEntry',
    summary: 'Delete one of your entries',
    request: { params: entryParams },
    responses: { 204: { description: 'Deleted.' } },
    problems: { 404: 'entry_not_found: no such entry of yours.' },
  }),
  exportJournal: defineRoute({
    ...journal,
    method: 'GET',
    path: '/api/v1/journal/export',
    operationId: 'exportJournal',
    summary: 'Download the whole journal as a Day One JSON export',
    description: 'Sent as an attachment (`Content-Disposition`), oldest entry first; a title is the first line of `text`, as `# Title`.',
    responses: { 200: { description: 'The export file.', schema: dayOneExportSchema } },
    problems: { 409: 'export_too_large: over 5 MB, more than one response can carry.' },
  }),
};
