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

  it('refuses extreme shapes from the header, before decoding a pixel', async () => {
    // 50 MP of 1,000,000 x 50 compresses to a few hundred KB: five at once took 4.6 GB before.
    expect(await rejection(processImage(await pngStrip(1_000_000, 50)))).toBe('extreme_dimensions');
    expect(await rejection(processImage(await pngStrip(20_000, 1_000)))).toBe('extreme_dimensions');
    expect(await rejection(processImage(await pngStrip(4_000, 200)))).toBe('accepted'); // 20:1, as wide as accepted
  });
});

/** A flat-colour PNG of the given size: tiny on disk, large once decoded. */
function pngStrip(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#336699' } }).png({ compressionLevel: 9 }).toBuffer();
}
