import * as z from 'zod';
import { friendProfileInputSchema } from '../friends/friend-profile-input.ts';
import { DECISIONS, DISCOVER_DEFAULT_LIMIT, DISCOVER_MAX_LIMIT, MATCH_ID, MATCHES_MAX_LIMIT } from '../friends/friend-rules.ts';
import { defineRoute } from '../http/route-definition.ts';
import { VARIANTS } from '../photos/photo-model.ts';
import { pageLimitSchema } from './schemas.ts';

const friends = { area: 'friends', auth: 'user', tags: ['Friends'] } as const;

const friendProfileSchema = z
  .object({
    hobbies: z.array(z.string()),
    interests: z.array(z.string()),
    zip: z.string(),
    city: z.string(),
    state: z.string(),
    radiusMiles: z.number().int(),
    bio: z.string().optional(),
    discoverable: z.boolean(),
    photoIds: z.array(z.uuid()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'FriendProfile' });

const cardPhotoSchema = z.object({
  id: z.uuid(),
  urls: z.object(Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, z.url()])) as Record<keyof typeof VARIANTS, z.ZodURL>),
  placeholder: z.string().optional(),
});

const cardSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    avatarUrl: z.string(),
    photos: z.array(cardPhotoSchema),
    hobbies: z.array(z.string()),
    interests: z.array(z.string()),
    bio: z.string().optional(),
    city: z.string(),
    state: z.string(),
    distanceMiles: z.number().int().min(1).meta({ description: 'Between the two zip codes\' centres, in whole miles, at least 1.' }),
    shared: z.object({ hobbies: z.array(z.string()), interests: z.array(z.string()) }),
  })
  .meta({ id: 'PersonCard' });

const matchSchema = z
  .object({
    id: z.string().regex(MATCH_ID),
    person: z.object({ id: z.uuid(), name: z.string(), avatarUrl: z.string() }),
    matchedAt: z.iso.datetime(),
  })
  .meta({ id: 'Match' });

export const friendRoutes = {
  putFriendProfile: defineRoute({
    ...friends,
    method: 'PUT',
    path: '/api/v1/me/friend-profile',
    operationId: 'putFriendProfile',
    summary: 'Create or replace your friend profile',
    description: 'City and state come from the zip code. Any change starts your deck afresh; people you decided on stay decided.',
    request: { body: friendProfileInputSchema },
    responses: { 200: { description: 'The profile as stored.', schema: friendProfileSchema } },
    problems: { 403: 'account_inactive.', 422: 'unknown_zip, or photo_not_ready: a photo id that is not one of your ready photos.' },
  }),
  getFriendProfile: defineRoute({
    ...friends,
    method: 'GET',
    path: '/api/v1/me/friend-profile',
    operationId: 'getFriendProfile',
    summary: 'Your friend profile',
    responses: { 200: { description: 'The profile.', schema: friendProfileSchema } },
    problems: { 404: 'friend_profile_missing.' },
  }),
  deleteFriendProfile: defineRoute({
    ...friends,
    method: 'DELETE',
    path: '/api/v1/me/friend-profile',
    operationId: 'deleteFriendProfile',
    summary: 'Leave discovery',
    description: 'Removes your friend profile (and with it your deck); your decisions and matches stay.',
    responses: { 204: { description: 'Removed (or there was none).' } },
  }),
  discover: defineRoute({
    ...friends,
    method: 'GET',
    path: '/api/v1/friends/discover',
    operationId: 'discoverPeople',
    summary: 'The next people near you, in your deck\'s random order',
    description:
      'People you have not decided on come back until you do. `exhausted: true` with no people means nobody new nearby ' +
      'right now; the next call looks again from the start (newcomers appear).',
    request: { query: z.strictObject({ limit: pageLimitSchema(DISCOVER_MAX_LIMIT, DISCOVER_DEFAULT_LIMIT) }) },
    responses: { 200: { description: 'Cards, at most `limit`.', schema: z.object({ people: z.array(cardSchema), exhausted: z.boolean() }) } },
    problems: { 409: 'friend_profile_required, or friend_profile_hidden: make your profile discoverable first.' },
  }),
  decide: defineRoute({
    ...friends,
    method: 'PUT',
    path: '/api/v1/friends/decisions/{userId}',
    operationId: 'decideOnPerson',
    summary: 'Say yes or no to a person; a mutual yes is a match',
    description: 'The same decision again answers the same; a different one is refused. Both people are emailed once about a new match.',
    request: { params: z.strictObject({ userId: z.uuid() }), body: z.strictObject({ decision: z.enum(DECISIONS) }) },
    responses: {
      200: {
        description: 'The decision, and whether it made a match.',
        schema: z.object({ decision: z.enum(DECISIONS), matched: z.boolean(), matchId: z.string().regex(MATCH_ID).optional() }),
      },
    },
    problems: {
      403: 'account_inactive.',
      404: 'person_not_found: yourself, an unknown id, or someone without a friend profile (one answer for all).',
      409: 'already_decided (a different decision before), friend_profile_required, or concurrent_change.',
    },
  }),
  listMatches: defineRoute({
    ...friends,
    method: 'GET',
    path: '/api/v1/matches',
    operationId: 'listMatches',
    summary: 'Your matches, newest first',
    request: {
      query: z.strictObject({
        cursor: z.string().min(1).max(64).optional().meta({ description: 'The `next` of the previous page, unchanged.' }),
        limit: pageLimitSchema(MATCHES_MAX_LIMIT, 20),
      }),
    },
    responses: { 200: { description: 'One page of matches.', schema: z.object({ matches: z.array(matchSchema), next: z.string().optional() }) } },
    problems: { 400: 'invalid_cursor.' },
  }),
  unmatch: defineRoute({
    ...friends,
    method: 'DELETE',
    path: '/api/v1/matches/{id}',
    operationId: 'unmatch',
    summary: 'Unmatch, for both of you and for good',
    description: 'Silent: the other person is not told; neither of you is shown to the other again.',
    request: { params: z.strictObject({ id: z.string().regex(MATCH_ID) }) },
    responses: { 204: { description: 'Unmatched.' } },
    problems: { 404: 'match_not_found.' },
  }),
};
