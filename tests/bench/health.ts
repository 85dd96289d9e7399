/**
 * The health area's figures, in process against DynamoDB Local: importing 1,000 CGM readings, and
 * the glucose summary over 14 and 90 days of a 5-minute CGM (288 readings a day), and the food-log
 * summary over 30 days of six meals a day.
 */
import type { RunningTwin } from '../../infra/local/twin.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { benchPerson } from './bench-person.ts';
import { expectRoute } from './in-process.ts';
import { median, round, type Figure } from './measure.ts';
import { probeDynamo } from './routes.ts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

const cgmEntries = (firstIndex: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const index = firstIndex + i;
    return { type: 'sgv', sgv: 60 + ((index * 37) % 220), date: START + index * 300_000, device: 'bench-cgm' };
  });

export async function measureHealth(twin: RunningTwin): Promise<Figure[]> {
  const section = 'Health (in-process, DynamoDB Local)';
  const { token } = await benchPerson(twin, 'health');
  const probe = probeDynamo(dynamo());

  // 90 days of readings, imported 1,000 at a time: every import is timed.
  const total = 90 * 288;
  const importMs: number[] = [];
  let wcu = 0;
  let importCalls = 0;
  probe.take();
  for (let first = 0; first < total; first += 1000) {
    const t0 = performance.now();
    await expectRoute({ method: 'POST', path: '/api/v1/glucose/readings/import', token, body: { timeZone: 'UTC', entries: cgmEntries(first, Math.min(1000, total - first)) } }, 200);
    importMs.push(performance.now() - t0);
    const calls = probe.take();
    importCalls += calls.length;
    wcu += calls.reduce((sum, call) => sum + call.wcu, 0);
  }
  const figures: Figure[] = [
    { section, name: 'POST glucose/readings/import, 1,000 CGM readings', value: round(median(importMs)), unit: 'ms p50', note: `${round(wcu / total, 2)} WCU per reading, ${round(importCalls / importMs.length, 1)} DynamoDB calls per import` },
  ];

  for (const days of [14, 90]) {
    const to = new Date(START + (days - 1) * DAY_MS).toISOString().slice(0, 10);
    const times: number[] = [];
    let calls = 0;
    let rcu = 0;
    for (let run = 0; run < 5; run += 1) {
      const t0 = performance.now();
      await expectRoute({ method: 'GET', path: '/api/v1/glucose/summary', query: `from=2026-01-01&to=${to}`, token }, 200);
      times.push(performance.now() - t0);
      const taken = probe.take();
      calls = taken.length;
      rcu = taken.reduce((sum, call) => sum + call.rcu, 0);
    }
    figures.push({ section, name: `GET glucose/summary, ${days} days of CGM (${days * 288} readings)`, value: round(median(times)), unit: 'ms p50', note: `${calls} Query calls, ${round(rcu, 1)} RCU` });
  }

  // 30 days of six entries a day (known foods and a custom one), then the food-log summary.
  const meals = ['porridge-rolled-oats', 'banana', 'white-rice', 'broccoli', 'apple'];
  for (let day = 0; day < 30; day += 1) {
    await Promise.all(Array.from({ length: 6 }, (_, meal) => {
      const eatenAt = new Date(START + day * DAY_MS + (7 + meal * 2) * 3_600_000).toISOString();
      const food = meal < meals.length ? { foodId: meals[meal]! } : { custom: { name: 'Bench stew', gi: 50, availableCarbsPerServing: 30 } };
      return expectRoute({ method: 'POST', path: '/api/v1/food-log', token, body: { ...food, servings: 1, eatenAt, timeZone: 'UTC' } }, 201);
    }));
  }
  probe.take();
  const summaryTimes: number[] = [];
  let summaryCalls = 0;
  let summaryRcu = 0;
  for (let run = 0; run < 5; run += 1) {
    const t0 = performance.now();
    await expectRoute({ method: 'GET', path: '/api/v1/food-log/summary', query: 'from=2026-01-01&to=2026-01-30', token }, 200);
    summaryTimes.push(performance.now() - t0);
    const taken = probe.take();
    summaryCalls = taken.length;
    summaryRcu = taken.reduce((sum, call) => sum + call.rcu, 0);
  }
  figures.push({ section, name: 'GET food-log/summary, 30 days of 6 entries (180 entries)', value: round(median(summaryTimes)), unit: 'ms p50', note: `${summaryCalls} Query calls, ${round(summaryRcu, 1)} RCU` });
  return figures;
}
