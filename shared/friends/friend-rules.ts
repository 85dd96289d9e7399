/** The friends area's limits and vocabulary, as plain data (the route table imports them). */

export const DISCOVER_DEFAULT_LIMIT = 10;
export const DISCOVER_MAX_LIMIT = 20;
/** At most this many index Queries per `discover` (the bench holds each page to it). */
export const MAX_QUERIES_PER_PAGE = 12;

/** Photos a friend card shows at most (the person's photo limit). */
export const MAX_CARD_PHOTOS = 6;

export const DECISIONS = ['yes', 'no'] as const;
export type Decision = (typeof DECISIONS)[number];

export const MATCHES_MAX_LIMIT = 50;
/** Match ids: 12 hex digits of time, then 20 of the pair's digest (see newMatchId). */
export const MATCH_ID = /^[0-9a-f]{32}$/;
