import { randomUUID } from 'node:crypto';
import type { UserRepository } from '../accounts/user-repository.ts';
import { ConflictError, NotFoundError, TooLargeError } from '../errors/domain-errors.ts';
import { defaultAvatar } from './default-avatar.ts';
import {
  MAX_UPLOAD_BYTES,
  UPLOAD_URL_LIFETIME_SECONDS,
  uploadKey,
  userMediaPrefix,
  userUploadsPrefix,
  variantKey,
  VARIANTS,
  type Photo,
  type UploadContentType,
  type VariantName,
} from './photo-model.ts';
import type { PhotoRepository } from './photo-repository.ts';
import type { MediaUrls } from './media-urls.ts';
import type { PhotoStorage } from './photo-storage.ts';

export interface PhotoDeps {
  readonly photos: PhotoRepository;
  readonly storage: PhotoStorage;
  readonly users: UserRepository;
  /** Photos per person, pending uploads included. */
  readonly maxPhotos: number;
}

export interface PhotoView {
  readonly id: string;
  readonly status: Photo['status'];
  readonly createdAt: string;
  readonly width?: number;
  readonly height?: number;
  readonly placeholder?: string;
  /** Short-lived URLs of the variants; present once the photo is ready. */
  readonly urls?: Record<VariantName, string>;
  readonly rejectionReason?: string;
  readonly isAvatar: boolean;
}

export interface AvatarView {
  readonly url: string;
  readonly placeholder?: string;
  readonly isDefault: boolean;
}

const notFound = () => new NotFoundError('photo_not_found', 'You have no photo with this id.');
const DAY_SECONDS = 86_400;

/** Issues a presigned upload form for one new photo, within the person's photo limit. */
export async function requestPhotoUpload(
  deps: PhotoDeps,
  userId: string,
  request: { contentType: UploadContentType; contentLength: number },
): Promise<{ photoId: string; upload: { url: string; fields: Record<string, string> }; expiresAt: string }> {
  if (request.contentLength > MAX_UPLOAD_BYTES) {
    throw new TooLargeError('photo_too_large', `Photos may be at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`);
  }
  const now = Date.now();
  const photoId = randomUUID();
  const expiresAt = new Date(now + UPLOAD_URL_LIFETIME_SECONDS * 1000).toISOString();
  const photo: Photo = { userId, photoId, status: 'pending', contentType: request.contentType, createdAt: new Date(now).toISOString(), uploadExpiresAt: expiresAt };
  const recordExpiresAt = Math.floor(now / 1000) + DAY_SECONDS; // a pending record whose upload never came goes away by itself
  if (!(await deps.photos.create(photo, deps.maxPhotos, recordExpiresAt))) {
    // Full, unless forms that expired unused still hold slots: give those back, then try once more.
    const expired = (await deps.photos.listForUser(userId)).filter((held) => held.status === 'pending' && Date.parse(held.uploadExpiresAt) <= now);
    const released = await Promise.all(expired.map((held) => deps.photos.releaseExpiredSlot(held)));
    if (!released.includes(true) || !(await deps.photos.create(photo, deps.maxPhotos, recordExpiresAt))) {
      throw new ConflictError('photo_limit_reached', `You can keep at most ${deps.maxPhotos} photos. Delete one first.`);
    }
  }
  const upload = await deps.storage.presignUpload(uploadKey(userId, photoId), request.contentType);
  return { photoId, upload: { url: upload.url, fields: upload.fields }, expiresAt };
}

