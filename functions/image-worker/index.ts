import sharp from 'sharp';
import * as z from 'zod';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { s3 } from '../../shared/clients/s3.ts';
import { readEnv } from '../../shared/config/env.ts';
import { createdObjects, s3NotificationSchema } from '../../shared/images/s3-notification.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';
import { PhotoStorage } from '../../shared/photos/photo-storage.ts';
import { processUpload } from '../../shared/photos/process-upload.ts';
import { createSqsWorker } from '../../shared/queue/sqs-worker.ts';

const env = readEnv({
  TABLE_NAME: z.string().min(1),
  UPLOADS_BUCKET: z.string().min(1),
  MEDIA_BUCKET: z.string().min(1),
});

// One image at a time per instance, with no cache between them: the worst accepted input must fit, not five at once.
sharp.concurrency(1);
sharp.cache(false);

const deps = {
  photos: new PhotoRepository(dynamo(), env.TABLE_NAME),
  storage: new PhotoStorage(s3(), env.UPLOADS_BUCKET, env.MEDIA_BUCKET),
};

/**
 * Consumes the image queue, fed by the uploads bucket's object-created
 * notifications: each upload becomes a ready photo (variants, placeholder,
 * no metadata) or a rejected one with a reason.
 */
export const handler = createSqsWorker(
  s3NotificationSchema,
  async (notification) => {
    for (const upload of createdObjects(notification)) await processUpload(deps, upload);
  },
  { inParallel: false },
);
