import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountEraser } from '../accounts/account-erasure.ts';
import { userPartition } from '../accounts/table-keys.ts';
import { batchDelete } from '../clients/batch-delete.ts';
import { queryPages } from '../clients/query-pages.ts';
import { batchGet, itemKey } from '../clients/batch-get.ts';
import { matchKey, PAIR_POINTER_PREFIX, pairKey, pairPointerKey } from './friend-keys.ts';

/**
 * The friends area's part of an account deletion: what sits outside the
 * person's own partition. Every pair they are in (their decisions and the
 * other person's on them), the other side's pointer to it and the other
 * side's match item. Found through the person's pair pointers, a page at a
 * time. The partition itself (profile, deck, own pointers and matches) goes
 * with the account. Decisions written after the account was marked closing
 * fail their condition, so nothing can appear behind this sweep.
 */
export function friendsEraser(db: DynamoDBDocumentClient, tableName: string): AccountEraser {
  return {
    area: 'friends',
    async erase(userId) {
      for await (const pointers of queryPages(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': PAIR_POINTER_PREFIX },
        ConsistentRead: true,
      })) {
        const others = pointers.map((pointer) => (pointer.sk as string).slice(PAIR_POINTER_PREFIX.length));
        const pairs = await batchGet(db, tableName, others.map((otherId) => pairKey(userId, otherId)), { consistent: true });
        const keys = others.flatMap((otherId) => {
          const matchId = pairs.get(itemKey(pairKey(userId, otherId)))?.matchId;
          return [pairKey(userId, otherId), pairPointerKey(otherId, userId), ...(typeof matchId === 'string' ? [matchKey(otherId, matchId)] : [])];
        });
        await batchDelete(db, tableName, keys);
      }
    },
  };
}
