import { existsSync, readdirSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MEDIA_SEEDS } from '../../infra/resources.ts';
import { teacupSvg } from '../../infra/journal-pictures/teacup.ts';
import { newEntryId } from '../../shared/journal/entry-id.ts';
import { DEFAULT_PICTURE_COUNT, DEFAULT_PICTURE_PREFIX, defaultPictureIndex, defaultPictureName } from '../../shared/journal/default-pictures.ts';

const pictures = new URL('../../infra/journal-pictures/webp/', import.meta.url);

describe('the journal\'s default pictures', () => {
  it('ship at least 30 distinct WebP pictures, the ones the drawing makes, under the seeded prefix', async () => {
    expect(DEFAULT_PICTURE_COUNT).toBeGreaterThanOrEqual(30);
    expect(readdirSync(pictures).sort()).toEqual(Array.from({ length: DEFAULT_PICTURE_COUNT }, (_, i) => defaultPictureName(i)).sort());
    expect(new Set(Array.from({ length: DEFAULT_PICTURE_COUNT }, (_, i) => teacupSvg(i))).size).toBe(DEFAULT_PICTURE_COUNT);
    const metadata = await sharp(new URL(defaultPictureName(0), pictures).pathname).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 640, height: 640 });
    expect(MEDIA_SEEDS.some((seed) => seed.keyPrefix === DEFAULT_PICTURE_PREFIX && existsSync(new URL(`../../${seed.sourceDirectory}/`, import.meta.url)))).toBe(true);
  });

  it('give an entry the same picture every time', () => {
    const id = newEntryId('2026-03-08', Date.parse('2026-03-08T13:15:00Z'));
    expect(new Set(Array.from({ length: 5 }, () => defaultPictureIndex(id))).size).toBe(1);
  });

  it('spread entries evenly over the set', () => {
    const counts = new Array<number>(DEFAULT_PICTURE_COUNT).fill(0);
    const total = DEFAULT_PICTURE_COUNT * 500;
    for (let i = 0; i < total; i += 1) {
      // Entries of one day written a second apart: ids that differ only in a few digits and the random tail.
      const index = defaultPictureIndex(newEntryId('2026-03-08', Date.parse('2026-03-08T00:00:00Z') + i * 1000));
      counts[index]! += 1;
    }
    // 500 expected per picture; a fair spread stays well within +-25% (about 5.6 standard deviations).
    expect(Math.min(...counts)).toBeGreaterThan(375);
    expect(Math.max(...counts)).toBeLessThan(625);
  });
});
