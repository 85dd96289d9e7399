import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { changeFoodLogEntry, deleteFoodLogEntry, listFoodLog, logFood } from '../../shared/health/food-log-service.ts';
import { summarizeFoodLog } from '../../shared/health/food-log-summary.ts';
import { findFoods, getFood } from '../../shared/health/food-service.ts';
import { importReadings, listReadings, recordReading } from '../../shared/health/glucose-service.ts';
import { summarizeGlucose } from '../../shared/health/glucose-summary.ts';
import { healthDeps } from '../../shared/health/health-deps.ts';
import { routes } from '../../shared/routes/index.ts';
import { exportWellness } from '../../shared/health/wellness-export.ts';

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

const postFoodLog = implement(routes.logFood, async ({ principal, body }) => ({
  status: 201,
  json: await logFood(healthDeps(), principal.userId, body),
}));

const getFoodLog = implement(routes.listFoodLog, async ({ principal, query }) => ({
  status: 200,
  json: await listFoodLog(healthDeps(), principal.userId, query),
}));

const patchFoodLog = implement(routes.changeFoodLogEntry, async ({ principal, params, body }) => ({
  status: 200,
  json: await changeFoodLogEntry(healthDeps(), principal.userId, params.id, body),
}));

const removeFoodLog = implement(routes.deleteFoodLogEntry, async ({ principal, params }) => {
  await deleteFoodLogEntry(healthDeps(), principal.userId, params.id);
  return { status: 204 };
});

const getFoodLogSummary = implement(routes.foodLogSummary, async ({ principal, query }) => ({
  status: 200,
  json: await summarizeFoodLog(healthDeps(), principal.userId, query.from, query.to),
}));

const getExport = implement(routes.exportWellness, async ({ principal, query }) => {
  const { filename, csv } = await exportWellness(healthDeps(), principal.userId, query.kind, query.from, query.to);
  return {
    status: 200,
    raw: { contentType: 'text/csv; charset=utf-8', data: csv },
    headers: { 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  };
});

/** The `health` area: the foods table (GI and GL), the food log, glucose readings and the export; only their owner sees them. */
export const handler = createApiHandler([
  searchFoods, getOneFood, postReading, postImport, getReadings, getSummary,
  postFoodLog, getFoodLog, patchFoodLog, removeFoodLog, getFoodLogSummary, getExport,
]);
