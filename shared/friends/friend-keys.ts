import { createHash } from 'node:crypto';
import { userPartition } from '../accounts/table-keys.ts';

/**
 * Every key of the friends area, defined once.
 *
 * | item            | pk                       | sk                        |
 * | --------------- | ------------------------ | ------------------------- |
 * | friend profile  | USER#<id>                | FRIEND_PROFILE            |
 * | pair            | FPAIR#<low id>#<high id> | PAIR                      |
 * | pair pointer    | USER#<id>                | FPAIR#<other id>          |
 * | match           | USER#<id>                | MATCH#<match id>          |
 *
 * A discoverable profile also carries the discovery index keys: `fnPk`
 * (`<geohash 4>#<shard>`) and `fwPk` (`<geohash 3>#<shard>`), both sorted by
 * `<rank>#<id>`, where the rank is random and fixed when the profile is made.
 *
 * The pair item holds both people's decisions, and the match once both said
 * yes; it is the one item two deciders contend on, so every rule between two
 * people is a condition on it. Each side has a pointer to it, so deleting
 * either account finds every pair (and so every match) without a Scan.
 */
export const friendProfileKey = (userId: string) => ({ pk: userPartition(userId), sk: 'FRIEND_PROFILE' });
export const PAIR_POINTER_PREFIX = 'FPAIR#';
export const MATCH_PREFIX = 'MATCH#';
export const pairPointerKey = (userId: string, otherId: string) => ({ pk: userPartition(userId), sk: `${PAIR_POINTER_PREFIX}${otherId}` });
export const matchKey = (userId: string, matchId: string) => ({ pk: userPartition(userId), sk: `${MATCH_PREFIX}${matchId}` });

/** The two people of a pair in a fixed order, so both of them address the same item. */
export function pairOf(a: string, b: string): { low: string; high: string } {
  return a < b ? { low: a, high: b } : { low: b, high: a };
}

export const pairKey = (a: string, b: string) => {
  const { low, high } = pairOf(a, b);
  return { pk: `FPAIR#${low}#${high}`, sk: 'PAIR' };
};

/**
 * A match's id: time-ordered (newest-first listing is a Query) and unique to
 * the pair. 12 hex digits of milliseconds, then 20 of the pair's digest.
 */
export function newMatchId(a: string, b: string, now: number): string {
  const { low, high } = pairOf(a, b);
  const digest = createHash('sha256').update(`${low}:${high}`).digest('hex').slice(0, 20);
  return now.toString(16).padStart(12, '0') + digest;
}

/** Discovery index entries are sharded from day one; one shard until a cell outgrows a partition. */
export const DISCOVERY_SHARD = '0';
export const DISCOVERY_INDEX = {
  near: { name: 'friendsNear', pk: 'fnPk', sk: 'fnSk' },
  wide: { name: 'friendsWide', pk: 'fwPk', sk: 'fwSk' },
} as const;
