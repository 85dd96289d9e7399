import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { userKey } from '../../shared/accounts/table-keys.ts';
import { distanceMiles } from '../../shared/friends/distance.ts';
import { friendProfileItem, newRank, type FriendProfile } from '../../shared/friends/friend-profiles.ts';
import { allZipCodes, lookupZip } from '../../shared/friends/zips/zip-lookup.ts';

const MANHATTAN = lookupZip('10001')!;
const HOBBIES = ['Chess', 'Hiking', 'Climbing', 'Board games', 'Cooking', 'Running', 'Photography', 'Knitting', 'Cycling', 'Yoga', 'Gardening', 'Painting'];
const INTERESTS = ['Jazz', 'History', 'Science fiction', 'Startups', 'Poetry', 'Film', 'Astronomy', 'Languages', 'Theatre', 'Architecture'];

export interface PopulationOptions {
  readonly people: number;
  /** Share of people within 30 miles of Manhattan (the rest anywhere in the US). */
  readonly metroShare: number;
  /** Deterministic choices for repeatable benchmarks. */
  readonly random?: () => number;
}

/** A small deterministic generator (mulberry32), so two seeded populations are the same. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const some = (list: readonly string[], random: () => number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(list, random)))];

/**
 * Writes a population of active, discoverable people with friend profiles
 * straight into the table (batch writes, the same items the API writes), for
 * local exploration and the bench. Seeded people have no email address that
 * can log in: they exist to be discovered.
 */
export async function seedFriendPopulation(db: DynamoDBDocumentClient, tableName: string, options: PopulationOptions): Promise<{ metro: number; elsewhere: number }> {
  const random = options.random ?? Math.random;
  const zips = allZipCodes();
  const metroZips = zips.filter((zip) => distanceMiles(MANHATTAN, lookupZip(zip)!) <= 30);
  const now = new Date().toISOString();
  const items: Array<Record<string, unknown>> = [];
  let metro = 0;
  for (let i = 0; i < options.people; i += 1) {
    const inMetro = random() < options.metroShare;
    if (inMetro) metro += 1;
    const place = lookupZip(pick(inMetro ? metroZips : zips, random))!;
    const userId = randomUUID();
    const profile: FriendProfile = {
      userId,
      hobbies: some(HOBBIES, random),
      interests: some(INTERESTS, random),
      zip: place.zip,
      city: place.place,
      state: place.state,
      lat: place.lat,
      lng: place.lng,
      radiusMiles: 5 + Math.floor(random() * 96),
      discoverable: true,
      photoIds: [],
      rank: newRank(),
      createdAt: now,
      updatedAt: now,
    };
    items.push(
      { ...userKey(userId), type: 'USER', id: userId, email: `seeded-${userId}@kindred.invalid`, name: `Seeded ${i}`, role: 'user', status: 'active', createdAt: now, updatedAt: now, confirmedAt: now },
      friendProfileItem(profile),
    );
  }
  await writeAll(db, tableName, items);
  return { metro, elsewhere: options.people - metro };
}

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let requests: Array<Record<string, unknown>> | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests && requests.length > 0) {
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = result.UnprocessedItems?.[tableName] as Array<Record<string, unknown>> | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
