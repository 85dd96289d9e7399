import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getHealth = implement(routes.health, async () => ({
  status: 200,
  json: { status: 'ok', service: 'kindred', time: new Date().toISOString() },
}));
