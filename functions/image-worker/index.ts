import { logger } from '../../shared/logging.ts';
import { createdObjects, s3NotificationSchema } from '../../shared/images/s3-notification.ts';
import { createSqsWorker } from '../../shared/queue/sqs-worker.ts';

/**
 * Consumes the image queue, fed by the uploads bucket's object-created
 * notifications. It validates each notification and reports the uploads it
 * names; decoding, variants and metadata stripping arrive with photo support.
 */
export const handler = createSqsWorker(s3NotificationSchema, async (notification) => {
  for (const upload of createdObjects(notification)) {
    logger.info('upload received', { bucket: upload.bucket, key: upload.key, size: upload.size });
  }
});
