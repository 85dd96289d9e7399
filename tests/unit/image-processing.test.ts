import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImageRejectedError} from '../../shared/photos/image-processing.ts';
import { processImage } from '../../shared/photos/image-processing.ts';
import { jpegWithGps, pngClaiming20000Squared, truncatedJpeg } from '../support/images.ts';

const rejection = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: ImageRejectedError) => error.reason);

describe('image processing', () => {
  it('turns a photo taken sideways upright (EXIF orientation 6)', async () => {
    const sideways = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#369' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const processed = await processImage(sideways);
    expect([processed.width, processed.height]).toEqual([300, 400]);
    expect(await sharp(processed.variants.large).metadata()).toMatchObject({ width: 300, height: 400 });
  });

  it('never enlarges a small image, but always fills the square thumbnail', async () => {
    const small = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#963' } }).png().toBuffer();
    const processed = await processImage(small);
    expect(await sharp(processed.variants.large).metadata()).toMatchObject({ width: 200, height: 100 });
    expect(await sharp(processed.variants.thumb).metadata()).toMatchObject({ width: 160, height: 160 });
  });

  it('names why an image is refused', async () => {
    expect(await rejection(processImage(Buffer.from('GIF89a not really')))).toBe('unsupported_type');
    expect(await rejection(processImage(await pngClaiming20000Squared()))).toBe('too_many_pixels');
    expect(await rejection(processImage(await truncatedJpeg()))).toBe('corrupt');
    expect(await rejection(processImage(await jpegWithGps()))).toBe('accepted');
  });
});
