import * as z from 'zod';
import { defineRoute } from '../http/route-definition.ts';
import { MAX_ENTRIES_PER_DAY, foodLogChangesSchema, foodLogInputSchema } from '../health/food-log-entry.ts';
import { FOOD_CATEGORIES, FOOD_SEARCH_MAX_LIMIT, FOOD_SEARCH_MAX_QUERY } from '../health/foods.ts';
import { MAX_IMPORT_READINGS, readingInputSchema } from '../health/glucose-import.ts';
import { GLUCOSE_SOURCES, GLUCOSE_UNITS } from '../health/glucose-units.ts';
import { EXPORT_KINDS } from '../health/wellness-export.ts';

// Foods are reference data, but served to signed-in people only: the whole health area sits behind
// a session, and the catalogue is part of the product rather than a public API.
const health = { area: 'health', auth: 'user', tags: ['Health'] } as const;

const foodSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.enum(FOOD_CATEGORIES),
    gi: z.number().nullable().meta({ description: 'Glycemic index (glucose = 100); null when not measurable (negligible available carbohydrate).' }),
    giBand: z.enum(['low', 'medium', 'high']).nullable(),
    servingGrams: z.number(),
    availableCarbsPerServing: z.number(),
    glPerServing: z.number().nullable().meta({ description: 'GI x available carbohydrate / 100; null when the GI is null.' }),
    glBand: z.enum(['low', 'medium', 'high']).nullable(),
    source: z.string().meta({ description: 'The table and entry the GI comes from, or why there is none.' }),
  })
  .meta({ id: 'Food' });

export const healthRoutes = {
  searchFoods: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/foods',
    operationId: 'searchFoods',
    summary: 'Search the foods table by name and category',
    description: 'Every word of `q` must start a word of the name; case and accents are ignored.',
    request: {
      query: z.strictObject({
        q: z.string().max(FOOD_SEARCH_MAX_QUERY).optional(),
        category: z.enum(FOOD_CATEGORIES).optional(),
        limit: z.coerce.number().int().min(1).max(FOOD_SEARCH_MAX_LIMIT).optional(),
      }),
    },
    responses: { 200: { description: 'Matching foods, in table order.', schema: z.object({ foods: z.array(foodSchema) }) } },
  }),
  getFood: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/foods/{id}',
    operationId: 'getFood',
    summary: 'One food of the table, by its stable id',
    request: { params: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) }) },
    responses: { 200: { description: 'The food.', schema: foodSchema } },
  }),
};

const readingSchema = z
  .object({
    mgPerDl: z.number().int().meta({ description: 'Canonical value, integer mg/dL (mmol/L x 18.0156, rounded).' }),
    entered: z.object({ value: z.number(), unit: z.enum(GLUCOSE_UNITS) }),
    measuredAt: z.iso.datetime(),
    timeZone: z.string(),
    localDate: z.string(),
    localTime: z.string(),
    source: z.enum(GLUCOSE_SOURCES),
    device: z.string(),
    note: z.string().optional(),
  })
  .meta({ id: 'GlucoseReading' });

const importItems = z.array(z.unknown()).min(1).max(MAX_IMPORT_READINGS);

