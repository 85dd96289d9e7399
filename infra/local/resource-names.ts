import { BUCKETS, QUEUES, type BucketId, type QueueId } from '../resources.ts';

export interface LocalResourceNames {
  readonly prefix: string;
  readonly table: string;
  readonly buckets: Readonly<Record<BucketId, string>>;
  readonly queues: Readonly<Record<QueueId, string>>;
  readonly deadLetterQueues: Readonly<Record<QueueId, string>>;
}

const UPLOADS_SUFFIX = '-uploads';

/**
 * Names of one set of local resources. `npm start` uses the `kindred` set;
 * each test file gets its own prefix, so files never see each other's data.
 */
export function localResourceNames(prefix = 'kindred'): LocalResourceNames {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(prefix)) throw new Error(`Invalid resource prefix "${prefix}".`);
  const queueIds = Object.keys(QUEUES) as QueueId[];
  const bucketIds = Object.keys(BUCKETS) as BucketId[];
  return {
    prefix,
    table: `${prefix}-table`,
    buckets: Object.fromEntries(bucketIds.map((id) => [id, `${prefix}-${id}`])) as Record<BucketId, string>,
    queues: Object.fromEntries(queueIds.map((id) => [id, `${prefix}-${id}`])) as Record<QueueId, string>,
    deadLetterQueues: Object.fromEntries(queueIds.map((id) => [id, `${prefix}-${id}-dlq`])) as Record<QueueId, string>,
  };
}

/**
 * The queue that receives a bucket's object-created notifications, mirroring
 * the CDK wiring (uploads bucket -> image queue) for any prefix.
 */
export function notificationQueueFor(bucket: string): string | undefined {
  if (!bucket.endsWith(UPLOADS_SUFFIX)) return undefined;
  return localResourceNames(bucket.slice(0, -UPLOADS_SUFFIX.length)).queues.image;
}
