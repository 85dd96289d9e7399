/**
 * The friends area at scale, in process against DynamoDB Local: a seeded population
 * (default 20,000 people, a quarter within 30 miles of Manhattan) and viewers in
 * Manhattan and in Hays, KS, paging through their decks and saying no to each card.
 * Per deck page: index Queries, other DynamoDB calls, items read and RCU per card
 * returned, latency beside the time spent in DynamoDB; per decision: calls, WCU, p50.
 */
import type { RunningTwin } from '../../infra/local/twin.ts';
import { seededRandom, seedFriendPopulation } from '../../infra/local/friend-population.ts';
import { normalizeEmail } from '../../shared/accounts/email-address.ts';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { toKeyMaterial } from '../../shared/auth/keys.ts';
import { mintLinkToken } from '../../shared/auth/link-tokens.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { expectRoute } from './in-process.ts';
import { median, percentile, round, type Figure } from './measure.ts';
import { probeDynamo, timeInDynamo, type DynamoCall } from './routes.ts';

const PASSWORD = 'bench passphrase 123';
const PAGES = 10;
const PAGE_SIZE = 10;

async function signedIn(twin: RunningTwin, label: string): Promise<string> {
  const users = new UserRepository(dynamo(), twin.names.table);
  const keys = await toKeyMaterial(await new FileKeySource(twin.environment.LOCAL_KEYS_FILE!).read());
  const email = `friends-bench-${label}-${Date.now()}@example.com`;
  await expectRoute({ method: 'POST', path: '/api/v1/auth/register', body: { email, password: PASSWORD, name: `Viewer ${label}` } }, 202);
  const user = (await users.findByEmail(normalizeEmail(email)))!;
  const token = mintLinkToken(keys.linkTokenKey, { purpose: 'confirm-email', userId: user.id, email, passwordStamp: user.passwordStamp }).token;
  await expectRoute({ method: 'POST', path: '/api/v1/auth/confirm', body: { token, password: PASSWORD } }, 204);
  return (await expectRoute({ method: 'POST', path: '/api/v1/auth/login', body: { email, password: PASSWORD } }, 200)).accessToken as string;
}

const isQuery = (call: DynamoCall) => call.command === 'QueryCommand';

export async function measureFriends(twin: RunningTwin, population = Number(process.env.BENCH_FRIENDS_PEOPLE ?? 20_000)): Promise<Figure[]> {
  const section = `Friends (in-process, DynamoDB Local, ${population.toLocaleString('en-US')} people)`;
  const seedStarted = performance.now();
  await seedFriendPopulation(dynamo(), twin.names.table, { people: population, metroShare: 0.25, random: seededRandom(7) });
  const figures: Figure[] = [{ section, name: 'seeding the population (batch writes)', value: round((performance.now() - seedStarted) / 1000, 1), unit: 's' }];
  const probe = probeDynamo(dynamo());
  const decisionTimes: number[] = [];
  const decisionCalls: DynamoCall[][] = [];

  // The smallest radius a profile accepts is 5 miles.
  const viewers = [
    ['Manhattan', '10001', 5],
    ['Manhattan', '10001', 10],
    ['Manhattan', '10001', 25],
    ['Manhattan', '10001', 100],
    ['Hays, KS', '67601', 10],
    ['Hays, KS', '67601', 100],
  ] as const;
  for (const [place, zip, radiusMiles] of viewers) {
    const token = await signedIn(twin, `${zip}-${radiusMiles}`);
    await expectRoute({ method: 'PUT', path: '/api/v1/me/friend-profile', token, body: { hobbies: ['Chess'], interests: ['Jazz'], zip, radiusMiles } }, 200);
    const times: number[] = [];
    const inDynamo: number[] = [];
    let queries = 0;
    let others = 0;
    let items = 0;
    let rcu = 0;
    let cards = 0;
    let pages = 0;
    for (let page = 0; page < PAGES; page += 1) {
      probe.take();
      const t0 = performance.now();
      const deck = (await expectRoute({ method: 'GET', path: '/api/v1/friends/discover', query: `limit=${PAGE_SIZE}`, token }, 200)) as { people: Array<{ id: string }>; exhausted: boolean };
      times.push(performance.now() - t0);
      const calls = probe.take();
      inDynamo.push(timeInDynamo(calls));
      queries = Math.max(queries, calls.filter(isQuery).length);
      others = Math.max(others, calls.filter((call) => !isQuery(call)).length);
      items += calls.reduce((sum, call) => sum + call.items, 0);
      rcu += calls.reduce((sum, call) => sum + call.rcu, 0);
      cards += deck.people.length;
      pages += 1;
      for (const card of deck.people) {
        const d0 = performance.now();
        await expectRoute({ method: 'PUT', path: `/api/v1/friends/decisions/${card.id}`, token, body: { decision: 'no' } }, 200);
        decisionTimes.push(performance.now() - d0);
        decisionCalls.push(probe.take());
      }
      if (deck.exhausted) break;
    }
    const perCard = (value: number) => (cards === 0 ? 'n/a' : String(round(value / cards, 2)));
    figures.push({
      section,
      name: `GET friends/discover, ${place}, ${radiusMiles} miles (${pages} pages of ${PAGE_SIZE})`,
      value: round(median(times)),
      unit: 'ms p50',
      note: `p99 ${round(percentile([...times].sort((a, b) => a - b), 99))} ms, in DynamoDB ${round(median(inDynamo))} ms p50; at most ${queries} Queries and ${others} other calls a page; ${perCard(items)} items and ${perCard(rcu)} RCU read per card (${cards} cards)`,
    });
  }
  const decisionWcu = decisionCalls.map((calls) => calls.reduce((sum, call) => sum + call.wcu, 0));
  figures.push({
    section,
    name: 'PUT friends/decisions/{userId} (no)',
    value: round(median(decisionTimes)),
    unit: 'ms p50',
    note: `${round(median(decisionCalls.map((calls) => calls.length)), 1)} DynamoDB calls, ${round(median(decisionWcu), 1)} WCU p50`,
  });
  return figures;
}