export const glucoseRoutes = {
  recordReading: defineRoute({
    ...health,
    method: 'POST',
    path: '/api/v1/glucose/readings',
    operationId: 'recordGlucoseReading',
    summary: 'Record one glucose reading',
    description: 'Accepted range 20-600 mg/dL (1.1-33.3 mmol/L); outside it answers 422 `out_of_range`.',
    request: { body: readingInputSchema },
    responses: {
      201: { description: 'The stored reading, with its local date and time frozen.', schema: readingSchema },
    },
    problems: {
      403: 'The account is not active.',
      409: 'The same reading (source, device, instant) is already stored.',
      422: 'out_of_range, or an unknown time zone.',
    },
  }),
  importReadings: defineRoute({
    ...health,
    method: 'POST',
    path: '/api/v1/glucose/readings/import',
    operationId: 'importGlucoseReadings',
    summary: 'Import up to 1,000 readings, in Kindred\'s shape or as Nightscout entries',
    description:
      'Send `{timeZone, readings: [...]}` or `{timeZone, entries: [...]}` (Nightscout `sgv` entries). Idempotent: a reading ' +
      'already stored (same source, device and instant) counts as a duplicate. Bad items are listed by index with a reason.',
    request: {
      body: z.union([
        z.strictObject({ timeZone: z.string().min(1).max(64), readings: importItems }),
        z.strictObject({ timeZone: z.string().min(1).max(64), entries: importItems }),
      ]),
      maxBodyBytes: 400 * 1024,
    },
    responses: {
      200: {
        description: 'What was stored, what was already there, and what was refused and why.',
        schema: z.object({ imported: z.number().int(), duplicates: z.number().int(), rejected: z.array(z.object({ index: z.number().int(), reason: z.string() })) }),
      },
    },
    problems: { 403: 'The account is not active.', 422: 'Unknown time zone.' },
  }),
  listReadings: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/glucose/readings',
    operationId: 'listGlucoseReadings',
    summary: 'Your readings from `from` (inclusive) to `to` (exclusive), oldest first, 500 a page',
    request: {
      query: z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), cursor: z.string().max(512).optional() }),
    },
    responses: {
      200: { description: 'One page of readings.', schema: z.object({ readings: z.array(readingSchema), nextCursor: z.string().optional() }) },
    },
  }),
};

const localDate = z.iso.date();
const percent = z.number();

export const glucoseSummaryRoutes = {
  glucoseSummary: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/glucose/summary',
    operationId: 'summarizeGlucose',
    summary: 'Per local day and hour, and the consensus CGM metrics over the range (at most 90 days)',
    description:
      'Days are the local dates frozen when each reading was written. Metrics follow Battelino et al., Diabetes Care 2019; ' +
      '`sufficient` needs 14 days with at least 70% of 288 CGM readings; otherwise percentages are "of readings".',
    request: { query: z.strictObject({ from: localDate, to: localDate }) },
    responses: {
      200: {
        description: 'The summary.',
        schema: z.object({
          from: localDate,
          to: localDate,
          days: z.array(z.object({
            date: localDate, readings: z.number().int(), mean: z.number(), min: z.number().int(), max: z.number().int(),
            hourly: z.array(z.object({ hour: z.string(), utcOffset: z.string(), mean: z.number().nullable(), readings: z.number().int() }))
              .meta({ description: 'Every local hour of the day in the zone of its readings (23 or 25 on a DST day); an hour without readings has mean null.' }),
          })),
          metrics: z.object({
            readings: z.number().int(), inRangePct: percent, below70Pct: percent, below54Pct: percent, above180Pct: percent,
            above250Pct: percent, mean: z.number(), gmiPct: percent, cvPct: percent,
          }).nullable(),
          sufficient: z.boolean(),
          percentagesAre: z.enum(['time in range', 'of readings']),
        }),
      },
    },
  }),
};

const band = z.enum(['low', 'medium', 'high']);
const entryId = z.strictObject({ id: z.uuid() });

const foodLogEntrySchema = z
  .object({
    id: z.string(),
    food: z.object({
      id: z.string().nullable().meta({ description: 'The foods table id; null for a custom food.' }),
      name: z.string(),
      category: z.enum(FOOD_CATEGORIES).nullable(),
      custom: z.boolean(),
      gi: z.number().nullable(),
      servingGrams: z.number().nullable(),
      availableCarbsPerServing: z.number(),
    }),
    servings: z.number(),
    availableCarbs: z.number().meta({ description: 'Grams: servings x available carbohydrate per serving, one decimal.' }),
    gi: z.number().nullable(),
    giBand: band.nullable(),
    gl: z.number().nullable().meta({ description: 'GI x available carbohydrate / 100, one decimal; null when the GI is unknown.' }),
    glBand: band.nullable(),
    eatenAt: z.iso.datetime(),
    timeZone: z.string(),
    localDate: localDate,
    localTime: z.string(),
    note: z.string().optional(),
  })
  .meta({ id: 'FoodLogEntry' });

