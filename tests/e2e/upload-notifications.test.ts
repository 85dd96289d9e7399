import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { BUCKETS } from '../../infra/resources.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { waitFor } from '../support/wait.ts';

const twin = useTwin('uploads');

describe('uploads reach the image worker as S3 notifications', () => {
  it('delivers an object-created event of the AWS notification shape to the image worker', async () => {
    useEmulatorEnvironment();
    const s3 = new S3Client({ forcePathStyle: true });
    const key = `${BUCKETS.uploads.keyPrefix}user-1/a photo.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: twin().names.buckets.uploads, Key: key, Body: Buffer.from('not really a jpeg') }));

    const invocation = await waitFor(() => twin().pollers.image.history.find((entry) => entry.records.length > 0), 15_000);
    expect(invocation.failedMessageIds).toEqual([]);
    const record = invocation.records[0]!;
    expect(record.eventSource).toBe('aws:sqs');
    expect(record.eventSourceARN).toBe(twin().queues.image.arn);

    const notification = JSON.parse(record.body);
    expect(notification.Records).toHaveLength(1);
    expect(notification.Records[0]).toMatchObject({
      eventVersion: expect.any(String),
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: twin().names.buckets.uploads, arn: `arn:aws:s3:::${twin().names.buckets.uploads}` },
        object: { key: 'uploads/user-1/a+photo.jpg', size: 17, eTag: expect.any(String) },
      },
    });
  });

  it('does not notify for objects outside the uploads prefix or in other buckets', async () => {
    const s3 = new S3Client({ forcePathStyle: true });
    const before = twin().pollers.image.history.length;
    await s3.send(new PutObjectCommand({ Bucket: twin().names.buckets.uploads, Key: 'elsewhere/x', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: twin().names.buckets.media, Key: 'uploads/x', Body: 'x' }));
    // A marker upload that must notify: once it arrives, the two above would have arrived before it.
    await s3.send(new PutObjectCommand({ Bucket: twin().names.buckets.uploads, Key: 'uploads/marker', Body: 'x' }));
    await waitFor(() => twin().pollers.image.history.slice(before).find((entry) => entry.records.some((r) => r.body.includes('uploads/marker'))), 15_000);
    const keys = twin()
      .pollers.image.history.slice(before)
      .flatMap((entry) => entry.records.map((r) => JSON.parse(r.body).Records[0].s3.object.key));
    expect(keys).toEqual(['uploads/marker']);
  });
});
