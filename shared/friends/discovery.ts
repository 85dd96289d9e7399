import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { userKey } from '../accounts/table-keys.ts';
import { toUser, type User } from '../accounts/user-repository.ts';
import { batchGet, itemKey } from '../clients/batch-get.ts';
import { ConflictError } from '../errors/domain-errors.ts';
import { avatarOf } from '../photos/photo-service.ts';
import type { MediaUrls } from '../photos/media-urls.ts';
import { cellsWithin, FINE_PRECISION, precisionFor } from './cells.ts';
import { distanceMiles } from './distance.ts';
import { DISCOVERY_INDEX, DISCOVERY_SHARD, friendProfileKey, pairKey } from './friend-keys.ts';
import { newRank, toProfile, type FriendProfile } from './friend-profiles.ts';
import { cardPhotos, isShowable, type PhotoCard } from './friend-people.ts';
import { MAX_QUERIES_PER_PAGE } from './friend-rules.ts';

/**
 * Candidates read per cell per round: three times what is still needed, as the bounding cells hold
 * people outside the circle and people already decided on. Index items are small (about 250 bytes),
 * so a generous read costs little; each round costs a batch read of the candidates' accounts and pairs.
 */
const MIN_READ_PER_CELL = 8;
const MAX_READ_PER_CELL = 60;
/** Rounds of reads per page: with the first batch read and the deck write, at most 4 other calls (5 with card photos). */
const MAX_ROUNDS = 2;

export interface Card {
  readonly id: string;
  readonly name: string;
  readonly avatarUrl: string;
  readonly photos: PhotoCard[];
  readonly hobbies: string[];
  readonly interests: string[];
  readonly bio?: string;
  readonly city: string;
  readonly state: string;
  readonly distanceMiles: number;
  readonly shared: { hobbies: string[]; interests: string[] };
}

export interface DiscoveryDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly storage?: MediaUrls;
}

/**
 * Where the viewer is in each cell of their area. A cell is read in the
 * order of the people's random ranks, from the deck's random start to the
 * end (phase 0), then from the beginning up to the start (phase 1). Cursors
 * hold ranks only, never anybody's id, so a deck keeps nothing of a person
 * who deletes their account.
 */
interface CellCursor {
  readonly cell: string;
  readonly phase: 0 | 1;
  readonly after?: string;
  readonly done: boolean;
}

interface Deck {
  readonly precision: number;
  readonly start: string;
  readonly cells: CellCursor[];
}


interface Candidate {
  readonly profile: Pick<FriendProfile, 'userId' | 'hobbies' | 'interests' | 'bio' | 'city' | 'state' | 'lat' | 'lng' | 'photoIds'>;
  readonly rank: string;
  readonly miles: number;
}

