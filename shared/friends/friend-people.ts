import { batchGet, itemKey } from '../clients/batch-get.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { variantKey, VARIANTS, type VariantName } from '../photos/photo-model.ts';
import type { MediaUrls } from '../photos/media-urls.ts';
import { photoKey } from '../photos/photo-repository.ts';

/** What a card shows of one photo. */
export interface PhotoCard {
  readonly id: string;
  readonly urls: Record<VariantName, string>;
  readonly placeholder?: string;
}

/**
 * Whether a person may be shown to others at all: an active, confirmed
 * account that is not being deleted. Disabled people vanish from decks and
 * match lists while disabled, and come back if enabled again.
 */
export function isShowable(userItem: Record<string, unknown>): boolean {
  return userItem.status === 'active' && userItem.closingSince === undefined;
}

/** The card photos of several people in one batch read: only photos still there and ready, in each person's order. */
export async function cardPhotos(
  deps: { db: DynamoDBDocumentClient; tableName: string; storage?: MediaUrls },
  people: ReadonlyArray<{ userId: string; photoIds: readonly string[] }>,
): Promise<Map<string, PhotoCard[]>> {
  const cards = new Map<string, PhotoCard[]>();
  const storage = deps.storage;
  if (!storage) return cards;
  const keys = people.flatMap(({ userId, photoIds }) => photoIds.map((id) => photoKey(userId, id)));
  if (keys.length === 0) return cards;
  const items = await batchGet(deps.db, deps.tableName, keys);
  for (const { userId, photoIds } of people) {
    const ready = photoIds.map((id) => items.get(itemKey(photoKey(userId, id)))).filter((item) => item?.status === 'ready');
    cards.set(
      userId,
      await Promise.all(
        ready.map(async (item) => {
          const id = item!.photoId as string;
          const urls = Object.fromEntries(
            await Promise.all((Object.keys(VARIANTS) as VariantName[]).map(async (name) => [name, await storage.viewUrl(variantKey(userId, id, name))] as const)),
          ) as Record<VariantName, string>;
          return { id, urls, ...(typeof item!.placeholder === 'string' ? { placeholder: item!.placeholder } : {}) };
        }),
      ),
    );
  }
  return cards;
}
