import { InvalidRequestError } from '../errors/domain-errors.ts';
import { CgmAccumulator, isSufficient, type CgmMetrics } from './cgm-metrics.ts';
import type { GlucoseDeps } from './glucose-service.ts';

export const MAX_SUMMARY_DAYS = 90;
const DAY_MS = 86_400_000;
// No zone is more than 14 hours from UTC: readings of the asked local days lie inside this margin,
// and each reading's local date was frozen when it was written.
const ZONE_MARGIN_MS = 14 * 3_600_000;

interface HourBucket { hour: string; utcOffset: string; sum: number; readings: number }
interface DayBucket { date: string; sum: number; readings: number; cgmReadings: number; min: number; max: number; hours: Map<string, HourBucket> }

// The offset is implied by the frozen local time and the instant; it tells the two 01:00 hours
// of a fall-back day apart, so such a day has 25 hourly buckets and a spring-forward day 23.
const offsetOf = (localDate: string, localTime: string, measuredAt: string): string => {
  const minutes = Math.round((Date.parse(`${localDate}T${localTime}:00Z`) - Date.parse(measuredAt.slice(0, 16) + ':00Z')) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

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
      if (!day) byDay.set(r.localDate, (day = { date: r.localDate, sum: 0, readings: 0, cgmReadings: 0, min: r.mgPerDl, max: r.mgPerDl, hours: new Map() }));
      day.sum += r.mgPerDl;
      day.readings += 1;
      if (r.source === 'cgm') day.cgmReadings += 1;
      day.min = Math.min(day.min, r.mgPerDl);
      day.max = Math.max(day.max, r.mgPerDl);
      const hour = r.localTime.slice(0, 2);
      const utcOffset = offsetOf(r.localDate, r.localTime, r.measuredAt);
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
      // Instant order: the earlier 01:00 (summer offset) before the later one on a fall-back day.
      hourly: [...d.hours.values()]
        .sort((a, b) => Date.parse(`${d.date}T${a.hour}:00:00${a.utcOffset}`) - Date.parse(`${d.date}T${b.hour}:00:00${b.utcOffset}`))
        .map((h) => ({ hour: h.hour, utcOffset: h.utcOffset, mean: round1(h.sum / h.readings), readings: h.readings })),
    })),
    metrics,
    sufficient,
    percentagesAre: sufficient ? ('time in range' as const) : ('of readings' as const),
  };
}
