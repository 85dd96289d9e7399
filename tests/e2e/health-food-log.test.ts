import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { foodOf, timing } from '../../shared/health/food-log-entry.ts';
import { FoodLogRepository } from '../../shared/health/food-log-repository.ts';

const twin = useTwin('health-food-log', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);
let ada: SignedInPerson;
let bob: SignedInPerson;

beforeAll(async () => {
  [ada, bob] = await Promise.all([signedInPerson(twin(), 'eater@example.com'), signedInPerson(twin(), 'neighbour@example.com')]);
}, 90_000);

interface Entry {
  id: string; food: { id: string | null; name: string; custom: boolean }; servings: number; availableCarbs: number;
  gi: number | null; giBand: string | null; gl: number | null; glBand: string | null; eatenAt: string; localDate: string; localTime: string; note?: string;
}
interface Day { date: string; entries: number; totalAvailableCarbs: number; totalGl: number | null; glBand: string | null; carbWeightedGi: number | null; highGlEntries: number; entriesWithoutGi: number }

const log = (body: unknown, token = ada.accessToken) => api().post<Entry>('/api/v1/food-log', body, token);
const listOf = async (query: string, token = ada.accessToken) => {
  const response = await api().get<{ entries: Entry[]; nextCursor?: string }>(`/api/v1/food-log?${query}`, token);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.entries;
};
const summary = async (from: string, to: string) => {
  const response = await api().get<{ days: Day[] }>(`/api/v1/food-log/summary?from=${from}&to=${to}`, ada.accessToken);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.days;
};
const paris = (localTime: string, date = '2026-03-10') => ({ eatenAt: `${date}T${localTime}:00+01:00`, timeZone: 'Europe/Paris' });

// A day in Paris (UTC+1 in March). Hand-computed, GL = GI x carbs / 100:
//   porridge (GI 55, 22 g) x1       -> carbs 22,  GL 12.1  (GI low,    GL medium)
//   banana (GI 51, 24 g) x0.5       -> carbs 12,  GL 6.12  (GI low,    GL low)
//   white rice (GI 73, 42 g) x1.5   -> carbs 63,  GL 45.99 (GI high,   GL high)
//   broccoli (no GI, 2 g) x1        -> carbs 2,   GL null
//   custom cake (GI 60, 30 g) x1    -> carbs 30,  GL 18    (GI medium, GL medium)
//   custom soup (no GI, 10 g) x2    -> carbs 20,  GL null
// Day: 6 entries, carbs 149, GL 82.21 -> 82.2 (daily band medium, 81-119), carb-weighted GI
// 8221 / 127 = 64.7, one entry with GL >= 20, two without a GI.
const MEALS = [
  { foodId: 'porridge-rolled-oats', servings: 1, ...paris('07:30') },
  { foodId: 'banana', servings: 0.5, ...paris('07:35') },
  { foodId: 'white-rice', servings: 1.5, ...paris('12:30'), note: 'lunch out' },
  { foodId: 'broccoli', servings: 1, ...paris('12:31') },
  { custom: { name: '=cake by Grandma', gi: 60, availableCarbsPerServing: 30, servingGrams: 90 }, servings: 1, ...paris('16:00') },
  { custom: { name: 'Lentil soup', availableCarbsPerServing: 10 }, servings: 2, ...paris('19:00'), note: '+1 bowl, @home' },
];
const entries: Entry[] = [];

