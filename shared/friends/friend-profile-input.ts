import * as z from 'zod';

import { UNSAFE_TEXT } from '../routes/schemas.ts';
import { MAX_CARD_PHOTOS } from './friend-rules.ts';

export const RADIUS_MIN_MILES = 5;
export const RADIUS_MAX_MILES = 100;
const TAGS_MAX = 20;
const TAG_MAX_LENGTH = 40;
const BIO_MAX_LENGTH = 500;

const tagSchema = z
  .string()
  .trim()
  .min(1, 'Use at least 1 character.')
  .refine((tag) => [...tag].length <= TAG_MAX_LENGTH, `Use at most ${TAG_MAX_LENGTH} characters.`)
  .refine((tag) => !UNSAFE_TEXT.test(tag), 'Control characters are not allowed.');

/** Keeps the first spelling of each tag; "Chess" and "chess" are one hobby. */
function dedupeCaseInsensitive(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLocaleLowerCase('en-US');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The count is checked before de-duplication too, so a 10,000-item list is refused without work.
const tagsSchema = z.array(tagSchema).min(1).max(TAGS_MAX).transform(dedupeCaseInsensitive);

export const friendProfileInputSchema = z
  .strictObject({
    hobbies: tagsSchema,
    interests: tagsSchema,
    zip: z.string().regex(/^\d{5}$/, 'Use a 5-digit US zip code.'),
    radiusMiles: z.number().int().min(RADIUS_MIN_MILES).max(RADIUS_MAX_MILES),
    bio: z
      .string()
      .trim()
      .refine((bio) => [...bio].length <= BIO_MAX_LENGTH, `Use at most ${BIO_MAX_LENGTH} characters.`)
      .refine((bio) => !UNSAFE_TEXT.test(bio.replace(/[\n\t]/g, ' ')), 'Control characters are not allowed.')
      .optional(),
    discoverable: z.boolean().default(true),
    photoIds: z
      .array(z.uuid())
      .max(MAX_CARD_PHOTOS)
      .optional()
      .meta({ description: 'Up to 6 of your ready photos to show on your card, in order (see /me/photos).' }),
  })
  .meta({ id: 'FriendProfileInput' });

export type FriendProfileInput = z.output<typeof friendProfileInputSchema>;
