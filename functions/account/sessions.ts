import { accountDepsWithMedia } from '../../shared/accounts/account-media.ts';
import { endSession, listSessions } from '../../shared/accounts/sessions.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getSessions = implement(routes.listSessions, async ({ principal }) => ({
  status: 200,
  json: { sessions: await listSessions(accountDepsWithMedia(), principal.userId, principal.sessionId) },
}));

export const deleteSession = implement(routes.endSession, async ({ principal, params, client }) => {
  await endSession(accountDepsWithMedia(), principal.userId, params.id, client);
  return { status: 204 };
});
