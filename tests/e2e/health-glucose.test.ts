import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('health-glucose', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);
let ada: SignedInPerson;
let bob: SignedInPerson;

beforeAll(async () => {
  ada = await signedInPerson(twin(), 'glucose@example.com');
  bob = await signedInPerson(twin(), 'other@example.com');
}, 90_000);

interface Reading { mgPerDl: number; entered: { value: number; unit: string }; measuredAt: string; localDate: string; localTime: string; device: string }
interface Page { readings: Reading[]; nextCursor?: string }
const DAY = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
const readingsOf = async (token: string, range = DAY) => {
  const response = await api().get<Page>(`/api/v1/glucose/readings?from=${range.from}&to=${range.to}`, token);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.readings;
};

// A CGM every 5 minutes from 2026-03-01T00:00Z, in Nightscout's shape.
const nightscout = (count: number, startMs = Date.parse(DAY.from)) =>
  Array.from({ length: count }, (_, i) => ({
    type: 'sgv', sgv: 100 + (i % 200), date: startMs + i * 300_000, dateString: new Date(startMs + i * 300_000).toISOString(), direction: 'Flat', device: 'xDrip-DexcomG6',
  }));

describe('glucose readings', () => {
  it('stores mg/dL and mmol/L entries of the same glucose as the same canonical value, with the local time frozen', async () => {
    const mg = await api().post<Reading>('/api/v1/glucose/readings', { value: 99, unit: 'mg/dL', measuredAt: '2026-03-01T07:00:00Z', timeZone: 'Europe/Paris', source: 'meter' }, ada.accessToken);
    const mmol = await api().post<Reading>('/api/v1/glucose/readings', { value: 5.5, unit: 'mmol/L', measuredAt: '2026-03-01T19:30:00+01:00', timeZone: 'Europe/Paris', source: 'meter' }, ada.accessToken);
    expect(mg.status).toBe(201);
    expect(mmol.status).toBe(201);
    expect(mg.body).toMatchObject({ mgPerDl: 99, entered: { value: 99, unit: 'mg/dL' }, localDate: '2026-03-01', localTime: '08:00' });
    expect(mmol.body).toMatchObject({ mgPerDl: 99, entered: { value: 5.5, unit: 'mmol/L' }, measuredAt: '2026-03-01T18:30:00.000Z', localTime: '19:30' });

    const again = await api().post('/api/v1/glucose/readings', { value: 99, unit: 'mg/dL', measuredAt: '2026-03-01T07:00:00.000Z', timeZone: 'Europe/Paris', source: 'meter' }, ada.accessToken);
    expect(again.status).toBe(409);
    expect(await readingsOf(ada.accessToken)).toHaveLength(2);
  }, 60_000);

  it.each([
    [{ value: 0.5, unit: 'mg/dL' }, 422, 'out_of_range'],
    [{ value: 700, unit: 'mg/dL' }, 422, 'out_of_range'],
    [{ value: 33.4, unit: 'mmol/L' }, 422, 'out_of_range'],
    [{ value: 100, unit: 'mg/dl' }, 400, 'validation_failed'],
    [{ value: 100, unit: 'mg/dL', timeZone: 'Mars/Olympus_Mons' }, 422, 'unknown_time_zone'],
  ])('refuses %o with %d %s and stores nothing', async (change, status, code) => {
    const body = { measuredAt: '2026-03-01T12:00:00Z', timeZone: 'Europe/Paris', source: 'meter', ...change };
    const response = await api().post('/api/v1/glucose/readings', body, ada.accessToken);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code });
    expect(await readingsOf(ada.accessToken)).toHaveLength(2);
  }, 60_000);
});

