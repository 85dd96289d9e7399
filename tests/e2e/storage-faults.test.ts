import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadKey, userMediaPrefix, variantKey } from '../../shared/photos/photo-model.ts';
import { apiClient } from '../support/api-client.ts';
import { s3SlowDown, type SeenRequest } from '../support/fault-proxy.ts';
import { jpegWithGps } from '../support/images.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { emulatorEndpoints, useTwinWithFaults } from '../support/twin.ts';
import { settledPhoto, uploadPhoto } from '../support/uploads.ts';
import { waitFor } from '../support/wait.ts';

/*
 * S3 failing for real: the twin reaches the local S3 through a proxy that
 * answers chosen requests with S3's own SlowDown error (or a DeleteObjects
 * result listing keys it could not delete). The SDK retries as it would in
 * AWS (two attempts here, to keep the file quick), then the code above it
 * decides: the API answers 503 and keeps its state, the worker retries and
 * finally dead-letters without losing the upload.
 */
const faults = useTwinWithFaults('s3-faults', 's3', {
  visibilityTimeoutSeconds: 2,
  environment: { RATE_LIMIT_SCALE: '1000', AWS_MAX_ATTEMPTS: '2' },
});
const twin = faults.twin;
const proxy = () => faults.proxy();

const bucketOf = (request: SeenRequest) => decodeURIComponent(new URL(request.url, 'http://s3').pathname.split('/')[1] ?? '');
const isDeleteObjects = (request: SeenRequest) => request.method === 'POST' && new URL(request.url, 'http://s3').searchParams.has('delete');
let checker: S3Client | undefined;
let queues: SQSClient | undefined;
const sqs = () => (queues ??= new SQSClient({}));
/** Straight to the emulator, past the proxy: what is really stored. */
const direct = () => (checker ??= new S3Client({ forcePathStyle: true, endpoint: emulatorEndpoints().s3 }));

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await direct().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function queueDepth(url: string): Promise<number> {
  const { Attributes } = await sqs().send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

let person: SignedInPerson;
beforeAll(async () => {
  person = await signedInPerson(twin(), 'storage@example.com');
}, 30_000);

describe('when S3 fails', () => {
  it('the image worker retries, dead-letters after five receives, keeps the upload, and a redrive finishes the photo', async () => {
    const { uploads, media } = twin().names.buckets;
    const reads = proxy().inject(s3SlowDown((request) => request.method === 'GET' && bucketOf(request) === uploads));

    const photoId = await uploadPhoto(twin().url, person.accessToken, await jpegWithGps(), 'image/jpeg', 'dlq.jpg');
    const { image } = twin().queues;
    const deadLetter = await waitFor(async () => {
      const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: image.deadLetterUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      return Messages?.[0];
    }, 45_000);

    expect(reads.failed()).toBe(5 * 2); // five receives, two attempts each
    const api = apiClient(twin().url);
    expect((await api.get(`/api/v1/me/photos/${photoId}`, person.accessToken)).body).toMatchObject({ status: 'pending' });
    expect(await exists(uploads, uploadKey(person.userId, photoId))).toBe(true); // nothing lost: the upload waits
    expect(await queueDepth(image.url)).toBe(0);

    // S3 recovers; the operator redrives the dead letter to the queue.
    proxy().heal();
    await sqs().send(new SendMessageCommand({ QueueUrl: image.url, MessageBody: deadLetter.Body! }));
    await sqs().send(new DeleteMessageCommand({ QueueUrl: image.deadLetterUrl, ReceiptHandle: deadLetter.ReceiptHandle! }));

    expect(await settledPhoto(twin().url, person.accessToken, photoId)).toMatchObject({ status: 'ready', width: 1600, height: 1200 });
    expect(await exists(uploads, uploadKey(person.userId, photoId))).toBe(false);
    for (const variant of ['thumb', 'medium', 'large'] as const) expect(await exists(media, variantKey(person.userId, photoId, variant))).toBe(true);
    expect(await queueDepth(image.deadLetterUrl)).toBe(0);
  }, 90_000);

  it('a variant write failing midway leaves the photo pending until the retry completes it', async () => {
    const { media } = twin().names.buckets;
    const writes = proxy().inject(s3SlowDown((request) => request.method === 'PUT' && bucketOf(request) === media && request.url.includes('medium.webp'), 2));

    const photoId = await uploadPhoto(twin().url, person.accessToken, await jpegWithGps(), 'image/jpeg', 'midway.jpg');
    const photo = await settledPhoto(twin().url, person.accessToken, photoId);

    expect(writes.failed()).toBe(2); // the first delivery failed on its second variant
    expect(photo).toMatchObject({ status: 'ready' });
    for (const variant of ['thumb', 'medium', 'large'] as const) expect(await exists(media, variantKey(person.userId, photoId, variant))).toBe(true);
    expect(await queueDepth(twin().queues.image.deadLetterUrl)).toBe(0);
  }, 60_000);

  it('deleting a photo answers 503 with Retry-After and keeps the photo whole; the retry deletes it', async () => {
    const { media } = twin().names.buckets;
    const photoId = await uploadPhoto(twin().url, person.accessToken, await jpegWithGps(), 'image/jpeg', 'keep.jpg');
    expect(await settledPhoto(twin().url, person.accessToken, photoId)).toMatchObject({ status: 'ready' });
    const api = apiClient(twin().url);

    proxy().inject(s3SlowDown((request) => isDeleteObjects(request) && bucketOf(request) === media));
    const refused = await api.delete(`/api/v1/me/photos/${photoId}`, undefined, person.accessToken);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(JSON.stringify(refused.body)).not.toMatch(/SlowDown|s3|bucket|127\.0\.0\.1/i);
    expect((await api.get(`/api/v1/me/photos/${photoId}`, person.accessToken)).body).toMatchObject({ status: 'ready' });
    expect(await exists(media, variantKey(person.userId, photoId, 'large'))).toBe(true);

    // S3 answers 200 but lists a key it could not delete: still a failure, not a silent leftover.
    proxy().heal();
    proxy().inject({
      when: (request) => isDeleteObjects(request) && bucketOf(request) === media,
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><DeleteResult><Error><Key>${variantKey(person.userId, photoId, 'large')}</Key><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error></DeleteResult>`,
    });
    expect((await api.delete(`/api/v1/me/photos/${photoId}`, undefined, person.accessToken)).status).toBe(503);
    expect((await api.get(`/api/v1/me/photos/${photoId}`, person.accessToken)).status).toBe(200);

    proxy().heal();
    expect((await api.delete(`/api/v1/me/photos/${photoId}`, undefined, person.accessToken)).status).toBe(204);
    expect((await api.get(`/api/v1/me/photos/${photoId}`, person.accessToken)).status).toBe(404);
    for (const variant of ['thumb', 'medium', 'large'] as const) expect(await exists(media, variantKey(person.userId, photoId, variant))).toBe(false);
  }, 60_000);

  it('deleting the account answers 503 and keeps the account usable; the retry deletes everything', async () => {
    const { media } = twin().names.buckets;
    const leaving = await signedInPerson(twin(), 'leaving@example.com');
    const photoId = await uploadPhoto(twin().url, leaving.accessToken, await jpegWithGps(), 'image/jpeg', 'mine.jpg');
    expect(await settledPhoto(twin().url, leaving.accessToken, photoId)).toMatchObject({ status: 'ready' });
    const api = apiClient(twin().url);

    proxy().inject(s3SlowDown((request) => request.method === 'GET' && new URL(request.url, 'http://s3').searchParams.get('list-type') === '2'));
    const refused = await api.delete('/api/v1/me', { password: leaving.password }, leaving.accessToken);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await api.get('/api/v1/me', leaving.accessToken)).status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { email: leaving.email, password: leaving.password })).status).toBe(200);

    proxy().heal();
    expect((await api.delete('/api/v1/me', { password: leaving.password }, leaving.accessToken)).status).toBe(204);
    expect((await api.post('/api/v1/auth/login', { email: leaving.email, password: leaving.password })).status).toBe(401);
    const left = await direct().send(new ListObjectsV2Command({ Bucket: media, Prefix: userMediaPrefix(leaving.userId) }));
    expect(left.KeyCount ?? 0).toBe(0);
  }, 60_000);
});
