import { createApiHandler } from '../../shared/http/api-handler.ts';
import { getUserAudit } from './audit.ts';
import { getOneUser, getUsers, patchUser, postDisable, postEnable, postReinvite, postRevokeSessions, postUser, removeUser } from './users.ts';

/** The `admin` area: user management for administrators. */
export const handler = createApiHandler([
  postUser,
  getUsers,
  getOneUser,
  patchUser,
  removeUser,
  postDisable,
  postEnable,
  postReinvite,
  postRevokeSessions,
  getUserAudit,
]);
