import { createHash } from 'node:crypto';

/**
 * The pictures an entry without a photo shows: generated teacups (infra/journal-pictures), copied
 * into the media bucket under one prefix (MEDIA_SEEDS in infra/resources.ts). An entry's picture follows from its id alone: the same
 * entry always shows the same one, and ids (48 random bits each) spread evenly over the set.
 */
export const DEFAULT_PICTURE_COUNT = 36;
export const DEFAULT_PICTURE_PREFIX = 'defaults/journal/';

export const defaultPictureName = (index: number): string => `teacup-${String(index + 1).padStart(2, '0')}.webp`;
export const defaultPictureKey = (index: number): string => `${DEFAULT_PICTURE_PREFIX}${defaultPictureName(index)}`;

/** The index in the set of the picture an entry shows. */
export function defaultPictureIndex(entryId: string): number {
  return createHash('sha256').update(entryId).digest().readUInt32BE(0) % DEFAULT_PICTURE_COUNT;
}
