import { withGlycemicFigures } from './food-log-entry.ts';
import type { FoodLogDeps } from './food-log-service.ts';
import { dailyGlBand, type Band } from './glycemic.ts';
import { checkedRange } from './local-dates.ts';

export const MAX_FOOD_SUMMARY_DAYS = 90;

export interface FoodLogDay {
  readonly date: string;
  readonly entries: number;
  readonly totalAvailableCarbs: number;
  /** Sum of the entries' GL; entries without a GI (no GL) add nothing and are counted apart. */
  readonly totalGl: number | null;
  readonly glBand: Band | null;
  /** Sum(GI x carbs) / Sum(carbs) over the entries with a GI: the day's GI, weighted by carbohydrate. */
  readonly carbWeightedGi: number | null;
  readonly highGlEntries: number;
  readonly entriesWithoutGi: number;
}

interface DayTotals { entries: number; carbs: number; gl: number; carbsWithGi: number; withGi: number; highGl: number }

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Per local day (the date frozen when each entry was written), from one paged Query over the
 * range's sort keys. Figures are summed unrounded and rounded once, so a day's total GL is not
 * the sum of the rounded figures shown per entry (they differ by at most 0.05 an entry).
 */
export async function summarizeFoodLog(deps: FoodLogDeps, userId: string, fromDate: string, toDate: string) {
  const { from, to } = checkedRange(fromDate, toDate, MAX_FOOD_SUMMARY_DAYS);
  const byDay = new Map<string, DayTotals>();
  for await (const page of deps.foodLog.all(userId, from, to)) {
    for (const record of page) {
      const day = byDay.get(record.localDate) ?? { entries: 0, carbs: 0, gl: 0, carbsWithGi: 0, withGi: 0, highGl: 0 };
      const carbs = record.food.availableCarbsPerServing * record.servings;
      day.entries += 1;
      day.carbs += carbs;
      if (record.food.gi !== null) {
        day.withGi += 1;
        day.carbsWithGi += carbs;
        day.gl += (record.food.gi * carbs) / 100;
      }
      if (withGlycemicFigures(record).glBand === 'high') day.highGl += 1;
      byDay.set(record.localDate, day);
    }
  }
  const days: FoodLogDay[] = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, d]) => {
      const totalGl = d.withGi > 0 ? round1(d.gl) : null;
      return {
        date,
        entries: d.entries,
        totalAvailableCarbs: round1(d.carbs),
        totalGl,
        glBand: dailyGlBand(totalGl),
        carbWeightedGi: d.carbsWithGi > 0 ? round1((d.gl * 100) / d.carbsWithGi) : null,
        highGlEntries: d.highGl,
        entriesWithoutGi: d.entries - d.withGi,
      };
    });
  return { from, to, days };
}
