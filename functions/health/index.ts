import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { findFoods, getFood } from '../../shared/health/food-service.ts';
import { importReadings, listReadings, recordReading } from '../../shared/health/glucose-service.ts';
import { summarizeGlucose } from '../../shared/health/glucose-summary.ts';
import { healthDeps } from '../../shared/health/health-deps.ts';
import { routes } from '../../shared/routes/index.ts';

const searchFoods = implement(routes.searchFoods, async ({ query }) => ({
  status: 200,
  json: { foods: findFoods(query) },
}));

const getOneFood = implement(routes.getFood, async ({ params }) => ({
  status: 200,
  json: getFood(params.id),
}));

const postReading = implement(routes.recordReading, async ({ principal, body }) => ({
  status: 201,
  json: await recordReading(healthDeps(), principal.userId, body),
}));

const postImport = implement(routes.importReadings, async ({ principal, body }) => ({
  status: 200,
  json: await importReadings(healthDeps(), principal.userId, body),
}));

const getReadings = implement(routes.listReadings, async ({ principal, query }) => ({
  status: 200,
  json: await listReadings(healthDeps(), principal.userId, query.from, query.to, query.cursor),
}));

const getSummary = implement(routes.glucoseSummary, async ({ principal, query }) => ({
  status: 200,
  json: await summarizeGlucose(healthDeps(), principal.userId, query.from, query.to),
}));

/** The `health` area: the foods table (GI and GL) and glucose readings; only their owner sees them. */
export const handler = createApiHandler([searchFoods, getOneFood, postReading, postImport, getReadings, getSummary]);
