import { adminDeps } from '../../shared/admin/admin-deps.ts';
import { userAudit } from '../../shared/admin/admin-users.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getUserAudit = implement(routes.userAudit, async ({ params, query }) => ({
  status: 200,
  json: await userAudit(adminDeps(), params.id, query),
}));
