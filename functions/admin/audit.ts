import { adminDeps } from '../../shared/admin/admin-deps.ts';
import { decodeCursor, encodeCursor } from '../../shared/admin/cursor.ts';
import { NotFoundError } from '../../shared/errors/domain-errors.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getUserAudit = implement(routes.userAudit, async ({ params, query }) => {
  const deps = adminDeps();
  if (!(await deps.users.findById(params.id))) throw new NotFoundError('user_not_found', 'No user has this id.');
  const { cursorKey } = await deps.keys.current();
  const scope = { audit: params.id };
  const page = await deps.audit.page(params.id, query.limit, query.cursor ? decodeCursor(cursorKey, query.cursor, scope) : undefined);
  return {
    status: 200,
    json: { events: page.events, ...(page.next ? { nextCursor: encodeCursor(cursorKey, page.next, scope) } : {}) },
  };
});
