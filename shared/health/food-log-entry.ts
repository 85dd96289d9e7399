import * as z from 'zod';
import { InvalidInputError } from '../errors/domain-errors.ts';
import { UNSAFE_TEXT } from '../routes/schemas.ts';
import { findFood, type FoodCategory } from './foods.ts';
import { giBand, glBand, glycemicLoad, type Band } from './glycemic.ts';
import { canonicalZone, localFieldsOf } from './local-time.ts';

// A food-log entry: what was eaten, how much, and when, with the food as it was at the time (a
// later change to the foods table never rewrites someone's history).

export const MIN_SERVINGS = 0.1;
export const MAX_SERVINGS = 20;
/** A person logs at most this many entries on one local day; a condition on the write holds it. */
export const MAX_ENTRIES_PER_DAY = 40;

const servings = z.number().min(MIN_SERVINGS).max(MAX_SERVINGS);
// Free text is shown back and exported: no control characters (but line breaks in a note) and no
// bidirectional overrides, which could make a CSV row or a name read as something else.
const note = z.string().trim().max(500).refine((text) => !UNSAFE_TEXT.test(text.replaceAll('\n', '')), 'No control characters or direction overrides.');
const timeZone = z.string().min(1).max(64);
const eatenAt = z.iso.datetime({ offset: true });

export const customFoodSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).refine((text) => !UNSAFE_TEXT.test(text), 'No control characters or direction overrides.'),
  gi: z.number().int().min(1).max(150).optional().meta({ description: 'Glycemic index (glucose = 100), when known.' }),
  availableCarbsPerServing: z.number().min(0).max(500),
  servingGrams: z.number().positive().max(5000).optional(),
});

export const foodLogInputSchema = z.union([
  z.strictObject({ foodId: z.string().regex(/^[a-z0-9-]{1,64}$/), servings, eatenAt, timeZone, note: note.optional() }),
  z.strictObject({ custom: customFoodSchema, servings, eatenAt, timeZone, note: note.optional() }),
]);
export type FoodLogInput = z.infer<typeof foodLogInputSchema>;

export const foodLogChangesSchema = z
  .strictObject({ servings: servings.optional(), note: note.nullable().optional(), eatenAt: eatenAt.optional(), timeZone: timeZone.optional() })
  .refine((c) => (c.eatenAt === undefined) === (c.timeZone === undefined), { message: '`eatenAt` and `timeZone` change together.', path: ['eatenAt'] })
  .refine((c) => Object.keys(c).length > 0, { message: 'Nothing to change.' });
export type FoodLogChanges = z.infer<typeof foodLogChangesSchema>;

export interface LoggedFood {
  readonly id: string | null; // the foods table's id; null for a custom food
  readonly name: string;
  readonly category: FoodCategory | null;
  readonly custom: boolean;
  readonly gi: number | null;
  readonly servingGrams: number | null;
  readonly availableCarbsPerServing: number;
}

/** What is stored; every derived figure (carbs, GL, bands) is computed again when read. */
export interface FoodLogRecord {
  readonly id: string;
  readonly food: LoggedFood;
  readonly servings: number;
  readonly eatenAt: string; // ISO instant, UTC, with milliseconds
  readonly timeZone: string;
  readonly localDate: string;
  readonly localTime: string;
  readonly note?: string;
}

export interface FoodLogEntry extends FoodLogRecord {
  readonly availableCarbs: number;
  readonly gi: number | null;
  readonly giBand: Band | null;
  readonly gl: number | null;
  readonly glBand: Band | null;
}


const round1 = (x: number) => Math.round(x * 10) / 10;

export const zoneOrThrow = (zone: string, field = 'body.timeZone'): string => {
  const canonical = canonicalZone(zone);
  if (!canonical) throw new InvalidInputError('unknown_time_zone', 'The time zone is not a known IANA zone.', [{ field, message: 'Unknown zone.' }]);
  return canonical;
};

export const foodOf = (input: FoodLogInput): LoggedFood => {
  if ('custom' in input) {
    const { name, gi, availableCarbsPerServing, servingGrams } = input.custom;
    return { id: null, name, category: null, custom: true, gi: gi ?? null, servingGrams: servingGrams ?? null, availableCarbsPerServing };
  }
  const food = findFood(input.foodId);
  if (!food) throw new InvalidInputError('unknown_food', 'No food of the table has this id.', [{ field: 'body.foodId', message: 'Unknown food.' }]);
  return { id: food.id, name: food.name, category: food.category, custom: false, gi: food.gi, servingGrams: food.servingGrams, availableCarbsPerServing: food.availableCarbsPerServing };
};

/** The instant normalised to UTC, the zone as sent (canonical) and the local date and time frozen now. */
export const timing = (instant: string, zone: string) => {
  const at = new Date(instant);
  const canonical = zoneOrThrow(zone);
  return { eatenAt: at.toISOString(), timeZone: canonical, ...localFieldsOf(at, canonical) };
};

// GL from the unrounded carbohydrate; shown to one decimal, and banded on what is shown. Fields
// are set one by one, in the documented order, whatever order the table returned them in.
export const withGlycemicFigures = (record: FoodLogRecord): FoodLogEntry => {
  const { food } = record;
  const carbs = food.availableCarbsPerServing * record.servings;
  const gl = glycemicLoad(food.gi, carbs);
  const shownGl = gl === null ? null : round1(gl);
  return {
    id: record.id,
    food: { id: food.id, name: food.name, category: food.category, custom: food.custom, gi: food.gi, servingGrams: food.servingGrams, availableCarbsPerServing: food.availableCarbsPerServing },
    servings: record.servings,
    availableCarbs: round1(carbs),
    gi: food.gi,
    giBand: giBand(food.gi),
    gl: shownGl,
    glBand: glBand(shownGl),
    eatenAt: record.eatenAt,
    timeZone: record.timeZone,
    localDate: record.localDate,
    localTime: record.localTime,
    ...(record.note !== undefined ? { note: record.note } : {}),
  };
};
