import { InvalidRequestError } from '../errors/domain-errors.ts';
import { CgmAccumulator, isSufficient, type CgmMetrics } from './cgm-metrics.ts';
import type { GlucoseDeps } from './glucose-service.ts';
import { localHoursOf, utcOffsetOf } from './local-time.ts';

export const MAX_SUMMARY_DAYS = 90;
const DAY_MS = 86_400_000;
// No zone is more than 14 hours from UTC: readings of the asked local days lie inside this margin,
// and each reading's local date was frozen when it was written.
const ZONE_MARGIN_MS = 14 * 3_600_000;

interface HourBucket { hour: string; utcOffset: string; sum: number; readings: number }
interface DayBucket { date: string; timeZone: string; sum: number; readings: number; cgmReadings: number; min: number; max: number; hours: Map<string, HourBucket> }

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function summarizeGlucose(deps: GlucoseDeps, userId: string, from: string, to: string) {
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  const days = (toMs - fromMs) / DAY_MS + 1;
  if (!(days >= 1)) throw new InvalidRequestError('invalid_range', '`from` must not be after `to`.');
  if (days > MAX_SUMMARY_DAYS) throw new InvalidRequestError('range_too_long', `At most ${MAX_SUMMARY_DAYS} days at once.`);

  const byDay = new Map<string, DayBucket>();
  const whole = new CgmAccumulator();
  const pages = deps.readings.forSummary(userId, new Date(fromMs - ZONE_MARGIN_MS).toISOString(), new Date(toMs + DAY_MS + ZONE_MARGIN_MS).toISOString());
  for await (const page of pages) {
    for (const r of page) {
      if (r.localDate < from || r.localDate > to) continue;
      whole.add(r.mgPerDl);
      let day = byDay.get(r.localDate);
      if (!day) byDay.set(r.localDate, (day = { date: r.localDate, timeZone: r.timeZone, sum: 0, readings: 0, cgmReadings: 0, min: r.mgPerDl, max: r.mgPerDl, hours: new Map() }));
      day.sum += r.mgPerDl;
      day.readings += 1;
      if (r.source === 'cgm') day.cgmReadings += 1;
      day.min = Math.min(day.min, r.mgPerDl);
      day.max = Math.max(day.max, r.mgPerDl);
      const hour = r.localTime.slice(0, 2);
      const utcOffset = utcOffsetOf(r.localDate, r.localTime, r.measuredAt);
      const key = `${hour}${utcOffset}`;
      const bucket = day.hours.get(key) ?? { hour, utcOffset, sum: 0, readings: 0 };
      bucket.sum += r.mgPerDl;
      bucket.readings += 1;
      day.hours.set(key, bucket);
    }
  }
  const dayList = [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date));
  const metrics: CgmMetrics | null = whole.result();
  const sufficient = isSufficient(dayList.map((d) => d.cgmReadings));
  return {
    from,
    to,
    days: dayList.map((d) => ({
      date: d.date,
      readings: d.readings,
      mean: round1(d.sum / d.readings),
      min: d.min,
      max: d.max,
      hourly: hourlyOf(d),
    })),
    metrics,
    sufficient,
    percentagesAre: sufficient ? ('time in range' as const) : ('of readings' as const),
  };
}

/**
 * Every local hour of the day in the zone of its first reading (24, or 23/25 on a DST day), empty
 * ones with 0 readings and mean null; a reading logged in another zone that day (travel) keeps its
 * own hour and offset. Instant order: the earlier 01:00 (summer offset) before the later one on a
 * fall-back day.
 */
const hourlyOf = (day: DayBucket) => {
  const hours = new Map(localHoursOf(day.date, day.timeZone).map(({ hour, utcOffset }) => [`${hour}${utcOffset}`, { hour, utcOffset, sum: 0, readings: 0 }]));
  for (const [key, bucket] of day.hours) hours.set(key, bucket);
  const instantOf = (h: HourBucket) => Date.parse(`${day.date}T${h.hour}:00:00${h.utcOffset}`);
  return [...hours.values()]
    .sort((a, b) => instantOf(a) - instantOf(b))
    .map((h) => ({ hour: h.hour, utcOffset: h.utcOffset, mean: h.readings > 0 ? round1(h.sum / h.readings) : null, readings: h.readings }));
};
