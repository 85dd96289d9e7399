import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/image-worker/index.ts';
import { createdObjects, s3NotificationSchema } from '../../shared/images/s3-notification.ts';
import { sqsEvent } from '../support/events.ts';

describe('the image worker', () => {
  it('accepts S3 notifications and the S3 test event', async () => {
    const response = await handler(sqsEvent('sqs-image-batch'), { getRemainingTimeInMillis: () => 60_000 } as Context);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('reads the uploaded object from the notification, decoding the key', () => {
    const notification = JSON.parse(sqsEvent('sqs-image-batch').Records[0]!.body);
    notification.Records[0].s3.object.key = 'uploads/u1/my+photo%281%29.jpg';
    expect(createdObjects(s3NotificationSchema.parse(notification))).toEqual([
      { bucket: 'kindred-uploads', key: 'uploads/u1/my photo(1).jpg', size: 182734, eTag: 'd41d8cd98f00b204e9800998ecf8427e' },
    ]);
  });

  it('fails a record that is not an S3 notification', async () => {
    const event = sqsEvent('sqs-image-batch');
    event.Records[1]!.body = JSON.stringify({ Records: [{ eventSource: 'aws:sns' }] });
    const response = await handler(event, { getRemainingTimeInMillis: () => 60_000 } as Context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]!.messageId }]);
  });
});
