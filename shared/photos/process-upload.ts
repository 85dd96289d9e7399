import { logger } from '../logging.ts';
import { count } from '../metrics.ts';
import type { UploadedObject } from '../images/s3-notification.ts';
import { ImageRejectedError, processImage } from './image-processing.ts';
import { parseUploadKey, variantKey, type RejectionReason, type VariantName } from './photo-model.ts';
import type { PhotoRepository } from './photo-repository.ts';
import type { PhotoStorage } from './photo-storage.ts';

export interface ProcessUploadDeps {
  readonly photos: PhotoRepository;
  readonly storage: PhotoStorage;
}

/**
 * Turns one uploaded object into a ready photo, or a rejected one with a
 * reason. Idempotent: a photo no longer pending is left alone, variants have
 * deterministic keys, and the original upload is deleted either way. Only
 * dependency failures throw, so the message is retried and, at worst,
 * dead-lettered; bad images never are.
 */
export async function processUpload(deps: ProcessUploadDeps, upload: UploadedObject): Promise<'ready' | RejectionReason | 'ignored'> {
  if (upload.bucket !== deps.storage.uploadsBucket) return 'ignored';
  const ids = parseUploadKey(upload.key);
  if (!ids) {
    logger.warn('upload with an unexpected key removed', { key: upload.key });
    await deps.storage.deleteKeys('uploads', [upload.key]);
    return 'ignored';
  }
  const photo = await deps.photos.find(ids.userId, ids.photoId);
  if (!photo || photo.status !== 'pending') {
    await deps.storage.deleteKeys('uploads', [upload.key]);
    return 'ignored';
  }

  const reject = async (reason: RejectionReason) => {
    await deps.photos.markRejected(ids.userId, ids.photoId, reason);
    await deps.storage.deleteKeys('uploads', [upload.key]);
    logger.info('photo rejected', { photoId: ids.photoId, reason });
    count('ImagesRejected');
    return reason;
  };

  const bytes = await deps.storage.readUpload(upload.key);
  if (bytes === undefined) return reject('upload_missing');
  if (bytes === 'too-large') return reject('too_large');

  let processed;
  try {
    processed = await processImage(bytes);
  } catch (error) {
    if (error instanceof ImageRejectedError) return reject(error.reason);
    throw error;
  }
  const keys = {} as Record<VariantName, string>;
  for (const [name, body] of Object.entries(processed.variants) as [VariantName, Buffer][]) {
    keys[name] = variantKey(ids.userId, ids.photoId, name);
    await deps.storage.putVariant(keys[name], body);
  }
  const settled = await deps.photos.markReady(ids.userId, ids.photoId, {
    width: processed.width,
    height: processed.height,
    placeholder: processed.placeholder,
    variants: keys,
  });
  if (!settled) {
    // The photo (or its owner) was deleted, or its slot given back, while it was processed: keep nothing of it.
    await Promise.all([deps.storage.deleteKeys('media', Object.values(keys)), deps.storage.deleteKeys('uploads', [upload.key])]);
    logger.info('photo gone while processing; its variants were removed', { photoId: ids.photoId });
    return 'ignored';
  }
  await deps.storage.deleteKeys('uploads', [upload.key]);
  logger.info('photo ready', { photoId: ids.photoId, width: processed.width, height: processed.height });
  count('ImagesProcessed');
  return 'ready';
}
