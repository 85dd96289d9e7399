import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { jpegWithGps } from '../support/images.ts';
import { leftoversOf } from '../support/leftovers.ts';
import { emailsTo, waitForEmail } from '../support/mailbox.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { settledPhoto, uploadPhoto } from '../support/uploads.ts';

const twin = useTwin('friends', { environment: { RATE_LIMIT_SCALE: '1000' } });
const api = () => apiClient(twin().url);

interface Card { id: string; name: string; avatarUrl: string; photos: Array<{ id: string; urls: Record<string, string> }>; city: string; state: string; distanceMiles: number; shared: { hobbies: string[]; interests: string[] } }
interface Deck { people: Card[]; exhausted: boolean }

const profile = (zip: string, radiusMiles = 25, extra: Record<string, unknown> = {}) => ({ hobbies: ['Chess', 'Hiking'], interests: ['Jazz'], zip, radiusMiles, ...extra });

async function people(count: number, label: string): Promise<SignedInPerson[]> {
  const made: SignedInPerson[] = [];
  for (let start = 0; start < count; start += 8) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(8, count - start) }, (_, i) => signedInPerson(twin(), `${label}-${start + i}@example.com`)))));
  }
  return made;
}

async function putProfile(person: SignedInPerson, body: Record<string, unknown>) {
  const response = await api().call('PUT', '/api/v1/me/friend-profile', { body, token: person.accessToken });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

const decide = (person: SignedInPerson, other: string, decision: string) =>
  api().call<{ decision: string; matched: boolean; matchId?: string }>('PUT', `/api/v1/friends/decisions/${other}`, { body: { decision }, token: person.accessToken });

const discover = async (person: SignedInPerson, limit = 5) => {
  const response = await api().get<Deck>(`/api/v1/friends/discover?limit=${limit}`, person.accessToken);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

/** Pages through a deck, deciding on every card, until it is exhausted; returns every card seen, in order. */
async function pageThrough(person: SignedInPerson, decisionFor: (card: Card) => string = () => 'no'): Promise<Card[]> {
  const seen: Card[] = [];
  for (let page = 0; page < 40; page += 1) {
    const deck = await discover(person);
    if (deck.exhausted) {
      expect(deck.people).toEqual([]);
      return seen;
    }
    expect(new Set(deck.people.map((card) => card.id)).size).toBe(deck.people.length);
    for (const card of deck.people) {
      seen.push(card);
      expect((await decide(person, card.id, decisionFor(card))).status).toBe(200);
    }
  }
  throw new Error('The deck never ran out');
}

let viewer: SignedInPerson;
let near: SignedInPerson[];
let far: SignedInPerson[];
let bystander: SignedInPerson;

beforeAll(async () => {
  const everyone = await people(16, 'near');
  [viewer, bystander] = everyone as [SignedInPerson, SignedInPerson];
  near = everyone.slice(2);
  far = await people(10, 'far');
  await putProfile(viewer, profile('10001', 25));
  const nearZips = ['10001', '10002', '10011', '11550'];
  for (const [i, person] of near.entries()) await putProfile(person, profile(nearZips[i % nearZips.length]!, 10));
  // Princeton (43 miles) and Pittsburgh (315 miles): outside a 25-mile radius from Manhattan.
  for (const [i, person] of far.entries()) await putProfile(person, profile(i % 2 === 0 ? '08540' : '15222', 100));
}, 180_000);

describe('friend profiles', () => {
  it('resolves the zip to a city and state, and refuses bad input with nothing stored', async () => {
    const stored = await api().get('/api/v1/me/friend-profile', viewer.accessToken);
    expect(stored.body).toMatchObject({ zip: '10001', city: 'New York', state: 'NY', radiusMiles: 25, discoverable: true, hobbies: ['Chess', 'Hiking'] });
    expect(JSON.stringify(stored.body)).not.toMatch(/"lat"|"lng"|"rank"/);

    expect((await api().get('/api/v1/me/friend-profile', bystander.accessToken)).status).toBe(404);
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [profile('00000'), 422, 'unknown_zip'],
      [profile('10001', 4), 400, 'validation_failed'],
      [profile('10001', 101), 400, 'validation_failed'],
      [profile('10001', 10.5), 400, 'validation_failed'],
      [profile('10001', 10, { hobbies: Array.from({ length: 21 }, (_, i) => `h${i}`) }), 400, 'validation_failed'],
      [profile('10001', 10, { interests: ['x'.repeat(41)] }), 400, 'validation_failed'],
      [profile('10001', 10, { hobbies: ['chess\u202E'] }), 400, 'validation_failed'],
      [profile('10001', 10, { admin: true }), 400, 'validation_failed'],
      [profile('10001', 10, { photoIds: ['6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a01'] }), 422, 'photo_not_ready'],
    ];
    for (const [body, status, code] of bad) {
      const response = await api().call('PUT', '/api/v1/me/friend-profile', { body, token: bystander.accessToken });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code });
    }
    expect((await api().get('/api/v1/me/friend-profile', bystander.accessToken)).status).toBe(404);
    expect((await api().get('/api/v1/friends/discover', bystander.accessToken)).body).toMatchObject({ code: 'friend_profile_required' });
  }, 60_000);
});

