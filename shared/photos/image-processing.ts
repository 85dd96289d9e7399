import sharp, { type Metadata } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { MAX_ASPECT_RATIO, MAX_INPUT_PIXELS, MAX_INPUT_SIDE, VARIANTS, type RejectionReason, type VariantName } from './photo-model.ts';

export class ImageRejectedError extends Error {
  override readonly name = 'ImageRejectedError';
  constructor(readonly reason: RejectionReason) {
    super(`image rejected: ${reason}`);
  }
}

export interface ProcessedImage {
  /** Dimensions after auto-orientation. */
  readonly width: number;
  readonly height: number;
  readonly placeholder: string;
  readonly variants: Record<VariantName, Buffer>;
}

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

/** EXIF orientations 5-8 turn the image a quarter: its upright width is its stored height. */
const QUARTER_TURNS = new Set([5, 6, 7, 8]);
const LARGEST = Object.values(VARIANTS).reduce((largest, size) => (size.width * size.height > largest.width * largest.height ? size : largest));

/**
 * Checks and converts one upload. The real type is sniffed from the bytes
 * (the declared one is ignored); truncated files, decompression bombs and
 * extreme shapes are refused from the header, before any pixel is decoded;
 * the image is turned upright, and every variant is re-encoded as WebP in
 * sRGB with no metadata at all (no EXIF, GPS, XMP or ICC).
 *
 * Memory stays bounded whatever the input: the file is decoded once,
 * straight to the largest variant's size (JPEG and WebP shrink on load),
 * and the smaller variants come from that, never from a full-size buffer.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('unsupported_type');
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) throw new ImageRejectedError('unsupported_type');
  const stored = { width: metadata.width ?? 0, height: metadata.height ?? 0 };
  if (stored.width * stored.height > MAX_INPUT_PIXELS) throw new ImageRejectedError('too_many_pixels');
  const [shortSide, longSide] = [Math.min(stored.width, stored.height), Math.max(stored.width, stored.height)];
  if (shortSide < 1 || longSide > MAX_INPUT_SIDE || longSide / shortSide > MAX_ASPECT_RATIO) throw new ImageRejectedError('extreme_dimensions');
  const upright = QUARTER_TURNS.has(metadata.orientation ?? 1) ? { width: stored.height, height: stored.width } : stored;

  try {
    const largest = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', sequentialRead: true })
      .rotate()
      .resize({ width: LARGEST.width, height: LARGEST.height, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = largest.info;
    const fromLargest = () => sharp(largest.data, { raw: { width, height, channels } });
    const variants = {} as Record<VariantName, Buffer>;
    for (const [name, size] of Object.entries(VARIANTS) as [VariantName, (typeof VARIANTS)[VariantName]][]) {
      variants[name] = await fromLargest()
        .resize({ width: size.width, height: size.height, fit: size.fit, withoutEnlargement: size.fit === 'inside' })
        .webp({ quality: 82 })
        .toBuffer();
    }
    const tiny = await fromLargest().resize({ width: 100, height: 100, fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const placeholder = Buffer.from(rgbaToThumbHash(tiny.info.width, tiny.info.height, tiny.data)).toString('base64');
    return { width: upright.width, height: upright.height, placeholder, variants };
  } catch (error) {
    if (error instanceof ImageRejectedError) throw error;
    const message = (error as Error).message ?? '';
    if (/pixel limit/i.test(message)) throw new ImageRejectedError('too_many_pixels');
    throw new ImageRejectedError('corrupt');
  }
}
