import * as z from 'zod';
import { UserRepository } from '../accounts/user-repository.ts';
import { dynamo } from '../clients/dynamodb.ts';
import { s3 } from '../clients/s3.ts';
import { lazyEnv } from '../config/env.ts';
import type { PhotoDeps } from './photo-service.ts';
import { PhotoRepository } from './photo-repository.ts';
import { PhotoStorage } from './photo-storage.ts';

const photoEnv = lazyEnv({
  TABLE_NAME: z.string().min(1),
  UPLOADS_BUCKET: z.string().min(1),
  MEDIA_BUCKET: z.string().min(1),
  MAX_PHOTOS_PER_USER: z.coerce.number().int().min(1).max(100).default(6),
});

let deps: PhotoDeps | undefined;

export function photoDeps(): PhotoDeps {
  if (!deps) {
    const env = photoEnv();
    deps = {
      photos: new PhotoRepository(dynamo(), env.TABLE_NAME),
      storage: new PhotoStorage(s3(), env.UPLOADS_BUCKET, env.MEDIA_BUCKET),
      users: new UserRepository(dynamo(), env.TABLE_NAME),
      maxPhotos: env.MAX_PHOTOS_PER_USER,
    };
  }
  return deps;
}
