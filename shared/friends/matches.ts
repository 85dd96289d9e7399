import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { activeOwnerCheck, userKey, userPartition } from '../accounts/table-keys.ts';
import { toUser } from '../accounts/user-repository.ts';
import { batchGet, itemKey } from '../clients/batch-get.ts';
import { cancellationCodes } from '../clients/transaction-retry.ts';
import type { EmailQueue } from '../email/email-queue.ts';
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from '../errors/domain-errors.ts';
import { avatarOf } from '../photos/photo-service.ts';
import type { MediaUrls } from '../photos/media-urls.ts';
import { friendProfileKey, MATCH_PREFIX, matchKey, newMatchId, pairKey, pairOf, pairPointerKey } from './friend-keys.ts';
import { isShowable } from './friend-people.ts';
import { MATCH_ID, type Decision } from './friend-rules.ts';


export interface MatchDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly emails: EmailQueue;
  readonly storage?: MediaUrls;
}

export interface DecisionOutcome {
  readonly decision: Decision;
  readonly matched: boolean;
  readonly matchId?: string;
}

/** The same answer for yourself, an unknown id and someone without a friend profile: ids cannot be probed. */
const noSuchPerson = () => new NotFoundError('person_not_found', 'There is nobody to decide on with this id.');
/** Two people racing on one pair retry a few times; more means something is wrong, not busy. */
const MAX_ATTEMPTS = 6;

/**
 * Records the viewer's yes or no on another person. Both decisions live on
 * one pair item, written under a version condition in the same transaction
 * as the match itself: whoever completes a mutual yes writes the match for
 * both sides at once, and a racing decider retries on the new version and
 * sees it. Exactly one match, whatever the timing; none is ever lost.
 */
export async function decide(deps: MatchDeps, viewerId: string, targetId: string, decision: Decision): Promise<DecisionOutcome> {
  if (viewerId === targetId) throw noSuchPerson();
  const keys = [friendProfileKey(viewerId), friendProfileKey(targetId), userKey(viewerId), userKey(targetId), pairKey(viewerId, targetId)];
  const found = await batchGet(deps.db, deps.tableName, keys, { consistent: true });
  const target = found.get(itemKey(userKey(targetId)));
  if (!found.get(itemKey(friendProfileKey(viewerId)))) throw new ConflictError('friend_profile_required', 'Make a friend profile first (PUT /api/v1/me/friend-profile).');
  if (!found.get(itemKey(friendProfileKey(targetId))) || !target || !isShowable(target)) throw noSuchPerson();
  const viewer = found.get(itemKey(userKey(viewerId)));
  let pair = found.get(itemKey(pairKey(viewerId, targetId)));

  for (let attempt = 1; ; attempt += 1) {
    const decisions = (pair?.decisions ?? {}) as Record<string, Decision>;
    const earlier = decisions[viewerId];
    if (earlier) {
      if (earlier !== decision) throw new ConflictError('already_decided', `You already said ${earlier} to this person.`);
      return { decision, matched: typeof pair?.matchId === 'string', ...(typeof pair?.matchId === 'string' ? { matchId: pair.matchId } : {}) };
    }
    const matched = decision === 'yes' && decisions[targetId] === 'yes' && !pair?.unmatchedAt;
    const now = Date.now();
    const matchId = matched ? newMatchId(viewerId, targetId, now) : undefined;
    try {
      await deps.db.send(new TransactWriteCommand({ TransactItems: decisionWrites(deps.tableName, viewerId, targetId, decision, pair, matchId, new Date(now).toISOString()) }));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') throw new ForbiddenError('account_inactive', 'Only an active account can decide.');
      if (codes[1] === 'ConditionalCheckFailed') throw noSuchPerson();
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError('concurrent_change', 'This pair changed meanwhile; try again.');
      // Another decision on the same pair won the race: read it and decide again on what it wrote.
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      pair = (await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: pairKey(viewerId, targetId), ConsistentRead: true }))).Item;
      continue;
    }
    if (matchId) await announceMatch(deps, [viewer, target]);
    return { decision, matched: Boolean(matchId), ...(matchId ? { matchId } : {}) };
  }
}