describe('a day of meals', () => {
  it('gives each entry its carbohydrate, GI, GL and bands, with the local date and time frozen', async () => {
    for (const meal of MEALS) {
      const response = await log(meal);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      entries.push(response.body);
    }
    const figures = entries.map((e) => [e.availableCarbs, e.gi, e.giBand, e.gl, e.glBand]);
    expect(figures).toEqual([
      [22, 55, 'low', 12.1, 'medium'],
      [12, 51, 'low', 6.1, 'low'],
      [63, 73, 'high', 46, 'high'],
      [2, null, null, null, null],
      [30, 60, 'medium', 18, 'medium'],
      [20, null, null, null, null],
    ]);
    expect(entries[0]).toMatchObject({ eatenAt: '2026-03-10T06:30:00.000Z', localDate: '2026-03-10', localTime: '07:30', food: { id: 'porridge-rolled-oats', custom: false } });
    expect(entries[4]!.food).toMatchObject({ id: null, name: '=cake by Grandma', custom: true });
    // Just after midnight in Paris is still the 10th in UTC: the local date is the one that counts.
    const late = await log({ foodId: 'apple', servings: 1, eatenAt: '2026-03-10T23:30:00Z', timeZone: 'Europe/Paris' });
    expect(late.body).toMatchObject({ localDate: '2026-03-11', localTime: '00:30', gl: 5, glBand: 'low' }); // 36 x 14 / 100 = 5.04
  }, 60_000);

  it('lists a local date in time order, and a range of dates', async () => {
    expect((await listOf('date=2026-03-10')).map((e) => e.id)).toEqual(entries.map((e) => e.id));
    expect(await listOf('date=2026-03-11')).toHaveLength(1);
    expect(await listOf('from=2026-03-09&to=2026-03-11')).toHaveLength(7);
  }, 30_000);

  it('summarises each local day as hand-computed', async () => {
    expect(await summary('2026-03-01', '2026-03-31')).toEqual([
      { date: '2026-03-10', entries: 6, totalAvailableCarbs: 149, totalGl: 82.2, glBand: 'medium', carbWeightedGi: 64.7, highGlEntries: 1, entriesWithoutGi: 2 },
      { date: '2026-03-11', entries: 1, totalAvailableCarbs: 14, totalGl: 5, glBand: 'low', carbWeightedGi: 36, highGlEntries: 0, entriesWithoutGi: 0 },
    ]);
  }, 30_000);

  it('changes servings, note and time (re-freezing the local date), and deletes', async () => {
    const [, banana, rice, , , soup] = entries;
    const fewer = await api().patch<Entry>(`/api/v1/food-log/${rice!.id}`, { servings: 1, note: null }, ada.accessToken);
    expect(fewer.status).toBe(200);
    expect(fewer.body).toMatchObject({ servings: 1, availableCarbs: 42, gl: 30.7, glBand: 'high', localTime: '12:30' }); // 73 x 42 / 100 = 30.66
    expect(fewer.body.note).toBeUndefined();

    const porridge = entries[0]!;
    const later = await api().patch<Entry>(`/api/v1/food-log/${porridge.id}`, { ...paris('07:40') }, ada.accessToken);
    expect(later.body).toMatchObject({ id: porridge.id, localTime: '07:40', gl: 12.1 });
    expect((await listOf('date=2026-03-10')).slice(0, 2).map((e) => e.id)).toEqual([banana!.id, porridge.id]); // now after the banana (07:35)

    const moved = await api().patch<Entry>(`/api/v1/food-log/${banana!.id}`, { eatenAt: '2026-03-11T10:00:00Z', timeZone: 'America/New_York' }, ada.accessToken);
    expect(moved.body).toMatchObject({ id: banana!.id, localDate: '2026-03-11', localTime: '06:00', timeZone: 'America/New_York', servings: 0.5 });
    expect((await listOf('date=2026-03-11')).map((e) => e.id)).toContain(banana!.id);

    expect((await api().delete(`/api/v1/food-log/${soup!.id}`, undefined, ada.accessToken)).status).toBe(204);
    expect((await api().delete(`/api/v1/food-log/${soup!.id}`, undefined, ada.accessToken)).status).toBe(404);
    expect((await api().patch(`/api/v1/food-log/${soup!.id}`, { servings: 2 }, ada.accessToken)).status).toBe(404);

    // The 10th now: porridge 22 g / GL 12.1, rice 42 g / 30.66, broccoli 2 g, cake 30 g / 18:
    // carbs 96, GL 60.76 -> 60.8 (low), carb-weighted GI 6076 / 94 = 64.6.
    const [tenth] = await summary('2026-03-10', '2026-03-10');
    expect(tenth).toEqual({ date: '2026-03-10', entries: 4, totalAvailableCarbs: 96, totalGl: 60.8, glBand: 'low', carbWeightedGi: 64.6, highGlEntries: 1, entriesWithoutGi: 1 });
  }, 60_000);

  it('shows another person none of it: their ids answer 404 and the entries stay', async () => {
    const porridge = entries[0]!;
    expect((await api().patch(`/api/v1/food-log/${porridge.id}`, { servings: 3 }, bob.accessToken)).status).toBe(404);
    expect((await api().delete(`/api/v1/food-log/${porridge.id}`, undefined, bob.accessToken)).status).toBe(404);
    expect(await listOf('from=2026-03-01&to=2026-03-31', bob.accessToken)).toEqual([]);
    expect((await listOf('date=2026-03-10')).find((e) => e.id === porridge.id)).toMatchObject({ servings: 1 });
  }, 30_000);
});

