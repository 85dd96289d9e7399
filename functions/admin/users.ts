import { adminDeps } from '../../shared/admin/admin-deps.ts';
import {
  createUser,
  deleteUser,
  disableUser,
  enableUser,
  getUser,
  listUsers,
  reinvite,
  revokeSessions,
  updateUser,
} from '../../shared/admin/admin-users.ts';
import { accepted, implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const postUser = implement(routes.createUser, async ({ principal, body, client }) => {
  const user = await createUser(adminDeps(), principal, body, client);
  return { status: 201, json: user, headers: { location: `/api/v1/users/${user.id}` } };
});

export const getUsers = implement(routes.listUsers, async ({ query }) => ({ status: 200, json: await listUsers(adminDeps(), query) }));

export const getOneUser = implement(routes.getUser, async ({ params }) => ({ status: 200, json: await getUser(adminDeps(), params.id) }));

export const patchUser = implement(routes.updateUser, async ({ principal, params, body, client }) => ({
  status: 200,
  json: await updateUser(adminDeps(), principal, params.id, body, client),
}));

export const removeUser = implement(routes.deleteUser, async ({ principal, params, client }) => {
  await deleteUser(adminDeps(), principal, params.id, client);
  return { status: 204 };
});

export const postDisable = implement(routes.disableUser, async ({ principal, params, client }) => ({
  status: 200,
  json: await disableUser(adminDeps(), principal, params.id, client),
}));

export const postEnable = implement(routes.enableUser, async ({ principal, params, client }) => ({
  status: 200,
  json: await enableUser(adminDeps(), principal, params.id, client),
}));

export const postReinvite = implement(routes.reinviteUser, async ({ principal, params, client }) => {
  await reinvite(adminDeps(), principal, params.id, client);
  return accepted('A fresh invitation is on its way.');
});

export const postRevokeSessions = implement(routes.revokeSessions, async ({ principal, params, client }) => {
  await revokeSessions(adminDeps(), principal, params.id, client);
  return { status: 204 };
});