async function view(deps: PhotoDeps, photo: Photo, avatarPhotoId: string | undefined): Promise<PhotoView> {
  const urls =
    photo.status === 'ready'
      ? (Object.fromEntries(
          await Promise.all(
            (Object.keys(VARIANTS) as VariantName[]).map(async (name) => [name, await deps.storage.viewUrl(variantKey(photo.userId, photo.photoId, name))]),
          ),
        ) as Record<VariantName, string>)
      : undefined;
  return {
    id: photo.photoId,
    status: photo.status,
    createdAt: photo.createdAt,
    ...(photo.width !== undefined ? { width: photo.width, height: photo.height! } : {}),
    ...(photo.placeholder ? { placeholder: photo.placeholder } : {}),
    ...(urls ? { urls } : {}),
    ...(photo.rejectionReason ? { rejectionReason: photo.rejectionReason } : {}),
    isAvatar: photo.photoId === avatarPhotoId,
  };
}

/** A person's photos, newest first, and the avatar they show. */
export async function listPhotos(deps: PhotoDeps, userId: string): Promise<{ photos: PhotoView[]; avatar: AvatarView }> {
  const [photos, user] = await Promise.all([deps.photos.listForUser(userId), deps.users.findById(userId)]);
  if (!user) throw new NotFoundError('account_not_found', 'This account no longer exists.');
  const now = Date.now();
  const visible = photos.filter((photo) => photo.status !== 'pending' || Date.parse(photo.uploadExpiresAt) > now - DAY_SECONDS * 1000);
  return {
    photos: await Promise.all(visible.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((photo) => view(deps, photo, user.avatarPhotoId))),
    avatar: await avatarOf(deps.storage, user),
  };
}

export async function getPhoto(deps: PhotoDeps, userId: string, photoId: string): Promise<PhotoView> {
  const [photo, user] = await Promise.all([deps.photos.find(userId, photoId), deps.users.findById(userId)]);
  if (!photo) throw notFound();
  return view(deps, photo, user?.avatarPhotoId);
}

/**
 * Deletes a photo: its upload if still there, every variant, then its record.
 * Objects go first so that a storage failure leaves the photo listed, and the
 * person's retry finishes the job, rather than objects nobody can reach.
 */
export async function deletePhoto(deps: PhotoDeps, userId: string, photoId: string): Promise<void> {
  if (!(await deps.photos.find(userId, photoId))) throw notFound();
  await Promise.all([
    deps.storage.deleteKeys('uploads', [uploadKey(userId, photoId)]),
    deps.storage.deleteKeys('media', (Object.keys(VARIANTS) as VariantName[]).map((name) => variantKey(userId, photoId, name))),
  ]);
  if (!(await deps.photos.delete(userId, photoId))) return; // a concurrent delete finished first
  const user = await deps.users.findById(userId);
  if (user?.avatarPhotoId === photoId) await deps.users.update(userId, { avatarPhotoId: null });
}

export async function setAvatar(deps: PhotoDeps, userId: string, photoId: string): Promise<AvatarView> {
  const photo = await deps.photos.find(userId, photoId);
  if (!photo) throw notFound();
  if (photo.status !== 'ready') throw new ConflictError('photo_not_ready', 'Only a processed photo can be the avatar.');
  await deps.users.update(userId, { avatarPhotoId: photoId });
  return { url: await deps.storage.viewUrl(variantKey(userId, photoId, 'medium')), ...(photo.placeholder ? { placeholder: photo.placeholder } : {}), isDefault: false };
}

/**
 * The avatar to show for a person: their chosen photo (its key is derived
 * from the id, so no read is needed), or the generated default.
 */
export async function avatarOf(storage: MediaUrls | undefined, user: { id: string; name: string; avatarPhotoId?: string }): Promise<AvatarView> {
  if (user.avatarPhotoId && storage) {
    return { url: await storage.viewUrl(variantKey(user.id, user.avatarPhotoId, 'medium')), isDefault: false };
  }
  return { url: defaultAvatar(user.id, user.name), isDefault: true };
}

/** Removes every stored object of a person (their account is being deleted). */
export async function deleteAllPhotoObjects(storage: PhotoStorage, userId: string): Promise<void> {
  await storage.deletePrefix('uploads', userUploadsPrefix(userId));
  await storage.deletePrefix('media', userMediaPrefix(userId));
}
