/**
 * The journal area's figures, in process against DynamoDB Local: writing an entry, and listing a
 * local month of 100 entries (one page of 100).
 */
import type { RunningTwin } from '../../infra/local/twin.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { benchPerson } from './bench-person.ts';
import { expectRoute } from './in-process.ts';
import { percentile, round, type Figure } from './measure.ts';
import { probeDynamo } from './routes.ts';

const ENTRIES = 100;
const LISTINGS = 50;
const ZONES = ['America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Paris'] as const;

// About a paragraph a day, spread over March 2026 in a few zones.
const entryOf = (index: number) => ({
  title: `Day ${index}`,
  body: `Steeped a pot of tea number ${index}. `.repeat(12),
  tags: ['tea', index % 2 === 0 ? 'morning' : 'evening'],
  timeZone: ZONES[index % ZONES.length],
  localDateTime: `2026-03-${String(1 + (index % 31)).padStart(2, '0')}T${String(6 + (index % 16)).padStart(2, '0')}:15:00`,
});

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

export async function measureJournal(twin: RunningTwin): Promise<Figure[]> {
  const section = 'Journal (in-process, DynamoDB Local)';
  const { token } = await benchPerson(twin, 'journal');
  const probe = probeDynamo(dynamo());

  const writeMs: number[] = [];
  let writeCalls = 0;
  let wcu = 0;
  probe.take();
  for (let index = 0; index < ENTRIES; index += 1) {
    const t0 = performance.now();
    await expectRoute({ method: 'POST', path: '/api/v1/journal/entries', token, body: entryOf(index) }, 201);
    writeMs.push(performance.now() - t0);
    const calls = probe.take();
    writeCalls += calls.length;
    wcu += calls.reduce((sum, call) => sum + call.wcu, 0);
  }

  const listMs: number[] = [];
  let listCalls = 0;
  let rcu = 0;
  for (let run = 0; run < LISTINGS; run += 1) {
    const t0 = performance.now();
    const page = await expectRoute({ method: 'GET', path: '/api/v1/journal/entries', query: 'from=2026-03-01&to=2026-03-31&limit=100', token }, 200);
    listMs.push(performance.now() - t0);
    if ((page.entries as unknown[]).length !== ENTRIES) throw new Error(`listed ${(page.entries as unknown[]).length} entries of ${ENTRIES}`);
    const calls = probe.take();
    listCalls = calls.length;
    rcu = calls.reduce((sum, call) => sum + call.rcu, 0);
  }

  const writes = sorted(writeMs);
  const lists = sorted(listMs);
  return [
    { section, name: 'POST journal/entries', value: round(percentile(writes, 50)), unit: 'ms p50', note: `p99 ${round(percentile(writes, 99))} ms; ${round(writeCalls / ENTRIES, 1)} DynamoDB calls (the session check included), ${round(wcu / ENTRIES, 1)} WCU per entry` },
    { section, name: `GET journal/entries?from&to, a month of ${ENTRIES} entries`, value: round(percentile(lists, 50)), unit: 'ms p50', note: `p99 ${round(percentile(lists, 99))} ms; ${listCalls} DynamoDB calls (the session check included), ${round(rcu, 1)} RCU` },
  ];
}
