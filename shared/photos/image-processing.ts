import sharp, { type Metadata } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { MAX_INPUT_PIXELS, VARIANTS, type RejectionReason, type VariantName } from './photo-model.ts';

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

/**
 * Checks and converts one upload. The real type is sniffed from the bytes
 * (the declared one is ignored); truncated files and decompression bombs are
 * refused; the image is turned upright, and every variant is re-encoded as
 * WebP in sRGB with no metadata at all (no EXIF, GPS, XMP or ICC).
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('unsupported_type');
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) throw new ImageRejectedError('unsupported_type');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_INPUT_PIXELS) throw new ImageRejectedError('too_many_pixels');

  try {
    const upright = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', sequentialRead: true })
      .rotate().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const { width, height, channels } = upright.info;
    const fromRaw = () => sharp(upright.data, { raw: { width, height, channels } });
    const variants = {} as Record<VariantName, Buffer>;
    for (const [name, size] of Object.entries(VARIANTS) as [VariantName, (typeof VARIANTS)[VariantName]][]) {
      variants[name] = await fromRaw()
        .resize({ width: size.width, height: size.height, fit: size.fit, withoutEnlargement: size.fit === 'inside' })
        .webp({ quality: 82 })
        .toBuffer();
    }
    const tiny = await fromRaw().resize({ width: 100, height: 100, fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const placeholder = Buffer.from(rgbaToThumbHash(tiny.info.width, tiny.info.height, tiny.data)).toString('base64');
    return { width, height, placeholder, variants };
  } catch (error) {
    if (error instanceof ImageRejectedError) throw error;
    const message = (error as Error).message ?? '';
    if (/pixel limit/i.test(message)) throw new ImageRejectedError('too_many_pixels');
    throw new ImageRejectedError('corrupt');
  }
}
