import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPost } from '@aws-sdk/s3-presigned-post';
import { DependencyUnavailableError } from '../errors/domain-errors.ts';
import { presignedMediaUrls, type MediaUrls } from './media-urls.ts';
import { MAX_UPLOAD_BYTES, UPLOAD_URL_LIFETIME_SECONDS, type UploadContentType } from './photo-model.ts';


/** The two buckets behind photos: browser uploads land in one, processed variants live in the other. */
export class PhotoStorage implements MediaUrls {
  private readonly media: MediaUrls;

  constructor(
    private readonly s3: S3Client,
    readonly uploadsBucket: string,
    readonly mediaBucket: string,
  ) {
    this.media = presignedMediaUrls(s3, mediaBucket);
  }

  /**
   * A form the client POSTs straight to S3. Its policy pins the exact key, the
   * declared content type and a size range, and expires in five minutes; S3
   * refuses any upload that breaks it. (The local S3 does not enforce policies,
   * so the image worker checks size and type again.)
   */
  presignUpload(key: string, contentType: UploadContentType): Promise<PresignedPost> {
    return createPresignedPost(this.s3, {
      Bucket: this.uploadsBucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, MAX_UPLOAD_BYTES],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: UPLOAD_URL_LIFETIME_SECONDS,
    });
  }

  viewUrl(key: string): Promise<string> {
    return this.media.viewUrl(key);
  }

  /** The upload's bytes, or 'too-large' without reading more than the cap; undefined if it is gone. */
  async readUpload(key: string): Promise<Buffer | 'too-large' | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.uploadsBucket, Key: key }));
      if ((head.ContentLength ?? 0) > MAX_UPLOAD_BYTES) return 'too-large';
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.uploadsBucket, Key: key }));
      const bytes = Buffer.from(await object.Body!.transformToByteArray());
      return bytes.byteLength > MAX_UPLOAD_BYTES ? 'too-large' : bytes;
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NotFound' || name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async putVariant(key: string, body: Buffer): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.mediaBucket, Key: key, Body: body, ContentType: 'image/webp', CacheControl: 'private, max-age=31536000, immutable' }),
    );
  }

  /**
   * Deletes the keys (absent ones are fine). DeleteObjects answers 200 even
   * when some keys could not be deleted, listing them in `Errors`; those are
   * raised, so the caller fails and is retried instead of losing track of them.
   */
  async deleteKeys(bucket: 'uploads' | 'media', keys: readonly string[]): Promise<void> {
    const name = bucket === 'uploads' ? this.uploadsBucket : this.mediaBucket;
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      if (batch.length === 0) continue;
      const { Errors } = await this.s3.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      if (Errors && Errors.length > 0) {
        throw new DependencyUnavailableError('object-storage', 5, { cause: new Error(`${Errors.length} objects not deleted: ${Errors[0]?.Code ?? 'unknown'}`) });
      }
    }
  }

  /** Removes every object under a prefix (a person's uploads or media). */
  async deletePrefix(bucket: 'uploads' | 'media', prefix: string): Promise<void> {
    const name = bucket === 'uploads' ? this.uploadsBucket : this.mediaBucket;
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: prefix, ContinuationToken: token }));
      await this.deleteKeys(bucket, (page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
    } while (token);
  }
}
