import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const HOUR_MS = 3_600_000;

/**
 * Short-lived URLs of objects in the media bucket. Signed as of the start of the hour and valid
 * for two, so every read within an hour hands out the same URL (a browser's cache can hold the
 * picture) and every URL handed out lives at least an hour.
 */
export class MediaLinks {
  constructor(
    private readonly s3: S3Client,
    private readonly mediaBucket: string,
  ) {}

  urlOf(key: string, now: Date): Promise<string> {
    const signingDate = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.mediaBucket, Key: key }), { signingDate, expiresIn: (2 * HOUR_MS) / 1000 });
  }
}
