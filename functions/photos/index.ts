import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { photoDeps } from '../../shared/photos/photo-deps.ts';
import { deletePhoto, getPhoto, listPhotos, requestPhotoUpload, setAvatar } from '../../shared/photos/photo-service.ts';
import { routes } from '../../shared/routes/index.ts';

const postPhoto = implement(routes.requestUpload, async ({ principal, body }) => ({
  status: 201,
  json: await requestPhotoUpload(photoDeps(), principal.userId, body),
}));

const getPhotos = implement(routes.listPhotos, async ({ principal }) => ({
  status: 200,
  json: await listPhotos(photoDeps(), principal.userId),
}));

const getOnePhoto = implement(routes.getPhoto, async ({ principal, params }) => ({
  status: 200,
  json: await getPhoto(photoDeps(), principal.userId, params.id),
}));

const removePhoto = implement(routes.deletePhoto, async ({ principal, params }) => {
  await deletePhoto(photoDeps(), principal.userId, params.id);
  return { status: 204 };
});

const putAvatar = implement(routes.setAvatar, async ({ principal, body }) => ({
  status: 200,
  json: await setAvatar(photoDeps(), principal.userId, body.photoId),
}));

/** The `photos` area: a person's photos and avatar. */
export const handler = createApiHandler([postPhoto, getPhotos, getOnePhoto, removePhoto, putAvatar]);
