import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { provisionResources } from '../../infra/local/provision.ts';
import { localResourceNames } from '../../infra/local/resource-names.ts';
import { encodeS3Key } from '../../infra/local/s3-notifications.ts';
import { createdObjects, s3NotificationSchema } from '../../shared/images/s3-notification.ts';
import { uploadKey } from '../../shared/photos/photo-model.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';
import { PhotoStorage } from '../../shared/photos/photo-storage.ts';
import { processUpload } from '../../shared/photos/process-upload.ts';
import type { SqsWorker } from '../../shared/queue/sqs-worker.ts';
import { sqsEvent } from '../support/events.ts';
import { jpegWithGps } from '../support/images.ts';
import { pendingPhoto } from '../support/photo-records.ts';
import { uniquePrefix, useEmulatorEnvironment } from '../support/twin.ts';

const names = localResourceNames(uniquePrefix('images'));
const context = { getRemainingTimeInMillis: () => 60_000 } as Context;
let handler: SqsWorker;
let s3: S3Client;
let photos: PhotoRepository;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  useEmulatorEnvironment();
  s3 = new S3Client({ forcePathStyle: true });
  await provisionResources({ dynamodb: new DynamoDBClient({}), s3, sqs: new SQSClient({}) }, names);
  Object.assign(process.env, { TABLE_NAME: names.table, UPLOADS_BUCKET: names.buckets.uploads, MEDIA_BUCKET: names.buckets.media });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  photos = new PhotoRepository(db, names.table);
  ({ handler } = await import('../../functions/image-worker/index.ts'));
});

/** The sample batch, pointed at an upload in this file's bucket. */
function eventFor(key: string) {
  const event = sqsEvent('sqs-image-batch');
  const notification = JSON.parse(event.Records[0]!.body);
  notification.Records[0].s3.bucket.name = names.buckets.uploads;
  notification.Records[0].s3.object.key = encodeS3Key(key);
  event.Records[0]!.body = JSON.stringify(notification);
  return event;
}

describe('the image worker', () => {
  it('processes the upload a notification names, once, however often it is delivered', async () => {
    const { userId, photoId } = await pendingPhoto(db, names.table);
    await s3.send(new PutObjectCommand({ Bucket: names.buckets.uploads, Key: uploadKey(userId, photoId), Body: await jpegWithGps() }));

    const first = await handler(eventFor(uploadKey(userId, photoId)), context);
    expect(first.batchItemFailures).toEqual([]);
    const ready = await photos.find(userId, photoId);
    expect(ready).toMatchObject({ status: 'ready', width: 1600, height: 1200 });
    const thumb = await s3.send(new GetObjectCommand({ Bucket: names.buckets.media, Key: ready!.variants!.thumb }));
    const etag = thumb.ETag;

    // The same message again (SQS delivers at least once): nothing changes, nothing fails.
    const second = await handler(eventFor(uploadKey(userId, photoId)), context);
    expect(second.batchItemFailures).toEqual([]);
    expect(await photos.find(userId, photoId)).toEqual(ready);
    expect((await s3.send(new GetObjectCommand({ Bucket: names.buckets.media, Key: ready!.variants!.thumb }))).ETag).toBe(etag);
  });

  it('accepts the S3 test event and uploads it does not know', async () => {
    const response = await handler(sqsEvent('sqs-image-batch'), context);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('reads the uploaded object from the notification, decoding the key', () => {
    const notification = JSON.parse(sqsEvent('sqs-image-batch').Records[0]!.body);
    notification.Records[0].s3.object.key = 'uploads/u1/my+photo%281%29.jpg';
    expect(createdObjects(s3NotificationSchema.parse(notification))).toEqual([
      { bucket: 'kindred-uploads', key: 'uploads/u1/my photo(1).jpg', size: 182734, eTag: 'd41d8cd98f00b204e9800998ecf8427e' },
    ]);
  });

  it('fails only a record that is not an S3 notification', async () => {
    const event = sqsEvent('sqs-image-batch');
    event.Records[1]!.body = JSON.stringify({ Records: [{ eventSource: 'aws:sns' }] });
    const response = await handler(event, context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]!.messageId }]);
  });

  it('keeps no variant of a photo deleted while it was being processed', async () => {
    const { userId, photoId } = await pendingPhoto(db, names.table);
    await s3.send(new PutObjectCommand({ Bucket: names.buckets.uploads, Key: uploadKey(userId, photoId), Body: await jpegWithGps() }));
    // The deletion lands between the worker's read of the record and its final write.
    class DeletedMidway extends PhotoRepository {
      override async markReady(...args: Parameters<PhotoRepository['markReady']>): Promise<boolean> {
        await this.delete(userId, photoId);
        return super.markReady(...args);
      }
    }
    const storage = new PhotoStorage(s3, names.buckets.uploads, names.buckets.media);
    const outcome = await processUpload({ photos: new DeletedMidway(db, names.table), storage }, { bucket: names.buckets.uploads, key: uploadKey(userId, photoId), size: undefined, eTag: undefined });
    expect(outcome).toBe('ignored');
    for (const bucket of [names.buckets.uploads, names.buckets.media]) {
      expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: bucket === names.buckets.media ? `media/${userId}/` : `uploads/${userId}/` }))).KeyCount).toBe(0);
    }
  });
});