describe('refusals', () => {
  const good = { foodId: 'apple', servings: 1, eatenAt: '2026-03-20T12:00:00Z', timeZone: 'UTC' };
  it.each([
    [{ servings: 0 }, 400, 'validation_failed'],
    [{ servings: 21 }, 400, 'validation_failed'],
    [{ servings: '1' }, 400, 'validation_failed'],
    [{ foodId: 'unicorn-steak' }, 422, 'unknown_food'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 422, 'unknown_time_zone'],
    [{ calories: 95 }, 400, 'validation_failed'],
    [{ eatenAt: 'lunchtime' }, 400, 'validation_failed'],
    [{ foodId: undefined, custom: { name: 'Pie' } }, 400, 'validation_failed'],
    [{ custom: { name: 'Pie', availableCarbsPerServing: 30 } }, 400, 'validation_failed'], // foodId and custom both
    [{ foodId: undefined, custom: { name: 'Pie\u202Eeip', availableCarbsPerServing: 30 } }, 400, 'validation_failed'],
    [{ note: 'ok\u0000' }, 400, 'validation_failed'],
  ])('refuses %o with %d %s and stores nothing', async (change, status, code) => {
    const response = await log({ ...good, ...change });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code });
    expect(await listOf('date=2026-03-20')).toEqual([]);
  }, 30_000);

  it('refuses bad changes, ranges and queries with 4xx', async () => {
    const id = entries[0]!.id;
    for (const body of [{}, { servings: 0 }, { eatenAt: '2026-03-10T08:00:00Z' }, { colour: 'red' }]) {
      expect((await api().patch(`/api/v1/food-log/${id}`, body, ada.accessToken)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await api().patch(`/api/v1/food-log/${id}`, { eatenAt: '2026-03-10T08:00:00Z', timeZone: 'Nowhere/Else' }, ada.accessToken)).status).toBe(422);
    expect((await api().patch('/api/v1/food-log/not-a-uuid', { servings: 1 }, ada.accessToken)).status).toBe(400);
    for (const query of ['', 'date=2026-03-10&from=2026-03-10&to=2026-03-11', 'from=2026-03-10', 'from=2026-01-01&to=2026-04-01', 'date=2026-02-30', 'date=2026-03-10&cursor=bm9wZQ']) {
      const response = await api().get(`/api/v1/food-log?${query}`, ada.accessToken);
      expect(response.status, query).toBe(400);
    }
    expect((await api().get('/api/v1/food-log/summary?from=2026-01-01&to=2026-04-01', ada.accessToken)).status).toBe(400);
    expect((await listOf('date=2026-03-10'))[0]).toMatchObject({ servings: 1, localTime: '07:40' });
  }, 30_000);
});

describe('at most 40 entries a local day', () => {
  it('holds against racing requests: the day count is the condition of the write', async () => {
    const day = (i: number) => ({ foodId: 'apple', servings: 1, eatenAt: new Date(Date.parse('2026-04-01T08:00:00Z') + i * 60_000).toISOString(), timeZone: 'UTC' });
    for (let first = 0; first < 36; first += 6) {
      const batch = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => log(day(first + i))));
      expect(batch.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    }
    const race = await Promise.all(Array.from({ length: 10 }, (_, i) => log(day(100 + i))));
    const statuses = race.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 409, 409, 409, 409, 409, 409]);
    expect(race.find((r) => r.status === 409)!.body).toMatchObject({ code: 'food_log_day_full' });
    const stored = [...(await listOf('date=2026-04-01'))];
    expect(stored).toHaveLength(40);

    // Moving an entry into the full day is refused the same way; deleting one makes room.
    const elsewhere = await log({ ...day(0), eatenAt: '2026-04-02T08:00:00Z' });
    const into = await api().patch(`/api/v1/food-log/${elsewhere.body.id}`, { eatenAt: '2026-04-01T20:00:00Z', timeZone: 'UTC' }, ada.accessToken);
    expect(into.status).toBe(409);
    expect((await api().delete(`/api/v1/food-log/${stored[0]!.id}`, undefined, ada.accessToken)).status).toBe(204);
    expect((await api().patch(`/api/v1/food-log/${elsewhere.body.id}`, { eatenAt: '2026-04-01T20:00:00Z', timeZone: 'UTC' }, ada.accessToken)).status).toBe(200);
    expect(await listOf('date=2026-04-01')).toHaveLength(40);
    expect(await listOf('date=2026-04-02')).toEqual([]);
  }, 60_000);
});

