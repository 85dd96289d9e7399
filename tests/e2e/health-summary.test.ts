import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('health-summary', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);
let ada: SignedInPerson;

// Eight values repeated: 4,032 readings (14 days x 288) hold each one 504 times, so the metrics are
// the eight values' own. Hand-computed: below 54: 50 -> 12.5%; below 70: 50, 60 -> 25%;
// 70-180: 100, 120, 150, 180 -> 50%; above 180: 200, 260 -> 25%; above 250: 260 -> 12.5%;
// mean 1120 / 8 = 140; GMI 3.31 + 0.02392 x 140 = 6.6588%; squared deviations 36,200 / 8 = 4525,
// SD 67.27, CV 48.05%.
const PATTERN = [50, 60, 100, 150, 180, 200, 260, 120];
const START = Date.parse('2026-04-01T00:00:00Z');
const cgm = (count: number, start: number, sgv: (i: number) => number) =>
  Array.from({ length: count }, (_, i) => ({ type: 'sgv', sgv: sgv(i), date: start + i * 300_000, direction: 'Flat', device: 'G7' }));

type Summary = { days: Array<{ date: string; readings: number; hourly: Array<{ hour: string; utcOffset: string; readings: number; mean: number | null }> }>; metrics: Record<string, number>; sufficient: boolean; percentagesAre: string };
const summary = (from: string, to: string) => api().get<Summary>(`/api/v1/glucose/summary?from=${from}&to=${to}`, ada.accessToken);

beforeAll(async () => {
  ada = await signedInPerson(twin(), 'cgm@example.com');
  const all = cgm(14 * 288, START, (i) => PATTERN[i % PATTERN.length]!);
  for (let start = 0; start < all.length; start += 1000) {
    // The last batch repeats 100 readings already sent: they are duplicates, not new readings.
    const batch = start + 1000 >= all.length ? [...all.slice(start), ...all.slice(0, 100)] : all.slice(start, start + 1000);
    const result = await api().post<{ imported: number; duplicates: number }>('/api/v1/glucose/readings/import', { timeZone: 'UTC', entries: batch }, ada.accessToken);
    expect(result.status).toBe(200);
  }
}, 180_000);

describe('glucose summary', () => {
  it('gives the consensus metrics of a hand-computed fixture over 14 sufficient days', async () => {
    const response = await summary('2026-04-01', '2026-04-14');
    expect(response.status).toBe(200);
    expect(response.body.metrics).toEqual({
      readings: 4032, inRangePct: 50, below70Pct: 25, below54Pct: 12.5, above180Pct: 25, above250Pct: 12.5, mean: 140, gmiPct: 6.7, cvPct: 48,
    });
    expect(response.body.sufficient).toBe(true);
    expect(response.body.percentagesAre).toBe('time in range');
    expect(response.body.days).toHaveLength(14);
    expect(response.body.days.every((d) => d.readings === 288 && d.hourly.length === 24)).toBe(true);
  }, 60_000);

  it('calls 3 days insufficient and labels the percentages "of readings"', async () => {
    const response = await summary('2026-04-01', '2026-04-03');
    expect(response.body).toMatchObject({ sufficient: false, percentagesAre: 'of readings' });
    expect(response.body.metrics.readings).toBe(3 * 288);
  }, 60_000);

  it('summarises DST days in Europe/Paris with 25 and 23 hours', async () => {
    // 2026-10-25 (fall back) runs 22:00Z on the 24th to 23:00Z on the 25th; 2026-03-29 (spring
    // forward) runs 23:00Z on the 28th to 22:00Z on the 29th.
    const fall = cgm(25 * 12, Date.parse('2026-10-24T22:00:00Z'), () => 110);
    const spring = cgm(23 * 12, Date.parse('2026-03-28T23:00:00Z'), () => 110);
    await api().post('/api/v1/glucose/readings/import', { timeZone: 'Europe/Paris', entries: [...fall, ...spring] }, ada.accessToken);
    const fallDay = (await summary('2026-10-25', '2026-10-25')).body.days;
    expect(fallDay).toHaveLength(1);
    expect(fallDay[0]!.hourly).toHaveLength(25);
    expect(fallDay[0]!.hourly.slice(1, 4).map((h) => `${h.hour}${h.utcOffset}`)).toEqual(['01+02:00', '02+02:00', '02+01:00']);
    const springDay = (await summary('2026-03-29', '2026-03-29')).body.days;
    expect(springDay[0]!.hourly).toHaveLength(23);
  }, 60_000);

  it('lists every local hour of a day, empty ones with 0 readings and mean null, 23 or 25 on DST days', async () => {
    // Two meter readings on an ordinary Paris day, and one on each DST day in New York.
    const reading = (measuredAt: string, timeZone: string, value = 100) => api().post('/api/v1/glucose/readings', { value, unit: 'mg/dL', measuredAt, timeZone, source: 'meter' }, ada.accessToken);
    for (const [at, zone] of [['2026-06-10T06:10:00Z', 'Europe/Paris'], ['2026-06-10T06:40:00Z', 'Europe/Paris'], ['2026-03-08T12:00:00Z', 'America/New_York'], ['2026-11-01T12:00:00Z', 'America/New_York']] as const) {
      expect((await reading(at, zone)).status).toBe(201);
    }
    const [june] = (await summary('2026-06-10', '2026-06-10')).body.days;
    expect(june!.hourly).toHaveLength(24);
    expect(june!.hourly[8]).toEqual({ hour: '08', utcOffset: '+02:00', mean: 100, readings: 2 });
    expect(june!.hourly.filter((h) => h.readings === 0 && h.mean === null)).toHaveLength(23);
    expect((await summary('2026-03-08', '2026-03-08')).body.days[0]!.hourly).toHaveLength(23);
    expect((await summary('2026-11-01', '2026-11-01')).body.days[0]!.hourly).toHaveLength(25);
  }, 60_000);

  it('refuses a range over 90 days or backwards, and bad dates', async () => {
    for (const [from, to] of [['2026-01-01', '2026-04-01'], ['2026-04-02', '2026-04-01'], ['2026-02-30', '2026-03-01'], ['yesterday', '2026-03-01']]) {
      const response = await summary(from!, to!);
      expect(response.status, `${from}..${to}`).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await summary('2026-01-01', '2026-03-31')).status).toBe(200); // exactly 90 days
  }, 60_000);
});
