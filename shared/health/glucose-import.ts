import * as z from 'zod';
import { GLUCOSE_SOURCES, GLUCOSE_UNITS, type GlucoseSource, type GlucoseUnit } from './glucose-units.ts';

export const MAX_IMPORT_READINGS = 1000;

export interface ReadingInput {
  readonly value: number;
  readonly unit: GlucoseUnit;
  readonly measuredAt: string;
  readonly timeZone: string;
  readonly source: GlucoseSource;
  readonly device?: string;
  readonly note?: string;
}

// One schema per reading, so a bad item is reported by index instead of refusing the whole import.
export const readingInputSchema = z.strictObject({
  value: z.number().finite().positive(),
  unit: z.enum(GLUCOSE_UNITS),
  measuredAt: z.iso.datetime({ offset: true }),
  timeZone: z.string().min(1).max(64),
  source: z.enum(GLUCOSE_SOURCES),
  device: z.string().min(1).max(64).optional(),
  note: z.string().max(500).optional(),
});

// Nightscout `entries` (https://nightscout.github.io): sgv is mg/dL, date is epoch milliseconds.
// Extra fields Nightscout sends (_id, dateString, direction, noise, ...) are ignored, not refused.
const nightscoutEntrySchema = z.object({
  type: z.string(),
  sgv: z.number().finite(),
  date: z.number().int().min(946_684_800_000).max(4_102_444_800_000), // 2000-01-01 .. 2100-01-01
  device: z.string().min(1).max(64).optional(),
});

const reasonOf = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `invalid_${issue.path.join('.') || 'item'}` : 'invalid_item';
};

export const parseKindredReading = (raw: unknown): ReadingInput | string => {
  const parsed = readingInputSchema.safeParse(raw);
  return parsed.success ? parsed.data : reasonOf(parsed.error);
};

export const parseNightscoutEntry = (raw: unknown, timeZone: string): ReadingInput | string => {
  const parsed = nightscoutEntrySchema.safeParse(raw);
  if (!parsed.success) return reasonOf(parsed.error);
  if (parsed.data.type !== 'sgv') return 'not_sgv';
  return {
    value: parsed.data.sgv,
    unit: 'mg/dL',
    measuredAt: new Date(parsed.data.date).toISOString(),
    timeZone,
    source: 'cgm',
    device: parsed.data.device ?? 'nightscout',
  };
};
