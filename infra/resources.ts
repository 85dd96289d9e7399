/**
 * The stateful resources described once, as plain data. The CDK stack builds
 * them in AWS and the local twin creates the same ones in the emulators, so
 * keys, indexes and queue settings cannot drift between the two.
 */

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

/** What discovery reads of a friend profile: enough for the distance check and the card, nothing else. */
const FRIEND_CARD_ATTRIBUTES = ['userId', 'lat', 'lng', 'hobbies', 'interests', 'bio', 'city', 'state', 'photoIds'] as const;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after it passes. */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    // Generic overloaded indexes; each entity documents what it writes there
    // (users: shared/accounts/user-indexes.ts).
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: { type: 'ALL' } },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: { type: 'ALL' } },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: { type: 'ALL' } },
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: { type: 'ALL' } },
    { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: { type: 'ALL' } },
    // Friend discovery (shared/friends/friend-keys.ts): discoverable friend profiles by geohash cell,
    // precision 4 for small radii and 3 for large ones, each holding only what a card shows.
    { indexName: 'friendsNear', partitionKey: 'fnPk', sortKey: 'fnSk', projection: { type: 'INCLUDE', attributes: FRIEND_CARD_ATTRIBUTES } },
    { indexName: 'friendsWide', partitionKey: 'fwPk', sortKey: 'fwSk', projection: { type: 'INCLUDE', attributes: FRIEND_CARD_ATTRIBUTES } },
  ] as readonly IndexDefinition[],
} as const;

export interface QueueDefinition {
  /** Must be at least the worker's timeout, or a message is redelivered while still being processed. */
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
}

export const QUEUES = {
  email: {
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
    worker: 'email-worker',
    workerTimeoutSeconds: 20,
    workerMemoryMb: 256,
  },
  image: {
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    retentionDays: 4,
    deadLetterRetentionDays: 14,
    worker: 'image-worker',
    workerTimeoutSeconds: 60,
    workerMemoryMb: 1536,
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
