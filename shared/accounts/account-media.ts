import { dynamo } from '../clients/dynamodb.ts';
import { s3 } from '../clients/s3.ts';
import { PhotoRepository } from '../photos/photo-repository.ts';
import { PhotoStorage } from '../photos/photo-storage.ts';
import { accountDeps, type AccountDeps, type MediaFactory } from './account-deps.ts';

/** Photos over the function's own clients: for the account and admin areas (avatars, deleting a person's objects). */
export const photoMedia: MediaFactory = ({ tableName, uploadsBucket, mediaBucket }) => ({
  photos: new PhotoRepository(dynamo(), tableName),
  storage: new PhotoStorage(s3(), uploadsBucket, mediaBucket),
});

/** The account dependencies with photos: what the account and admin functions use. */
export const accountDepsWithMedia = (): AccountDeps => accountDeps(photoMedia);
