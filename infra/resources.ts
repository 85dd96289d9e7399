/**
 * The stateful resources described once, as plain data. The CDK stack builds
 * them in AWS and the local twin creates the same ones in the emulators, so
 * keys, indexes and queue settings cannot drift between the two.
 */

import { DEFAULT_PICTURE_PREFIX } from '../shared/journal/default-pictures.ts';

/** Which attributes an index copies: keep secrets and unread fields out of every index. */
export type IndexProjection = { readonly type: 'ALL' } | { readonly type: 'KEYS_ONLY' } | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** `S` unless the index orders by number (for example a score). */
  readonly sortKeyType?: 'S' | 'N';
  readonly projection: IndexProjection;
}

/** What an administrator's user listing shows (shared/accounts/profile.ts, toProfile and the avatar). */
export const USER_LISTING_ATTRIBUTES = ['id', 'email', 'name', 'role', 'status', 'createdAt', 'confirmedAt', 'pendingEmail', 'avatarPhotoId'] as const;

/** What discovery reads of a friend profile: enough for the distance check and the card, nothing else. */
const FRIEND_CARD_ATTRIBUTES = ['userId', 'lat', 'lng', 'hobbies', 'interests', 'bio', 'city', 'state', 'photoIds'] as const;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after it passes. */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    // The administrators' user listings (shared/accounts/user-indexes.ts), each projecting only what a
    // listing shows: no password hash or stamp, nor any other secret, is copied into an index.
    ...(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5'] as const).map((name) => ({
      indexName: name,
      partitionKey: `${name}pk`,
      sortKey: `${name}sk`,
      projection: { type: 'INCLUDE', attributes: USER_LISTING_ATTRIBUTES },
    })),
    // Friend discovery (shared/friends/friend-keys.ts): discoverable friend profiles by geohash cell,
    // precision 4 for small radii and 3 for large ones, each holding only what a card shows.
    { indexName: 'friendsNear', partitionKey: 'fnPk', sortKey: 'fnSk', projection: { type: 'INCLUDE', attributes: FRIEND_CARD_ATTRIBUTES } },
    { indexName: 'friendsWide', partitionKey: 'fwPk', sortKey: 'fwSk', projection: { type: 'INCLUDE', attributes: FRIEND_CARD_ATTRIBUTES } },
  ] as readonly IndexDefinition[],
} as const;

export interface QueueDefinition {
  /**
   * At least six times the worker's timeout plus the batching window (AWS's guidance for Lambda
   * consumers): Lambda's retries of a throttled or failed invocation then finish before the
   * message is visible again, instead of a second worker taking it while the first still runs.
   */
  readonly visibilityTimeoutSeconds: number;
  /** Deliveries before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly retentionDays: number;
  readonly deadLetterRetentionDays: number;
  /** The worker function that consumes it (`functions/<worker>/index.ts`). */
  readonly worker: 'email-worker' | 'image-worker';
  readonly workerTimeoutSeconds: number;
  readonly workerMemoryMb: number;
  /**
   * The event source invokes at most this many workers at once (`maxConcurrency`, 2 or more).
   * When the worker also reserves concurrency it reserves exactly this many, so the event source
   * never polls more batches than the function may run: throttled receives would count towards
   * `maxReceiveCount` and dead-letter good messages in a burst.
   */
  readonly workerConcurrency: number;
  /** Whether the worker reserves `workerConcurrency` executions (a hard cap, taken from the account's pool). */
  readonly reserveConcurrency: boolean;
  /** The alarm fires when the oldest message has waited longer than this: the worker is not keeping up. */
  readonly oldestMessageAlarmSeconds: number;
}

/** AWS's guidance for a queue consumed by Lambda: six times the function timeout, plus the batching window. */
const visibilityFor = (workerTimeoutSeconds: number, maxBatchingWindowSeconds: number): number =>
  6 * workerTimeoutSeconds + maxBatchingWindowSeconds;

export const QUEUES = {
  email: {
    visibilityTimeoutSeconds: visibilityFor(20, 1),
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
    worker: 'email-worker',
    workerTimeoutSeconds: 20,
    workerMemoryMb: 256,
    // Bounds the sends in flight against the SES send rate: two workers, each sending its batch (up
    // to 10) in parallel, so at most 20 at once however long the queue. A send SES throttles fails
    // its record, which returns after the visibility timeout (the claim is released first).
    workerConcurrency: 2,
    reserveConcurrency: false,
    // Confirmation and reset links are waited for: five minutes is already late.
    oldestMessageAlarmSeconds: 300,
  },
  image: {
    visibilityTimeoutSeconds: visibilityFor(60, 1),
    maxReceiveCount: 5,
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
    worker: 'image-worker',
    workerTimeoutSeconds: 60,
    workerMemoryMb: 1536,
    // At most five photos at once (1.5 GB each), leaving the account's concurrency to the API.
    workerConcurrency: 5,
    reserveConcurrency: true,
    oldestMessageAlarmSeconds: 600,
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueId = keyof typeof QUEUES;

export const BUCKETS = {
  /** Browser uploads land here (presigned POST) and are deleted once processed. */
  uploads: { keyPrefix: 'uploads/', expireAfterDays: 1 },
  /** Processed, metadata-free variants. */
  media: { keyPrefix: 'media/' },
} as const;

export type BucketId = keyof typeof BUCKETS;

/**
 * Files shipped into the media bucket with every deployment (and into the twin's local S3 when it
 * starts): the journal's default pictures, generated by `npm run journal:pictures`. Never personal,
 * so they may be cached for a year.
 */
export const MEDIA_SEEDS = [
  { sourceDirectory: 'infra/journal-pictures/webp', keyPrefix: DEFAULT_PICTURE_PREFIX, contentType: 'image/webp', cacheControl: 'public, max-age=31536000, immutable' },
] as const;
