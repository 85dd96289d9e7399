import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export const VIEW_URL_LIFETIME_SECONDS = 15 * 60;

/** Short-lived links to processed photos: all that areas which only show photos need (no upload forms). */
export interface MediaUrls {
  viewUrl(key: string): Promise<string>;
}

export function presignedMediaUrls(s3: S3Client, mediaBucket: string): MediaUrls {
  return {
    viewUrl: (key) => getSignedUrl(s3, new GetObjectCommand({ Bucket: mediaBucket, Key: key }), { expiresIn: VIEW_URL_LIFETIME_SECONDS }),
  };
}
