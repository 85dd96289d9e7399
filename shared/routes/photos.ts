import * as z from 'zod';
import { defineRoute } from '../http/route-definition.ts';
import { PHOTO_STATUSES, UPLOAD_CONTENT_TYPES, VARIANTS } from '../photos/photo-model.ts';

const photos = { area: 'photos', auth: 'user', tags: ['Photos'] } as const;
const photoId = z.strictObject({ id: z.uuid() });
const variantUrls = z.object(Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, z.url()])) as Record<keyof typeof VARIANTS, z.ZodURL>);

export const avatarSchema = z
  .object({ url: z.string(), placeholder: z.string().optional(), isDefault: z.boolean() })
  .meta({ id: 'Avatar', description: 'A short-lived URL of the avatar photo, or a generated SVG data URI when there is none.' });

const photoSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(PHOTO_STATUSES),
    createdAt: z.iso.datetime(),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
    placeholder: z.string().optional().meta({ description: 'ThumbHash (base64) to show while loading.' }),
    urls: variantUrls.optional().meta({ description: 'Short-lived URLs: thumb (160 px square), medium (640 px), large (1280 px), WebP.' }),
    rejectionReason: z.string().optional(),
    isAvatar: z.boolean(),
  })
  .meta({ id: 'Photo' });

export const photoRoutes = {
  requestUpload: defineRoute({
    ...photos,
    method: 'POST',
    path: '/api/v1/me/photos',
    operationId: 'requestPhotoUpload',
    summary: 'Get a form to upload a photo straight to storage',
    description: 'POST the file to `upload.url` as multipart/form-data with every field of `upload.fields`, the file last, within 5 minutes.',
    request: { body: z.strictObject({ contentType: z.enum(UPLOAD_CONTENT_TYPES), contentLength: z.number().int().positive() }) },
    responses: {
      201: {
        description: 'The upload form; the photo is pending until processed.',
        schema: z.object({
          photoId: z.uuid(),
          upload: z.object({ url: z.url(), fields: z.record(z.string(), z.string()) }),
          expiresAt: z.iso.datetime(),
        }),
      },
    },
    problems: { 409: 'photo_limit_reached: delete a photo first.', 413: 'photo_too_large: over 10 MB.' },
  }),
  listPhotos: defineRoute({
    ...photos,
    method: 'GET',
    path: '/api/v1/me/photos',
    operationId: 'listPhotos',
    summary: 'Your photos, newest first',
    responses: { 200: { description: 'Photos and the avatar.', schema: z.object({ photos: z.array(photoSchema), avatar: avatarSchema }) } },
    problems: { 404: 'account_not_found.' },
  }),
  getPhoto: defineRoute({
    ...photos,
    method: 'GET',
    path: '/api/v1/me/photos/{id}',
    operationId: 'getPhoto',
    summary: 'One of your photos',
    request: { params: photoId },
    responses: { 200: { description: 'The photo.', schema: photoSchema } },
  }),
  deletePhoto: defineRoute({
    ...photos,
    method: 'DELETE',
    path: '/api/v1/me/photos/{id}',
    operationId: 'deletePhoto',
    summary: 'Delete one of your photos',
    request: { params: photoId },
    responses: { 204: { description: 'Deleted, with every stored variant.' } },
  }),
  setAvatar: defineRoute({
    ...photos,
    method: 'PUT',
    path: '/api/v1/me/avatar',
    operationId: 'setAvatar',
    summary: 'Choose one of your ready photos as your avatar',
    request: { body: z.strictObject({ photoId: z.uuid() }) },
    responses: { 200: { description: 'The avatar.', schema: avatarSchema } },
    problems: { 404: 'photo_not_found.', 409: 'photo_not_ready: only a processed photo can be the avatar.' },
  }),
} as const;
