import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { PhotoRepository } from '../../shared/photos/photo-repository.ts';

/**
 * A pending photo record as `POST /me/photos` leaves it, for tests and the
 * bench that drive the image worker directly. A photo needs an active owner
 * (its slot is taken on the owner's item), so a new one is made unless given.
 */
export async function pendingPhoto(db: DynamoDBDocumentClient, tableName: string, owner?: string): Promise<{ userId: string; photoId: string }> {
  const userId = owner ?? randomUUID();
  const now = new Date();
  if (!owner) {
    await new UserRepository(db, tableName).create({
      id: userId,
      email: `${userId}@owners.example.com`,
      name: 'Photo owner',
      role: 'user',
      status: 'active',
      passwordHash: '',
      passwordStamp: randomUUID(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  const photoId = randomUUID();
  const created = await new PhotoRepository(db, tableName).create(
    { userId, photoId, status: 'pending', contentType: 'image/jpeg', createdAt: now.toISOString(), uploadExpiresAt: new Date(now.getTime() + 300_000).toISOString() },
    100,
    Math.floor(now.getTime() / 1000) + 86_400,
  );
  if (!created) throw new Error('The photo owner is not an active account.');
  return { userId, photoId };
}
