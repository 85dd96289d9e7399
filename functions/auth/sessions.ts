import { accountDeps } from '../../shared/accounts/account-deps.ts';
import { logIn } from '../../shared/accounts/login.ts';
import { logOut, refreshSession } from '../../shared/accounts/sessions.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const postLogin = implement(routes.login, async ({ body, client }) => ({
  status: 200,
  json: await logIn(accountDeps(), body, client),
}));

export const postRefresh = implement(routes.refresh, async ({ body, client }) => ({
  status: 200,
  json: await refreshSession(accountDeps(), body.refreshToken, client),
}));

export const postLogout = implement(routes.logout, async ({ body, query, client }) => {
  await logOut(accountDeps(), body.refreshToken, query.scope === 'all', client);
  return { status: 204 };
});
