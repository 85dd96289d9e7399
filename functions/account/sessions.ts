import { accountDepsWithMedia as accountDeps } from '../../shared/accounts/account-media.ts';
import { endSession, listSessions } from '../../shared/accounts/sessions.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getSessions = implement(routes.listSessions, async ({ principal }) => ({
  status: 200,
  json: { sessions: await listSessions(accountDeps(), principal.userId, principal.sessionId) },
}));

export const deleteSession = implement(routes.endSession, async ({ principal, params, client }) => {
  await endSession(accountDeps(), principal.userId, params.id, client);
  return { status: 204 };
});