describe('listing a range', () => {
  it('pages 200 entries at a time with a cursor, in local-day order', async () => {
    // 40 entries on each of six days (the most a day holds): 240 entries, two pages. Written
    // through the repository, as the route would, to keep the file fast.
    useEmulatorEnvironment();
    const repository = new FoodLogRepository(dynamo(), twin().names.table);
    const at = (day: number, i: number) => ({ foodId: 'apple', servings: 1, eatenAt: `2026-05-0${day}T${String(6 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00Z`, timeZone: 'UTC' });
    for (let i = 0; i < 40; i += 1) {
      await Promise.all([1, 2, 3, 4, 5, 6].map((day) => repository.add(ada.userId, { id: randomUUID(), food: foodOf(at(day, i)), servings: 1, ...timing(at(day, i).eatenAt, 'UTC') })));
    }
    const first = await api().get<{ entries: Entry[]; nextCursor?: string }>('/api/v1/food-log?from=2026-05-01&to=2026-05-06', ada.accessToken);
    expect(first.body.entries).toHaveLength(200);
    expect(first.body.nextCursor).toBeDefined();
    const second = await api().get<{ entries: Entry[]; nextCursor?: string }>(`/api/v1/food-log?from=2026-05-01&to=2026-05-06&cursor=${first.body.nextCursor}`, ada.accessToken);
    expect(second.body.entries).toHaveLength(40);
    expect(second.body.nextCursor).toBeUndefined();
    const all = [...first.body.entries, ...second.body.entries].map((e) => e.eatenAt);
    expect(all).toEqual([...all].sort());
    expect(second.body.entries.every((e) => e.localDate === '2026-05-06')).toBe(true);
  }, 60_000);
});

describe('wellness export', () => {
  const parseCsv = (text: string) => text.split('\r\n').filter((line) => line !== '');

  it('gives the food log as a CSV attachment with every row, formulas neutralized', async () => {
    const response = await api().get<string>('/api/v1/wellness/export?kind=food-log&from=2026-03-01&to=2026-03-31', ada.accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="kindred-food-log-2026-03-01-to-2026-03-31.csv"');
    const lines = parseCsv(response.body);
    expect(lines[0]).toBe('local_date,local_time,time_zone,eaten_at_utc,food,food_id,custom,servings,available_carbs_g,gi,gi_band,gl,gl_band,note');
    expect(lines).toHaveLength(1 + 6); // 10th: porridge, rice, broccoli, cake; 11th: banana, apple
    expect(lines[1]).toBe('2026-03-10,07:40,Europe/Paris,2026-03-10T06:40:00.000Z,"Porridge, rolled oats",porridge-rolled-oats,no,1,22,55,low,12.1,medium,');
    expect(lines).toContain("2026-03-10,16:00,Europe/Paris,2026-03-10T15:00:00.000Z,'=cake by Grandma,,yes,1,30,60,medium,18,medium,");
  }, 30_000);

  it('gives glucose readings as their own CSV, and refuses an unknown kind', async () => {
    await api().post('/api/v1/glucose/readings', { value: 5.5, unit: 'mmol/L', measuredAt: '2026-03-10T07:00:00Z', timeZone: 'Europe/Paris', source: 'meter', note: '-after run' }, ada.accessToken);
    const response = await api().get<string>('/api/v1/wellness/export?kind=glucose&from=2026-03-10&to=2026-03-10', ada.accessToken);
    expect(response.status).toBe(200);
    expect(parseCsv(response.body)).toEqual([
      'local_date,local_time,time_zone,measured_at_utc,mg_dl,entered_value,entered_unit,source,device,note',
      "2026-03-10,08:00,Europe/Paris,2026-03-10T07:00:00.000Z,99,5.5,mmol/L,meter,meter,'-after run",
    ]);
    const bobs = await api().get<string>('/api/v1/wellness/export?kind=glucose&from=2026-03-10&to=2026-03-10', bob.accessToken);
    expect(parseCsv(bobs.body)).toHaveLength(1);
    expect((await api().get('/api/v1/wellness/export?kind=zip&from=2026-03-10&to=2026-03-10', ada.accessToken)).status).toBe(400);
    expect((await api().get('/api/v1/wellness/export?kind=glucose&from=2026-01-01&to=2026-12-31', ada.accessToken)).status).toBe(400);
  }, 30_000);
});

describe('account deletion', () => {
  it('leaves nothing of the food log, its pointers and day counts', async () => {
    expect((await api().delete('/api/v1/me', { password: ada.password }, ada.accessToken)).status).toBe(204);
    expect(await leftoversOf(twin(), [ada.userId, ada.email, 'Grandma', 'Lentil soup'])).toEqual([]);
  }, 60_000);
});
