import { DeleteCommand, GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ACTIVE_OWNER, userKey, userPartition } from '../accounts/table-keys.ts';
import { queryAll } from '../clients/query-pages.ts';
import { cancellationCodes } from '../clients/transaction-retry.ts';
import type { Photo, RejectionReason, VariantName } from './photo-model.ts';

const PHOTO_PREFIX = 'PHOTO#';
/** The key of one photo record, in its owner's partition. */
export const photoKey = (userId: string, photoId: string) => ({ pk: userPartition(userId), sk: `${PHOTO_PREFIX}${photoId}` });
/** Rejected photos stay listed (with their reason) this long, then TTL removes them. */
const REJECTED_LIFETIME_SECONDS = 7 * 86_400;

const cancelledAt = (error: unknown, index: number): boolean => cancellationCodes(error)?.[index] === 'ConditionalCheckFailed';

/**
 * Photos live in their owner's partition, so deleting an account takes them
 * along. The owner's item counts the photos that hold a slot (`photoSlots`);
 * a photo takes its slot in the transaction that creates it, conditioned on
 * the owner being active and under the limit, and gives it back in the one
 * that rejects or deletes it (`holdsSlot` on the photo says whether it still
 * has one), so parallel requests can never pass the limit.
 */
export class PhotoRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates a pending photo in a free slot; false when the owner has no slot
   * left, or is not an active account. `expiresAt` (epoch seconds) lets TTL
   * remove a record whose upload never came.
   */
  async create(photo: Photo, limit: number, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: userKey(photo.userId),
                UpdateExpression: 'ADD photoSlots :one',
                ConditionExpression: `${ACTIVE_OWNER.condition} AND (attribute_not_exists(photoSlots) OR photoSlots < :limit)`,
                ExpressionAttributeNames: ACTIVE_OWNER.names,
                ExpressionAttributeValues: { ...ACTIVE_OWNER.values, ':one': 1, ':limit': limit },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...photoKey(photo.userId, photo.photoId), type: 'photo', ...photo, holdsSlot: true, expiresAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledAt(error, 0)) return false;
      throw error;
    }
  }

  /** Gives back the slot of a pending photo whose upload form expired unused. */
  async releaseExpiredSlot(photo: Photo): Promise<boolean> {
    return this.releasing(photo.userId, {
      Update: {
        TableName: this.tableName,
        Key: photoKey(photo.userId, photo.photoId),
        UpdateExpression: 'REMOVE holdsSlot',
        ConditionExpression: 'holdsSlot = :true AND #status = :pending AND uploadExpiresAt < :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':true': true, ':pending': 'pending', ':now': new Date().toISOString() },
      },
    });
  }

  /** Runs `change` (conditioned on the photo holding a slot) and frees the slot in one transaction; false when the condition failed. */
  private async releasing(userId: string, change: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            change,
            { Update: { TableName: this.tableName, Key: userKey(userId), UpdateExpression: 'ADD photoSlots :minusOne', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':minusOne': -1 } } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledAt(error, 0) || cancelledAt(error, 1)) return false;
      throw error;
    }
  }

  async find(userId: string, photoId: string): Promise<Photo | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: photoKey(userId, photoId), ConsistentRead: true }));
    return Item ? toPhoto(Item) : undefined;
  }

  /** Every photo record of the person, paging past DynamoDB's 1 MB pages. */
  async listForUser(userId: string): Promise<Photo[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': PHOTO_PREFIX },
      ConsistentRead: true,
    });
    return items.map(toPhoto);
  }

  /** Pending -> ready, once: a second delivery of the same upload changes nothing. */
  async markReady(
    userId: string,
    photoId: string,
    result: { width: number; height: number; placeholder: string; variants: Record<VariantName, string> },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: photoKey(userId, photoId),
          UpdateExpression: 'SET #status = :ready, width = :width, height = :height, placeholder = :placeholder, variants = :variants REMOVE expiresAt',
          // A photo whose slot went back when its form expired stays out, even if the upload arrives late.
          ConditionExpression: '#status = :pending AND holdsSlot = :true',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':true': true,
            ':ready': 'ready',
            ':width': result.width,
            ':height': result.height,
            ':placeholder': result.placeholder,
            ':variants': result.variants,
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Pending -> rejected, once, giving back the slot; the record expires after a week. */
  async markRejected(userId: string, photoId: string, reason: RejectionReason): Promise<boolean> {
    const rejection = {
      TableName: this.tableName,
      Key: photoKey(userId, photoId),
      UpdateExpression: 'SET #status = :rejected, rejectionReason = :reason, expiresAt = :expires REMOVE holdsSlot',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':rejected': 'rejected',
        ':reason': reason,
        ':pending': 'pending',
        ':expires': Math.floor(Date.now() / 1000) + REJECTED_LIFETIME_SECONDS,
      },
    };
    if (await this.releasing(userId, { Update: { ...rejection, ConditionExpression: '#status = :pending AND holdsSlot = :true', ExpressionAttributeValues: { ...rejection.ExpressionAttributeValues, ':true': true } } })) return true;
    try {
      await this.db.send(new UpdateCommand({ ...rejection, ConditionExpression: '#status = :pending' }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Deletes the record, giving back its slot if it held one; false when it was already gone. */
  async delete(userId: string, photoId: string): Promise<boolean> {
    const key = photoKey(userId, photoId);
    if (await this.releasing(userId, { Delete: { TableName: this.tableName, Key: key, ConditionExpression: 'holdsSlot = :true', ExpressionAttributeValues: { ':true': true } } })) return true;
    const { Attributes } = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_OLD' }));
    return Attributes !== undefined;
  }

}

function toPhoto(item: Record<string, unknown>): Photo {
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, holdsSlot: _holdsSlot, ...photo } = item;
  return photo as unknown as Photo;
}