export const foodLogRoutes = {
  logFood: defineRoute({
    ...health,
    method: 'POST',
    path: '/api/v1/food-log',
    operationId: 'logFood',
    summary: 'Log a food of the table, or a custom food, eaten at an instant in a zone',
    description: `\`servings\` 0.1-20; at most ${MAX_ENTRIES_PER_DAY} entries a local day.`,
    request: { body: foodLogInputSchema },
    responses: { 201: { description: 'The entry, with its GI, GL and bands and its local date and time frozen.', schema: foodLogEntrySchema } },
    problems: {
      403: 'account_inactive: the account is not active.',
      409: `food_log_day_full: the local day already holds ${MAX_ENTRIES_PER_DAY} entries.`,
      422: 'unknown_food, or unknown_time_zone.',
    },
  }),
  listFoodLog: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/food-log',
    operationId: 'listFoodLog',
    summary: 'Your entries of a local date, or of local dates `from`..`to` (inclusive, at most 90 days), 200 a page',
    request: {
      query: z.strictObject({ date: localDate.optional(), from: localDate.optional(), to: localDate.optional(), cursor: z.string().max(512).optional() }),
    },
    responses: { 200: { description: 'One page of entries, by local day then instant.', schema: z.object({ entries: z.array(foodLogEntrySchema), nextCursor: z.string().optional() }) } },
  }),
  changeFoodLogEntry: defineRoute({
    ...health,
    method: 'PATCH',
    path: '/api/v1/food-log/{id}',
    operationId: 'changeFoodLogEntry',
    summary: 'Change servings, note (null removes it) or the time (`eatenAt` with `timeZone`, which re-freezes the local date and time)',
    request: { params: entryId, body: foodLogChangesSchema },
    responses: { 200: { description: 'The entry as it is now.', schema: foodLogEntrySchema } },
    problems: {
      403: 'account_inactive: the account is not active.',
      404: 'food_log_entry_not_found: no entry of yours has this id.',
      409: 'food_log_day_full (the new local day is full), or edit_conflict.',
      422: 'unknown_time_zone.',
    },
  }),
  deleteFoodLogEntry: defineRoute({
    ...health,
    method: 'DELETE',
    path: '/api/v1/food-log/{id}',
    operationId: 'deleteFoodLogEntry',
    summary: 'Delete an entry of your food log',
    request: { params: entryId },
    responses: { 204: { description: 'Deleted.' } },
    problems: { 404: 'food_log_entry_not_found: no entry of yours has this id.' },
  }),
  foodLogSummary: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/food-log/summary',
    operationId: 'summarizeFoodLog',
    summary: 'Per local day: entries, carbohydrate, total GL and its daily band, carb-weighted GI (at most 90 days)',
    description:
      'Days without entries are left out. `totalGl` sums the entries that have a GI (`entriesWithoutGi` counts the others); ' +
      'its band is the daily one (low <= 80, medium 81-119, high >= 120). `highGlEntries` counts entries whose own GL is >= 20.',
    request: { query: z.strictObject({ from: localDate, to: localDate }) },
    responses: {
      200: {
        description: 'The summary.',
        schema: z.object({
          from: localDate,
          to: localDate,
          days: z.array(z.object({
            date: localDate, entries: z.number().int(), totalAvailableCarbs: z.number(), totalGl: z.number().nullable(), glBand: band.nullable(),
            carbWeightedGi: z.number().nullable(), highGlEntries: z.number().int(), entriesWithoutGi: z.number().int(),
          })),
        }),
      },
    },
  }),
};

export const wellnessExportRoutes = {
  exportWellness: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/wellness/export',
    operationId: 'exportWellness',
    summary: 'Your food log or glucose readings of local dates `from`..`to` (at most 90 days) as one CSV file',
    description:
      'One file per `kind`, each with one header row (RFC 4180, CRLF). Text cells that a spreadsheet would run as a formula ' +
      '(starting with = + - @, tab or CR) are prefixed with an apostrophe.',
    request: { query: z.strictObject({ kind: z.enum(EXPORT_KINDS), from: localDate, to: localDate }) },
    responses: { 200: { description: 'The CSV file, as an attachment.', contentType: 'text/csv' } },
  }),
};
