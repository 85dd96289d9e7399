import { discover } from '../../shared/friends/discovery.ts';
import { deleteFriendProfile, getFriendProfile, putFriendProfile } from '../../shared/friends/friend-profiles.ts';
import { friendsDeps } from '../../shared/friends/friends-deps.ts';
import { decide, listMatches, unmatch } from '../../shared/friends/matches.ts';
import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

const putProfile = implement(routes.putFriendProfile, async ({ principal, body }) => ({
  status: 200,
  json: await putFriendProfile(friendsDeps(), principal.userId, body),
}));

const getProfile = implement(routes.getFriendProfile, async ({ principal }) => ({
  status: 200,
  json: await getFriendProfile(friendsDeps(), principal.userId),
}));

const deleteProfile = implement(routes.deleteFriendProfile, async ({ principal }) => {
  await deleteFriendProfile(friendsDeps(), principal.userId);
  return { status: 204 };
});

const discoverPeople = implement(routes.discover, async ({ principal, query }) => ({
  status: 200,
  json: await discover(friendsDeps(), principal.userId, query.limit),
}));

const decideOnPerson = implement(routes.decide, async ({ principal, params, body }) => ({
  status: 200,
  json: await decide(friendsDeps(), principal.userId, params.userId, body.decision),
}));

const getMatches = implement(routes.listMatches, async ({ principal, query }) => ({
  status: 200,
  json: await listMatches(friendsDeps(), principal.userId, query.limit, query.cursor),
}));

const deleteMatch = implement(routes.unmatch, async ({ principal, params }) => {
  await unmatch(friendsDeps(), principal.userId, params.id);
  return { status: 204 };
});

/** The `friends` area: friend profiles, discovery nearby, yes/no decisions and matches. */
export const handler = createApiHandler([putProfile, getProfile, deleteProfile, discoverPeople, decideOnPerson, getMatches, deleteMatch]);