describe('glucose import', () => {
  const MARCH_2 = { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' };

  it('imports Nightscout entries once, whatever races it, and reports bad items by index', async () => {
    const entries = [
      ...nightscout(150, Date.parse(MARCH_2.from)),
      { type: 'mbg', mbg: 120, date: Date.parse(MARCH_2.from) },
      { type: 'sgv', sgv: 10, date: Date.parse(MARCH_2.from) + 1 },
      { type: 'sgv', sgv: 'high', date: Date.parse(MARCH_2.from) + 2 },
    ];
    const body = { timeZone: 'Europe/Paris', entries: [...entries, entries[0]] };
    // Four identical imports at once: the sort key is the reading's identity and every put is
    // conditional on it being new, so each reading is stored exactly once.
    const results = await Promise.all([1, 2, 3, 4].map(() => api().post<{ imported: number; duplicates: number; rejected: Array<{ index: number; reason: string }> }>('/api/v1/glucose/readings/import', body, ada.accessToken)));
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(result.body.rejected).toEqual([
        { index: 150, reason: 'invalid_sgv' },
        { index: 151, reason: 'out_of_range' },
        { index: 152, reason: 'invalid_sgv' },
      ]);
    }
    expect(results.reduce((sum, r) => sum + r.body.imported, 0)).toBe(150);
    expect(results.reduce((sum, r) => sum + r.body.duplicates, 0)).toBe(4 * 151 - 150);
    expect(await readingsOf(ada.accessToken, MARCH_2)).toHaveLength(150);
  }, 120_000);

  it('takes Kindred-shaped readings with per-item reasons', async () => {
    const readings = [
      { value: 6.1, unit: 'mmol/L', measuredAt: '2026-03-03T08:00:00Z', timeZone: 'America/New_York', source: 'meter' },
      { value: 110, unit: 'mmol', measuredAt: '2026-03-03T09:00:00Z', timeZone: 'America/New_York', source: 'meter' },
      { value: 110, unit: 'mg/dL', measuredAt: '2026-03-03T10:00:00Z', timeZone: 'Nowhere/Else', source: 'meter' },
    ];
    const result = await api().post('/api/v1/glucose/readings/import', { timeZone: 'UTC', readings }, ada.accessToken);
    expect(result.body).toEqual({ imported: 1, duplicates: 0, rejected: [{ index: 1, reason: 'invalid_unit' }, { index: 2, reason: 'unknown_time_zone' }] });
    const [stored] = await readingsOf(ada.accessToken, { from: '2026-03-03T00:00:00Z', to: '2026-03-04T00:00:00Z' });
    expect(stored).toMatchObject({ mgPerDl: 110, localDate: '2026-03-03', localTime: '03:00' }); // 6.1 x 18.0156 = 109.9
  }, 60_000);

  it('refuses 1,001 readings, malformed batches and unknown zones whole, storing nothing', async () => {
    const MARCH_9 = { from: '2026-03-09T00:00:00Z', to: '2026-03-10T00:00:00Z' };
    const tooMany = await api().post('/api/v1/glucose/readings/import', { timeZone: 'UTC', entries: nightscout(1001, Date.parse(MARCH_9.from)) }, ada.accessToken);
    expect(tooMany.status).toBe(400);
    const badZone = await api().post('/api/v1/glucose/readings/import', { timeZone: 'Atlantis/Capital', entries: nightscout(3, Date.parse(MARCH_9.from)) }, ada.accessToken);
    expect(badZone.status).toBe(422);
    const notAList = await api().post('/api/v1/glucose/readings/import', { timeZone: 'UTC', entries: { sgv: 100 } }, ada.accessToken);
    expect(notAList.status).toBe(400);
    for (const response of [tooMany, badZone, notAList]) expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await readingsOf(ada.accessToken, MARCH_9)).toEqual([]);
  }, 60_000);

  it('pages through a thousand readings', async () => {
    const MARCH_20 = { from: '2026-03-20T00:00:00Z', to: '2026-03-24T00:00:00Z' };
    const result = await api().post('/api/v1/glucose/readings/import', { timeZone: 'UTC', entries: nightscout(1000, Date.parse(MARCH_20.from)) }, ada.accessToken);
    expect(result.body).toMatchObject({ imported: 1000, duplicates: 0, rejected: [] });
    const first = await api().get<Page>(`/api/v1/glucose/readings?from=${MARCH_20.from}&to=${MARCH_20.to}`, ada.accessToken);
    expect(first.body.readings).toHaveLength(500);
    const second = await api().get<Page>(`/api/v1/glucose/readings?from=${MARCH_20.from}&to=${MARCH_20.to}&cursor=${first.body.nextCursor}`, ada.accessToken);
    expect(second.body.readings.length + first.body.readings.length).toBe(1000);
    expect(second.body.readings[0]!.measuredAt > first.body.readings[499]!.measuredAt).toBe(true);
  }, 120_000);
});

describe('privacy and deletion', () => {
  it('shows a person only their own readings, and deleting the account leaves nothing', async () => {
    expect(await readingsOf(bob.accessToken)).toEqual([]);
    expect(await readingsOf(bob.accessToken, { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' })).toEqual([]);

    expect((await api().delete('/api/v1/me', { password: ada.password }, ada.accessToken)).status).toBe(204);
    expect(await leftoversOf(twin(), [ada.userId, ada.email, 'xDrip-DexcomG6'])).toEqual([]);
  }, 120_000);
});