describe('discovery, decisions and matches', () => {
  it('shows exactly the people in range once each, never again after a decision, and matches a mutual yes once', async () => {
    const [refuser, liker, hidden, withPhoto] = near as [SignedInPerson, SignedInPerson, SignedInPerson, SignedInPerson];
    expect((await decide(refuser, viewer.userId, 'no')).body).toEqual({ decision: 'no', matched: false });
    expect((await decide(liker, viewer.userId, 'yes')).body).toEqual({ decision: 'yes', matched: false });
    await putProfile(hidden, profile('10001', 10, { discoverable: false }));
    const photoId = await uploadPhoto(twin().url, withPhoto.accessToken, await jpegWithGps(), 'image/jpeg', 'me.jpg');
    expect((await settledPhoto(twin().url, withPhoto.accessToken, photoId)).status).toBe('ready');
    await putProfile(withPhoto, profile('10002', 10, { photoIds: [photoId] }));

    // A card shown but not decided on comes back; nobody appears twice within a page.
    const first = await discover(viewer);
    expect((await discover(viewer)).people.map((card) => card.id)).toEqual(first.people.map((card) => card.id));

    const seen = await pageThrough(viewer, (card) => (card.id === liker.userId ? 'yes' : 'no'));
    const expected = near.filter((person) => person !== refuser && person !== hidden).map((person) => person.userId);
    expect(seen.map((card) => card.id).sort()).toEqual([...expected].sort());
    expect(new Set(seen.map((card) => card.id)).size).toBe(seen.length);
    for (const card of seen) {
      expect(card.distanceMiles).toBeGreaterThanOrEqual(1);
      expect(card.distanceMiles).toBeLessThanOrEqual(25);
      expect(card.shared).toEqual({ hobbies: ['Chess', 'Hiking'], interests: ['Jazz'] });
      expect(JSON.stringify(card)).not.toMatch(/"zip"|"lat"|"lng"|1000[12]|11550/);
    }
    const photoCard = seen.find((card) => card.id === withPhoto.userId)!;
    expect(photoCard.photos).toHaveLength(1);
    expect(photoCard.photos[0]).toMatchObject({ id: photoId, urls: { thumb: expect.any(String), medium: expect.any(String), large: expect.any(String) } });
    expect((await fetch(photoCard.photos[0]!.urls.thumb!)).status).toBe(200);

    // Decided people never come back: the next round of the deck finds nobody (in one call or a few, as
    // each call reads a bounded part of it).
    for (let call = 0; call < 10; call += 1) {
      const again = await discover(viewer);
      expect(again.people).toEqual([]);
      if (again.exhausted) break;
    }

    // The mutual yes made one match, on both sides, with one email each.
    const viewerMatches = (await api().get<{ matches: Array<{ id: string; person: { id: string } }> }>('/api/v1/matches', viewer.accessToken)).body.matches;
    const likerMatches = (await api().get<{ matches: Array<{ id: string; person: { id: string } }> }>('/api/v1/matches', liker.accessToken)).body.matches;
    expect(viewerMatches.map((match) => match.person.id)).toEqual([liker.userId]);
    expect(likerMatches.map((match) => [match.id, match.person.id])).toEqual([[viewerMatches[0]!.id, viewer.userId]]);
    await waitForEmail(twin().outboxDirectory, viewer.email, { subject: 'You have a new match' });
    await waitForEmail(twin().outboxDirectory, liker.email, { subject: 'You have a new match' });

    // Deciding again: the same answer; a different decision: refused.
    expect((await decide(viewer, liker.userId, 'yes')).body).toEqual({ decision: 'yes', matched: true, matchId: viewerMatches[0]!.id });
    expect((await decide(viewer, liker.userId, 'no')).body).toMatchObject({ status: 409, code: 'already_decided' });
    expect((await emailsTo(twin().outboxDirectory, viewer.email)).filter((email) => email.subject.includes('new match'))).toHaveLength(1);

    // Unmatch: gone for both, for good.
    expect((await api().delete(`/api/v1/matches/${viewerMatches[0]!.id}`, undefined, liker.accessToken)).status).toBe(204);
    expect((await api().get<{ matches: unknown[] }>('/api/v1/matches', viewer.accessToken)).body.matches).toEqual([]);
    expect((await api().get<{ matches: unknown[] }>('/api/v1/matches', liker.accessToken)).body.matches).toEqual([]);
    expect((await api().delete(`/api/v1/matches/${viewerMatches[0]!.id}`, undefined, viewer.accessToken)).status).toBe(404);

    // A newcomer in range appears in a later discover.
    await putProfile(bystander, profile('10011', 10));
    // A later call finds them (each call reads a bounded part of the new round, so it may take a few).
    const later: string[] = [];
    for (let call = 0; call < 10 && later.length === 0; call += 1) later.push(...(await discover(viewer)).people.map((card) => card.id));
    expect(later).toEqual([bystander.userId]);
  }, 120_000);

  it('answers 404 alike for yourself, an unknown id and someone without a profile', async () => {
    const stranger = far[0]!;
    const noProfile = await signedInPerson(twin(), 'no-profile@example.com');
    for (const id of [stranger.userId.replace(/.$/, (c) => (c === '0' ? '1' : '0')), viewer.userId, noProfile.userId]) {
      const response = await decide(viewer, id, 'yes');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'person_not_found' });
    }
    expect((await decide(viewer, stranger.userId, 'maybe')).status).toBe(400);
  }, 60_000);

  it('uses the fine index for small radii: a 10-mile deck holds exactly the people within 10 miles', async () => {
    const [, , , , small] = near as SignedInPerson[];
    const seen = await pageThrough(small!);
    // 11550 (Hempstead, 20 miles) is out (but near[3] moved to 10002 for its photo), and so is the hidden
    // profile; the newcomer (10011) is in. The viewer is within 10 miles but said no to this person.
    const outOfRange = (i: number) => i % 4 === 3 && i !== 3;
    const within = [bystander, ...near.filter((person, i) => person !== small && !outOfRange(i) && i !== 2)];
    const missing = within.filter((person) => !seen.some((card) => card.id === person.userId)).map((person) => [person.email, near.indexOf(person)]);
    expect(missing).toEqual([]);
    expect(seen.map((card) => card.id).sort()).toEqual(within.map((person) => person.userId).sort());
  }, 60_000);
});