/** A fresh deck over the cells around the viewer, in an order of cells and a start point of their own. */
function newDeck(profile: FriendProfile): Deck {
  const precision = precisionFor(profile.radiusMiles);
  const cells = cellsWithin({ lat: profile.lat, lng: profile.lng }, profile.radiusMiles, precision);
  for (let i = cells.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  return { precision, start: newRank(), cells: cells.map((cell) => ({ cell, phase: 0, done: false })) };
}

/**
 * The next people for the viewer: within their radius, undecided by them,
 * not refused by the other, both active and discoverable. The deck resumes
 * where it stopped: people shown but not yet decided on are shown again;
 * people decided on, or filtered out, are passed for good in this round of
 * the deck. When a whole round finds nobody, the answer is `exhausted` and
 * the next call starts a new round (so newcomers appear).
 */
export async function discover(deps: DiscoveryDeps, viewerId: string, limit: number): Promise<{ people: Card[]; exhausted: boolean }> {
  const { Item: viewerItem } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: friendProfileKey(viewerId), ConsistentRead: true }));
  if (!viewerItem) throw new ConflictError('friend_profile_required', 'Make a friend profile first (PUT /api/v1/me/friend-profile).');
  const viewer = toProfile(viewerItem);
  if (!viewer.discoverable) throw new ConflictError('friend_profile_hidden', 'Your friend profile is hidden: make it discoverable to discover people.');
  const deck = (viewerItem.deck as Deck | undefined) ?? newDeck(viewer);

  const chosen: Array<{ candidate: Candidate; user: User }> = [];
  // Within this request each cell is read on past the cards it shows; what is saved is the position
  // before its first card shown, so undecided cards come back on the next call.
  const reading = deck.cells.map((cursor) => ({ ...cursor }));
  const firstShown = new Map<number, CellCursor>();
  let queries = 0;
  for (let rounds = 0; rounds < MAX_ROUNDS; rounds += 1) {
    const open = [...reading.keys()].filter((index) => !reading[index]!.done);
    const need = limit - chosen.length;
    if (need <= 0 || open.length === 0 || queries >= MAX_QUERIES_PER_PAGE) break;
    const round = open.slice(0, MAX_QUERIES_PER_PAGE - queries);
    const perCell = Math.min(MAX_READ_PER_CELL, Math.max(MIN_READ_PER_CELL, Math.ceil((3 * need) / round.length)));
    queries += round.length;
    const reads = await Promise.all(round.map((index) => readCell(deps, deck, reading[index]!, perCell, viewer)));
    const lookups = await lookUp(deps, viewerId, reads.flatMap((read) => read.candidates));
    for (const [i, read] of reads.entries()) {
      const index = round[i]!;
      const cursor = reading[index]!;
      let passed = cursor.after;
      for (const candidate of read.candidates) {
        const user = lookups.get(candidate.profile.userId);
        if (user && !chosen.some((entry) => entry.candidate.profile.userId === candidate.profile.userId)) {
          // The saved cursor stops before the first person this cell shows, or would have shown had the page room.
          if (!firstShown.has(index)) firstShown.set(index, { cell: cursor.cell, phase: cursor.phase, ...(passed ? { after: passed } : {}), done: false });
          if (chosen.length >= limit) break;
          chosen.push({ candidate, user });
        }
        passed = candidate.rank;
      }
      reading[index] = advance(cursor, read.lastRank, read.rangeEnded);
    }
  }
  deck.cells.splice(0, deck.cells.length, ...reading.map((cursor, index) => firstShown.get(index) ?? cursor));

  const exhausted = chosen.length === 0 && deck.cells.every((cursor) => cursor.done);
  // The deck lives on the profile itself, written only while the profile exists: a discover racing the
  // profile's (or the account's) deletion cannot leave a deck behind. An exhausted deck is dropped, so
  // the next call starts a new round.
  await deps.db
    .send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: friendProfileKey(viewerId),
        UpdateExpression: exhausted ? 'REMOVE deck' : 'SET deck = :deck',
        ConditionExpression: 'attribute_exists(pk)',
        ...(exhausted ? {} : { ExpressionAttributeValues: { ':deck': deck } }),
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  const photos = await cardPhotos(deps, chosen.map(({ candidate }) => ({ userId: candidate.profile.userId, photoIds: candidate.profile.photoIds })));
  return {
    people: await Promise.all(chosen.map(({ candidate, user }) => toCard(deps, viewer, candidate, user, photos.get(candidate.profile.userId) ?? []))),
    exhausted,
  };
}

/** The cursor after a read that ended at `lastRank`: on in the same phase, or on to the next phase (or done). */
function advance(cursor: CellCursor, lastRank: string | undefined, rangeEnded: boolean): CellCursor {
  if (!rangeEnded) return { ...cursor, ...(lastRank ? { after: lastRank } : {}) };
  if (cursor.phase === 0) return { cell: cursor.cell, phase: 1, done: false };
  return { cell: cursor.cell, phase: 1, done: true };
}

