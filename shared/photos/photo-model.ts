/** Image types a person may upload: what the worker can decode and check. */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_URL_LIFETIME_SECONDS = 5 * 60;
/** Decompression bombs stop here: 50 megapixels is more than any phone camera makes. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The longest side accepted (WebP itself stops at 16,383). */
export const MAX_INPUT_SIDE = 16_383;
/** Longest side over shortest: a wide phone panorama is about 8; a 1,000,000 x 50 strip is a memory attack. */
export const MAX_ASPECT_RATIO = 20;

export const VARIANTS = {
  thumb: { width: 160, height: 160, fit: 'cover' },
  medium: { width: 640, height: 640, fit: 'inside' },
  large: { width: 1280, height: 1280, fit: 'inside' },
} as const;
export type VariantName = keyof typeof VARIANTS;

export const PHOTO_STATUSES = ['pending', 'ready', 'rejected'] as const;
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

export const REJECTION_REASONS = ['too_large', 'unsupported_type', 'corrupt', 'too_many_pixels', 'extreme_dimensions', 'upload_missing'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface Photo {
  readonly userId: string;
  readonly photoId: string;
  readonly status: PhotoStatus;
  readonly contentType: UploadContentType;
  readonly createdAt: string;
  /** Until when the presigned upload may be used (ISO). */
  readonly uploadExpiresAt: string;
  readonly width?: number;
  readonly height?: number;
  /** ThumbHash, base64: a blurry stand-in clients show while the image loads. */
  readonly placeholder?: string;
  readonly variants?: Readonly<Record<VariantName, string>>;
  readonly rejectionReason?: RejectionReason;
}

/** Deterministic object keys, so reprocessing the same upload overwrites rather than duplicates. */
export const uploadKey = (userId: string, photoId: string) => `uploads/${userId}/${photoId}`;
export const variantKey = (userId: string, photoId: string, variant: VariantName) => `media/${userId}/${photoId}/${variant}.webp`;
export const userUploadsPrefix = (userId: string) => `uploads/${userId}/`;
export const userMediaPrefix = (userId: string) => `media/${userId}/`;

const UPLOAD_KEY = /^uploads\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/;

export function parseUploadKey(key: string): { userId: string; photoId: string } | undefined {
  const match = UPLOAD_KEY.exec(key);
  return match ? { userId: match[1]!, photoId: match[2]! } : undefined;
}
