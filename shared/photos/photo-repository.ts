import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { userPartition } from '../accounts/table-keys.ts';
import type { Photo, RejectionReason, VariantName } from './photo-model.ts';

const PHOTO_PREFIX = 'PHOTO#';
const photoKey = (userId: string, photoId: string) => ({ pk: userPartition(userId), sk: `${PHOTO_PREFIX}${photoId}` });

/** Photos live in their owner's partition, so deleting an account takes them along. */
export class PhotoRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** `expiresAt` (epoch seconds) lets TTL remove a record that never settles; settling removes it. */
  async create(photo: Photo, expiresAt?: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...photoKey(photo.userId, photo.photoId), type: 'photo', ...photo, ...(expiresAt ? { expiresAt } : {}) },
      }),
    );
  }

  async find(userId: string, photoId: string): Promise<Photo | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: photoKey(userId, photoId), ConsistentRead: true }));
    return Item ? toPhoto(Item) : undefined;
  }

  async listForUser(userId: string): Promise<Photo[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': PHOTO_PREFIX },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map(toPhoto);
  }

  /** Pending -> ready, once: a second delivery of the same upload changes nothing. */
  async markReady(
    userId: string,
    photoId: string,
    result: { width: number; height: number; placeholder: string; variants: Record<VariantName, string> },
  ): Promise<boolean> {
    return this.settle(userId, photoId, 'SET #status = :ready, width = :width, height = :height, placeholder = :placeholder, variants = :variants', {
      ':ready': 'ready',
      ':width': result.width,
      ':height': result.height,
      ':placeholder': result.placeholder,
      ':variants': result.variants,
    });
  }

  async markRejected(userId: string, photoId: string, reason: RejectionReason): Promise<boolean> {
    return this.settle(userId, photoId, 'SET #status = :rejected, rejectionReason = :reason', { ':rejected': 'rejected', ':reason': reason });
  }

  async delete(userId: string, photoId: string): Promise<boolean> {
    const { Attributes } = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: photoKey(userId, photoId), ReturnValues: 'ALL_OLD' }));
    return Attributes !== undefined;
  }

  private async settle(userId: string, photoId: string, update: string, values: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: photoKey(userId, photoId),
          UpdateExpression: `${update} REMOVE expiresAt`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':pending': 'pending' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

function toPhoto(item: Record<string, unknown>): Photo {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...photo } = item;
  return photo as unknown as Photo;
}
