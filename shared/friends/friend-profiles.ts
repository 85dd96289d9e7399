import { DeleteCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { activeOwnerCheck } from '../accounts/table-keys.ts';
import { batchGet } from '../clients/batch-get.ts';
import { cancellationCodes } from '../clients/transaction-retry.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors/domain-errors.ts';
import { cellOf, COARSE_PRECISION, FINE_PRECISION } from './cells.ts';
import { DISCOVERY_SHARD, friendProfileKey } from './friend-keys.ts';
import type { FriendProfileInput } from './friend-profile-input.ts';
import { lookupZip } from './zips/zip-lookup.ts';
import { photoKey } from '../photos/photo-repository.ts';

/** A friend profile as stored; `lat`/`lng` are the zip's centroid and never leave the server. */
export interface FriendProfile {
  readonly userId: string;
  readonly hobbies: string[];
  readonly interests: string[];
  readonly zip: string;
  readonly city: string;
  readonly state: string;
  readonly lat: number;
  readonly lng: number;
  readonly radiusMiles: number;
  readonly bio?: string;
  readonly discoverable: boolean;
  /** The ready photos shown on the person's card, in their order. */
  readonly photoIds: string[];
  /** Random and fixed at creation: the person's place in every deck's order. */
  readonly rank: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the owner sees of their profile (their own zip included; never the coordinates). */
export type FriendProfileView = Omit<FriendProfile, 'lat' | 'lng' | 'rank' | 'userId'>;

const missing = () => new NotFoundError('friend_profile_missing', 'You have no friend profile yet: PUT one first.');

export class FriendProfileRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(userId: string): Promise<FriendProfile | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: friendProfileKey(userId), ConsistentRead: true }));
    return Item ? toProfile(Item) : undefined;
  }

  /**
   * Writes the profile, on condition that the account is active and not being
   * deleted. A discoverable profile carries the discovery index keys; a hidden
   * one carries none, so it is in no deck. The person's own deck (an attribute
   * of the profile, see discovery.ts) starts afresh with any change.
   */
  async save(profile: FriendProfile): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            activeOwnerCheck(this.tableName, profile.userId),
            { Put: { TableName: this.tableName, Item: friendProfileItem(profile) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async delete(userId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: friendProfileKey(userId) }));
  }

  /** Which of these photo ids are the person's photos ready to show. */
  async readyPhotos(userId: string, photoIds: readonly string[]): Promise<Set<string>> {
    const items = await batchGet(this.db, this.tableName, photoIds.map((id) => photoKey(userId, id)), { consistent: true });
    return new Set([...items.values()].filter((item) => item.status === 'ready').map((item) => item.photoId as string));
  }
}

/** The stored item: the profile, and the discovery index keys when it is discoverable (a hidden one is in no deck). */
export function friendProfileItem(profile: FriendProfile): Record<string, unknown> {
  return { ...friendProfileKey(profile.userId), type: 'FRIEND_PROFILE', ...profile, ...(profile.discoverable ? discoveryKeys(profile) : {}) };
}

function discoveryKeys(profile: FriendProfile) {
  const point = { lat: profile.lat, lng: profile.lng };
  const order = `${profile.rank}#${profile.userId}`;
  return {
    fnPk: `${cellOf(point, FINE_PRECISION)}#${DISCOVERY_SHARD}`,
    fnSk: order,
    fwPk: `${cellOf(point, COARSE_PRECISION)}#${DISCOVERY_SHARD}`,
    fwSk: order,
  };
}

export function toProfile(item: Record<string, unknown>): FriendProfile {
  return {
    userId: item.userId as string,
    hobbies: item.hobbies as string[],
    interests: item.interests as string[],
    zip: item.zip as string,
    city: item.city as string,
    state: item.state as string,
    lat: item.lat as number,
    lng: item.lng as number,
    radiusMiles: item.radiusMiles as number,
    ...(typeof item.bio === 'string' ? { bio: item.bio } : {}),
    discoverable: item.discoverable as boolean,
    photoIds: (item.photoIds as string[] | undefined) ?? [],
    rank: item.rank as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export function profileView(profile: FriendProfile): FriendProfileView {
  const { lat: _lat, lng: _lng, rank: _rank, userId: _userId, ...view } = profile;
  return view;
}

/** A new random rank: 12 hex digits, so ties between two people are vanishingly rare (and harmless). */
export const newRank = () => randomBytes(6).toString('hex');

export interface FriendProfileDeps {
  readonly profiles: FriendProfileRepository;
}

/** Creates or replaces the person's friend profile; the zip must be a known US zip code. */
export async function putFriendProfile(deps: FriendProfileDeps, userId: string, input: FriendProfileInput): Promise<FriendProfileView> {
  const place = lookupZip(input.zip);
  if (!place) throw new InvalidInputError('unknown_zip', 'This is not a US zip code we know.', [{ field: 'body.zip', message: 'Unknown US zip code.' }]);
  const photoIds = [...new Set(input.photoIds ?? [])];
  if (photoIds.length > 0) {
    const ready = await deps.profiles.readyPhotos(userId, photoIds);
    const unknown = photoIds.filter((id) => !ready.has(id));
    if (unknown.length > 0) {
      throw new InvalidInputError('photo_not_ready', 'Cards show only your own processed photos.', unknown.map((id) => ({ field: 'body.photoIds', message: `No ready photo ${id}.` })));
    }
  }
  const existing = await deps.profiles.find(userId);
  const now = new Date().toISOString();
  const profile: FriendProfile = {
    userId,
    hobbies: input.hobbies,
    interests: input.interests,
    zip: place.zip,
    city: place.place,
    state: place.state,
    lat: place.lat,
    lng: place.lng,
    radiusMiles: input.radiusMiles,
    ...(input.bio ? { bio: input.bio } : {}),
    discoverable: input.discoverable,
    photoIds,
    rank: existing?.rank ?? newRank(),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  if (!(await deps.profiles.save(profile))) throw new ForbiddenError('account_inactive', 'Only an active account can have a friend profile.');
  return profileView(profile);
}

export async function getFriendProfile(deps: FriendProfileDeps, userId: string): Promise<FriendProfileView> {
  const profile = await deps.profiles.find(userId);
  if (!profile) throw missing();
  return profileView(profile);
}

/** Leaves discovery: the profile and the deck go; decisions and matches stay. */
export async function deleteFriendProfile(deps: FriendProfileDeps, userId: string): Promise<void> {
  await deps.profiles.delete(userId);
}