/** One Query of a cell from its cursor; people outside the viewer's radius (and the viewer) are dropped here. */
async function readCell(deps: DiscoveryDeps, deck: Deck, cursor: CellCursor, limit: number, viewer: FriendProfile) {
  const index = deck.precision === FINE_PRECISION ? DISCOVERY_INDEX.near : DISCOVERY_INDEX.wide;
  const from = cursor.after ? `${cursor.after}#~` : undefined;
  const range =
    cursor.phase === 0
      ? { condition: '#pk = :cell AND #sk > :from', values: { ':from': from ?? deck.start } }
      : { condition: '#pk = :cell AND #sk BETWEEN :from AND :to', values: { ':from': from ?? '0', ':to': deck.start } };
  const result = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: index.name,
      KeyConditionExpression: range.condition,
      ExpressionAttributeNames: { '#pk': index.pk, '#sk': index.sk },
      ExpressionAttributeValues: { ':cell': `${cursor.cell}#${DISCOVERY_SHARD}`, ...range.values },
      Limit: limit,
    }),
  );
  const items = result.Items ?? [];
  const here = { lat: viewer.lat, lng: viewer.lng };
  const candidates: Candidate[] = [];
  for (const item of items) {
    const rank = (item[index.sk] as string).split('#')[0]!;
    const miles = distanceMiles(here, { lat: item.lat as number, lng: item.lng as number });
    if (item.userId === viewer.userId || miles > viewer.radiusMiles) continue;
    candidates.push({ profile: item as unknown as Candidate['profile'], rank, miles });
  }
  const lastItem = items.at(-1);
  return {
    candidates,
    lastRank: lastItem ? (lastItem[index.sk] as string).split('#')[0] : undefined,
    rangeEnded: !result.LastEvaluatedKey,
  };
}

/**
 * One batch read of each candidate's account and pair with the viewer: who
 * may be shown. Decided by the viewer, refused by the other, unmatched,
 * inactive, unconfirmed or being deleted: not shown.
 */
async function lookUp(deps: DiscoveryDeps, viewerId: string, candidates: readonly Candidate[]): Promise<Map<string, User>> {
  const ids = [...new Set(candidates.map((candidate) => candidate.profile.userId))];
  if (ids.length === 0) return new Map();
  const items = await batchGet(deps.db, deps.tableName, ids.flatMap((id) => [userKey(id), pairKey(viewerId, id)]));
  const showable = new Map<string, User>();
  for (const id of ids) {
    const user = items.get(itemKey(userKey(id)));
    const pair = items.get(itemKey(pairKey(viewerId, id)));
    if (!user || !isShowable(user)) continue;
    const decisions = (pair?.decisions ?? {}) as Record<string, string>;
    if (decisions[viewerId] || decisions[id] === 'no' || pair?.unmatchedAt || pair?.matchId) continue;
    showable.set(id, toUser(user));
  }
  return showable;
}

const sameWords = (mine: readonly string[], theirs: readonly string[]) => {
  const wanted = new Set(mine.map((word) => word.toLocaleLowerCase('en-US')));
  return theirs.filter((word) => wanted.has(word.toLocaleLowerCase('en-US')));
};

async function toCard(deps: DiscoveryDeps, viewer: FriendProfile, candidate: Candidate, user: User, photos: PhotoCard[]): Promise<Card> {
  const { profile } = candidate;
  return {
    id: profile.userId,
    name: user.name,
    avatarUrl: (await avatarOf(deps.storage, user)).url,
    photos,
    hobbies: profile.hobbies,
    interests: profile.interests,
    ...(profile.bio ? { bio: profile.bio } : {}),
    city: profile.city,
    state: profile.state,
    // Whole miles and never 0: close enough to be useful, too coarse to locate anyone.
    distanceMiles: Math.max(1, Math.round(candidate.miles)),
    shared: { hobbies: sameWords(viewer.hobbies, profile.hobbies), interests: sameWords(viewer.interests, profile.interests) },
  };
}