function decisionWrites(
  tableName: string,
  viewerId: string,
  targetId: string,
  decision: Decision,
  pair: Record<string, unknown> | undefined,
  matchId: string | undefined,
  now: string,
) {
  const version = typeof pair?.version === 'number' ? pair.version : 0;
  const { low, high } = pairOf(viewerId, targetId);
  const pairItem = {
    ...pair,
    ...pairKey(viewerId, targetId),
    type: 'FRIEND_PAIR',
    low,
    high,
    decisions: { ...((pair?.decisions ?? {}) as Record<string, Decision>), [viewerId]: decision },
    version: version + 1,
    updatedAt: now,
    ...(matchId ? { matchId, matchedAt: now } : {}),
  };
  const matchFor = (userId: string, otherId: string) => ({
    Put: { TableName: tableName, Item: { ...matchKey(userId, matchId!), type: 'MATCH', matchId, otherId, matchedAt: now } },
  });
  return [
    // Both people must still be there: nothing is written into the partition of an account being deleted.
    activeOwnerCheck(tableName, viewerId),
    activeOwnerCheck(tableName, targetId),
    {
      Put: {
        TableName: tableName,
        Item: pairItem,
        ConditionExpression: pair ? '#version = :version' : 'attribute_not_exists(pk)',
        ...(pair ? { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': version } } : {}),
      },
    },
    { Put: { TableName: tableName, Item: { ...pairPointerKey(viewerId, targetId), type: 'FRIEND_PAIR_POINTER' } } },
    { Put: { TableName: tableName, Item: { ...pairPointerKey(targetId, viewerId), type: 'FRIEND_PAIR_POINTER' } } },
    ...(matchId ? [matchFor(viewerId, targetId), matchFor(targetId, viewerId)] : []),
  ];
}

/** One "new match" email to each side, through the email queue (no names of the other: free text stays out of mail). */
async function announceMatch(deps: MatchDeps, people: ReadonlyArray<Record<string, unknown> | undefined>): Promise<void> {
  await Promise.all(
    people.flatMap((item) => {
      if (!item) return [];
      const user = toUser(item);
      return [deps.emails.enqueue({ to: user.email, template: 'new-match', data: { name: user.name } })];
    }),
  );
}

export interface MatchView {
  readonly id: string;
  readonly person: { id: string; name: string; avatarUrl: string };
  readonly matchedAt: string;
}


/** The person's matches, newest first; people disabled meanwhile are left out while they are disabled. */
export async function listMatches(deps: MatchDeps, userId: string, limit: number, cursor?: string): Promise<{ matches: MatchView[]; next?: string }> {
  const after = cursor === undefined ? undefined : decodeMatchCursor(cursor);
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': MATCH_PREFIX },
      ScanIndexForward: false,
      Limit: limit,
      ...(after ? { ExclusiveStartKey: matchKey(userId, after) } : {}),
    }),
  );
  const items = page.Items ?? [];
  const people = await batchGet(deps.db, deps.tableName, items.map((item) => userKey(item.otherId as string)));
  const matches: MatchView[] = [];
  for (const item of items) {
    const other = people.get(itemKey(userKey(item.otherId as string)));
    if (!other || !isShowable(other)) continue;
    const person = toUser(other);
    matches.push({ id: item.matchId as string, person: { id: person.id, name: person.name, avatarUrl: (await avatarOf(deps.storage, person)).url }, matchedAt: item.matchedAt as string });
  }
  const last = page.LastEvaluatedKey?.sk as string | undefined;
  return { matches, ...(last ? { next: Buffer.from(last.slice(MATCH_PREFIX.length)).toString('base64url') } : {}) };
}

/** Cursors name a match id in the person's own partition, so there is nothing to forge; only their shape is checked. */
function decodeMatchCursor(cursor: string): string {
  const matchId = Buffer.from(cursor, 'base64url').toString('latin1');
  if (!MATCH_ID.test(matchId) || Buffer.from(matchId).toString('base64url') !== cursor) throw new InvalidRequestError('invalid_cursor', 'The cursor is invalid.');
  return matchId;
}

/**
 * Ends a match for both sides, silently and for good: both match items go,
 * and the pair is marked unmatched, so neither is shown to the other again.
 */
export async function unmatch(deps: MatchDeps, userId: string, matchId: string): Promise<void> {
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: matchKey(userId, matchId), ConsistentRead: true }));
  if (!Item) throw new NotFoundError('match_not_found', 'You have no match with this id.');
  const otherId = Item.otherId as string;
  try {
    await deps.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: deps.tableName, Key: matchKey(userId, matchId) } },
          { Delete: { TableName: deps.tableName, Key: matchKey(otherId, matchId) } },
          {
            Update: {
              TableName: deps.tableName,
              Key: pairKey(userId, otherId),
              UpdateExpression: 'SET unmatchedAt = :now, unmatchedBy = :user ADD version :one',
              ConditionExpression: 'matchId = :matchId AND attribute_not_exists(unmatchedAt)',
              ExpressionAttributeValues: { ':now': new Date().toISOString(), ':user': userId, ':one': 1, ':matchId': matchId },
            },
          },
        ],
      }),
    );
  } catch (error) {
    // The other side unmatched at the same moment: the match is gone either way.
    if (cancellationCodes(error)?.[2] !== 'ConditionalCheckFailed') throw error;
  }
}
