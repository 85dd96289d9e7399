import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import ExifReader from 'exifreader';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../shared/photos/photo-model.ts';
import { apiClient } from '../support/api-client.ts';
import { jpegWithGps, pngClaiming20000Squared, truncatedJpeg } from '../support/images.ts';
import { signedInPerson } from '../support/people.ts';
import { settledPhoto, uploadPhoto, type IssuedUpload, type PhotoView } from '../support/uploads.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';

const twin = useTwin('photos', { environment: { RATE_LIMIT_SCALE: '1000' } });
const PASSWORD = 'photogenic passphrase';
let token = '';
let userId = '';

beforeAll(async () => {
  ({ accessToken: token, userId } = await signedInPerson(twin(), 'pics@example.com', PASSWORD));
});

const upload = (bytes: Buffer, contentType: string, fileName: string) => uploadPhoto(twin().url, token, bytes, contentType, fileName);
const settled = (photoId: string) => settledPhoto(twin().url, token, photoId);

describe('photos', () => {
  it('turns an uploaded JPEG with GPS data into metadata-free variants', async () => {
    const original = await jpegWithGps();
    expect(ExifReader.load(original).GPSLatitude).toBeDefined(); // the input really carries a position

    const photo = await settled(await upload(original, 'image/jpeg', 'holiday.jpg'));
    expect(photo).toMatchObject({ status: 'ready', width: 1600, height: 1200, placeholder: expect.any(String) });

    const expected = { thumb: [160, 160], medium: [640, 480], large: [1280, 960] } as const;
    for (const [variant, [width, height]] of Object.entries(expected)) {
      const response = await fetch(photo.urls![variant as keyof typeof expected]);
      expect(response.status, variant).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      const metadata = await sharp(bytes).metadata();
      expect(metadata, variant).toMatchObject({ format: 'webp', width, height });
      expect(metadata.exif, variant).toBeUndefined();
      expect(metadata.icc, variant).toBeUndefined();
      expect(metadata.xmp, variant).toBeUndefined();
      // An independent EXIF reader finds nothing either.
      const tags = ExifReader.load(bytes);
      expect(Object.keys(tags).filter((tag) => /GPS|Make|Model|Copyright/.test(tag)), variant).toEqual([]);
    }

    useEmulatorEnvironment();
    const listed = await new S3Client({ forcePathStyle: true }).send(
      new ListObjectsV2Command({ Bucket: twin().names.buckets.uploads, Prefix: `uploads/${userId}/` }),
    );
    expect(listed.Contents ?? []).toEqual([]); // the original is gone
  });

  it('rejects a text file named .jpg, a 20000 × 20000 PNG and a truncated JPEG, and keeps serving', async () => {
    const text = await upload(Buffer.from('this is not an image at all, just text'), 'image/jpeg', 'notes.jpg');
    const bomb = await upload(await pngClaiming20000Squared(), 'image/png', 'bomb.png');
    const truncated = await upload(await truncatedJpeg(), 'image/jpeg', 'cut.jpg');
    const fine = await upload(await jpegWithGps(), 'image/jpeg', 'fine.jpg');

    expect(await settled(text)).toMatchObject({ status: 'rejected', rejectionReason: 'unsupported_type' });
    expect(await settled(bomb)).toMatchObject({ status: 'rejected', rejectionReason: 'too_many_pixels' });
    expect(await settled(truncated)).toMatchObject({ status: 'rejected', rejectionReason: 'corrupt' });
    expect(await settled(fine)).toMatchObject({ status: 'ready' });

    const s3 = new S3Client({ forcePathStyle: true });
    for (const photoId of [text, bomb, truncated]) {
      const stored = await s3.send(new ListObjectsV2Command({ Bucket: twin().names.buckets.media, Prefix: `media/${userId}/${photoId}/` }));
      expect(stored.Contents ?? [], photoId).toEqual([]);
    }
  });

  it('refuses unsupported types and sizes before issuing any form', async () => {
    const api = apiClient(twin().url);
    expect((await api.post('/api/v1/me/photos', { contentType: 'image/gif', contentLength: 1000 }, token)).status).toBe(400);
    expect((await api.post('/api/v1/me/photos', { contentType: 'image/heic', contentLength: 1000 }, token)).status).toBe(400);
    const tooBig = await api.post('/api/v1/me/photos', { contentType: 'image/jpeg', contentLength: MAX_UPLOAD_BYTES + 1 }, token);
    expect(tooBig).toMatchObject({ status: 413, body: { code: 'photo_too_large' } });
    expect((await api.post('/api/v1/me/photos', { contentType: 'image/jpeg', contentLength: 0 }, token)).status).toBe(400);
  });

  it('signs a policy that pins the key, the type, the size range and a 5-minute expiry', async () => {
    const api = apiClient(twin().url);
    const issued = await api.post<IssuedUpload>('/api/v1/me/photos', { contentType: 'image/webp', contentLength: 5000 }, token);
    const policy = JSON.parse(Buffer.from(issued.body.upload.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: twin().names.buckets.uploads },
        { key: `uploads/${userId}/${issued.body.photoId}` },
        ['content-length-range', 1, MAX_UPLOAD_BYTES],
        ['eq', '$Content-Type', 'image/webp'],
      ]),
    );
    const lifetime = Date.parse(policy.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(4 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000 + 1000);
    expect(issued.body.upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    await api.delete(`/api/v1/me/photos/${issued.body.photoId}`, undefined, token);
  });

  it('sets an avatar, limits photos to 6, deletes photos and, with the account, every object', async () => {
    const api = apiClient(twin().url);
    const before = await api.get<{ avatar: { url: string; isDefault: boolean } }>('/api/v1/me', token);
    expect(before.body.avatar).toMatchObject({ isDefault: true, url: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });

    const photos = (await api.get<{ photos: PhotoView[] }>('/api/v1/me/photos', token)).body.photos;
    const ready = photos.find((photo) => photo.status === 'ready')!;
    expect((await api.call('PUT', '/api/v1/me/avatar', { body: { photoId: ready.id }, token })).status).toBe(200);
    const after = await api.get<{ avatar: { url: string; isDefault: boolean } }>('/api/v1/me', token);
    expect(after.body.avatar.isDefault).toBe(false);
    expect((await fetch(after.body.avatar.url)).status).toBe(200);

    // Someone else's (or no) photo id is simply not found.
    expect((await api.get('/api/v1/me/photos/00000000-0000-4000-8000-000000000000', token)).status).toBe(404);

    // The limit counts ready photos and live pending uploads.
    const live = (await api.get<{ photos: PhotoView[] }>('/api/v1/me/photos', token)).body.photos.filter((photo) => photo.status !== 'rejected').length;
    for (let slot = live; slot < 6; slot += 1) {
      expect((await api.post('/api/v1/me/photos', { contentType: 'image/png', contentLength: 100 }, token)).status).toBe(201);
    }
    expect((await api.post('/api/v1/me/photos', { contentType: 'image/png', contentLength: 100 }, token)).body).toMatchObject({ status: 409, code: 'photo_limit_reached' });

    expect((await api.delete(`/api/v1/me/photos/${ready.id}`, undefined, token)).status).toBe(204);
    const s3 = new S3Client({ forcePathStyle: true });
    await expect(s3.send(new HeadObjectCommand({ Bucket: twin().names.buckets.media, Key: `media/${userId}/${ready.id}/thumb.webp` }))).rejects.toThrow();
    expect((await api.get<{ avatar: { isDefault: boolean } }>('/api/v1/me', token)).body.avatar.isDefault).toBe(true);

    expect((await api.delete('/api/v1/me', { password: PASSWORD }, token)).status).toBe(204);
    for (const [bucket, prefix] of [
      [twin().names.buckets.uploads, `uploads/${userId}/`],
      [twin().names.buckets.media, `media/${userId}/`],
    ] as const) {
      expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? [], prefix).toEqual([]);
    }
  });
});
