import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { emailsTo, waitForEmail } from '../support/mailbox.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('friends-races', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);
const PAIRS = 20;
const people: SignedInPerson[] = [];

beforeAll(async () => {
  for (let start = 0; start < 2 * PAIRS; start += 10) {
    people.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => signedInPerson(twin(), `racer-${start + i}@example.com`)))));
  }
  await Promise.all(
    people.map(async (person) =>
      expect((await api().call('PUT', '/api/v1/me/friend-profile', { body: { hobbies: ['Go'], interests: ['Tea'], zip: '10001', radiusMiles: 10 }, token: person.accessToken })).status).toBe(200),
    ),
  );
}, 180_000);

describe('mutual yes under races', () => {
  it(`makes exactly ${PAIRS} matches and ${2 * PAIRS} emails when ${PAIRS} pairs say yes to each other at the same instant`, async () => {
    const pairs = Array.from({ length: PAIRS }, (_, i) => [people[2 * i]!, people[2 * i + 1]!] as const);
    const answers = await Promise.all(
      pairs.flatMap(([a, b]) => [
        api().call<{ matched: boolean; matchId?: string }>('PUT', `/api/v1/friends/decisions/${b.userId}`, { body: { decision: 'yes' }, token: a.accessToken }),
        api().call<{ matched: boolean; matchId?: string }>('PUT', `/api/v1/friends/decisions/${a.userId}`, { body: { decision: 'yes' }, token: b.accessToken }),
      ]),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

    for (const [i, [a, b]] of pairs.entries()) {
      // At least the later of the two answers says matched, and both name the same match.
      const [first, second] = [answers[2 * i]!.body, answers[2 * i + 1]!.body];
      expect(first.matched || second.matched).toBe(true);
      const ids = new Set([first.matchId, second.matchId].filter(Boolean));
      expect(ids.size).toBe(1);
      const listOf = async (person: SignedInPerson) =>
        (await api().get<{ matches: Array<{ id: string; person: { id: string } }> }>('/api/v1/matches', person.accessToken)).body.matches;
      expect((await listOf(a)).map((match) => [match.id, match.person.id])).toEqual([[[...ids][0], b.userId]]);
      expect((await listOf(b)).map((match) => [match.id, match.person.id])).toEqual([[[...ids][0], a.userId]]);
    }

    for (const person of people) await waitForEmail(twin().outboxDirectory, person.email, { subject: 'You have a new match' });
    // Give a duplicate a moment to arrive, were there one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const person of people) {
      expect((await emailsTo(twin().outboxDirectory, person.email)).filter((email) => email.subject === 'You have a new match on Kindred')).toHaveLength(1);
    }
  }, 120_000);

  it('leaves nothing of a person who deletes their account while others decide on them and they decide on others', async () => {
    const leaving = await signedInPerson(twin(), 'leaving@example.com');
    expect((await api().call('PUT', '/api/v1/me/friend-profile', { body: { hobbies: ['Go'], interests: ['Tea'], zip: '10002', radiusMiles: 10 }, token: leaving.accessToken })).status).toBe(200);
    const deciders = people.slice(0, 16);
    const decide = (person: SignedInPerson, i: number) => [
      api().call('PUT', `/api/v1/friends/decisions/${leaving.userId}`, { body: { decision: 'yes' }, token: person.accessToken }),
      api().call('PUT', `/api/v1/friends/decisions/${person.userId}`, { body: { decision: i % 2 ? 'yes' : 'no' }, token: leaving.accessToken }),
    ];
    // Decisions keep arriving in waves while the deletion runs (its password check alone takes a while).
    const deletion = api().delete('/api/v1/me', { password: leaving.password }, leaving.accessToken);
    const decisions: Array<Promise<{ status: number }>> = [];
    for (const [i, person] of deciders.entries()) {
      decisions.push(...decide(person, i));
      // The leaving person keeps paging their own deck meanwhile: no deck may outlive the account.
      decisions.push(api().get('/api/v1/friends/discover?limit=2', leaving.accessToken));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const statuses = (await Promise.all(decisions)).map((answer) => answer.status);
    expect(statuses.filter((status) => ![200, 401, 403, 404, 409].includes(status)), statuses.join()).toEqual([]);
    expect((await deletion).status).toBe(204);
    expect(await leftoversOf(twin(), [leaving.userId, leaving.email])).toEqual([]);
  }, 60_000);
});