describe('disabled accounts and leaving discovery', () => {
  it('hides a disabled person from decks and match lists while disabled, and keeps matches when a profile is deleted', async () => {
    const [, , princeton, , disabled, , viewerThere] = far as SignedInPerson[];
    await decide(princeton!, disabled!.userId, 'yes');
    expect((await decide(disabled!, princeton!.userId, 'yes')).body).toMatchObject({ matched: true });
    const users = new UserRepository(dynamo(), twin().names.table);
    const matchesOf = async (person: SignedInPerson) => (await api().get<{ matches: Array<{ person: { id: string } }> }>('/api/v1/matches', person.accessToken)).body.matches;

    useEmulatorEnvironment();
    expect(await users.update(disabled!.userId, { status: 'disabled' })).toBe(true);
    expect(await matchesOf(princeton!)).toEqual([]);
    expect((await pageThrough(viewerThere!)).map((card) => card.id)).not.toContain(disabled!.userId);

    expect(await users.update(disabled!.userId, { status: 'active' })).toBe(true);
    expect((await matchesOf(princeton!)).map((match) => match.person.id)).toEqual([disabled!.userId]);
    let shown = false;
    for (let call = 0; call < 10 && !shown; call += 1) shown = (await discover(viewerThere!)).people.some((card) => card.id === disabled!.userId);
    expect(shown).toBe(true);

    expect((await api().delete('/api/v1/me/friend-profile', undefined, princeton!.accessToken)).status).toBe(204);
    expect((await api().get('/api/v1/me/friend-profile', princeton!.accessToken)).status).toBe(404);
    expect((await matchesOf(princeton!)).map((match) => match.person.id)).toEqual([disabled!.userId]);
  }, 90_000);
});

describe('deleting an account', () => {
  it('removes the person from every deck, pair and match list, leaving nothing of them', async () => {
    const [left, right] = far as [SignedInPerson, SignedInPerson];
    await decide(left, right.userId, 'yes');
    expect((await decide(right, left.userId, 'yes')).body).toMatchObject({ matched: true });
    expect((await api().delete('/api/v1/me', { password: left.password }, left.accessToken)).status).toBe(204);

    expect((await api().get<{ matches: unknown[] }>('/api/v1/matches', right.accessToken)).body.matches).toEqual([]);
    expect(await leftoversOf(twin(), [left.userId, left.email])).toEqual([]);
  }, 60_000);
});
