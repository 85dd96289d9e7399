import { toCsv, type CsvCell } from './csv.ts';
import { withGlycemicFigures } from './food-log-entry.ts';
import type { FoodLogRepository } from './food-log-repository.ts';
import type { GlucoseRepository } from './glucose-repository.ts';
import { checkedRange } from './local-dates.ts';

/*
 * The wellness export a person takes to their clinician: one CSV per kind (`food-log` or
 * `glucose`), so each file has one header and opens as a plain table in any spreadsheet; a zip of
 * both would need a dependency and is one more thing to unpack. Rows are in local-day order,
 * columns hold the figures as stored (canonical mg/dL beside what was entered). Free text (food
 * names, notes, devices) goes through csv.ts, which neutralizes spreadsheet formulas.
 */
export const EXPORT_KINDS = ['food-log', 'glucose'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
// 90 days of a 5-minute CGM is about 2.5 MB of CSV, well inside a Lambda response (6 MB).
export const MAX_EXPORT_DAYS = 90;

const DAY_MS = 86_400_000;
const ZONE_MARGIN_MS = 14 * 3_600_000; // no zone is further than 14 hours from UTC
const READINGS_PAGE = 1000;

export interface ExportDeps {
  readonly foodLog: FoodLogRepository;
  readonly readings: GlucoseRepository;
}

const FOOD_HEADER = ['local_date', 'local_time', 'time_zone', 'eaten_at_utc', 'food', 'food_id', 'custom', 'servings', 'available_carbs_g', 'gi', 'gi_band', 'gl', 'gl_band', 'note'];
const GLUCOSE_HEADER = ['local_date', 'local_time', 'time_zone', 'measured_at_utc', 'mg_dl', 'entered_value', 'entered_unit', 'source', 'device', 'note'];

async function foodRows(deps: ExportDeps, userId: string, from: string, to: string): Promise<CsvCell[][]> {
  const rows: CsvCell[][] = [];
  for await (const page of deps.foodLog.all(userId, from, to)) {
    for (const e of page.map(withGlycemicFigures)) {
      rows.push([e.localDate, e.localTime, e.timeZone, e.eatenAt, e.food.name, e.food.id, e.food.custom ? 'yes' : 'no', e.servings, e.availableCarbs, e.gi, e.giBand, e.gl, e.glBand, e.note ?? null]);
    }
  }
  return rows;
}

async function glucoseRows(deps: ExportDeps, userId: string, from: string, to: string): Promise<CsvCell[][]> {
  const rows: CsvCell[][] = [];
  const fromIso = new Date(Date.parse(`${from}T00:00:00Z`) - ZONE_MARGIN_MS).toISOString();
  const toIso = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS + ZONE_MARGIN_MS).toISOString();
  let after: string | undefined;
  do {
    const page = await deps.readings.page(userId, fromIso, toIso, READINGS_PAGE, after);
    for (const r of page.readings) {
      // The Query reaches 14 hours past each end; the local date frozen at write time decides.
      if (r.localDate < from || r.localDate > to) continue;
      rows.push([r.localDate, r.localTime, r.timeZone, r.measuredAt, r.mgPerDl, r.entered.value, r.entered.unit, r.source, r.device, r.note ?? null]);
    }
    after = page.last;
  } while (after);
  // Instant order within the Query; local-day order is what a reader expects.
  return rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[3]).localeCompare(String(b[3])));
}

export async function exportWellness(deps: ExportDeps, userId: string, kind: ExportKind, fromDate: string, toDate: string): Promise<{ filename: string; csv: string }> {
  const { from, to } = checkedRange(fromDate, toDate, MAX_EXPORT_DAYS);
  const csv = kind === 'food-log'
    ? toCsv(FOOD_HEADER, await foodRows(deps, userId, from, to))
    : toCsv(GLUCOSE_HEADER, await glucoseRows(deps, userId, from, to));
  return { filename: `kindred-${kind}-${from}-to-${to}.csv`, csv };
}
