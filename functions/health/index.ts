import { createApiHandler, implement } from '../../shared/http/api-handler.ts';
import { findFoods, getFood } from '../../shared/health/food-service.ts';
import { routes } from '../../shared/routes/index.ts';

const searchFoods = implement(routes.searchFoods, async ({ query }) => ({
  status: 200,
  json: { foods: findFoods(query) },
}));

const getOneFood = implement(routes.getFood, async ({ params }) => ({
  status: 200,
  json: getFood(params.id),
}));

/** The `health` area: the foods table (GI and GL); the food log and glucose readings are to come. */
export const handler = createApiHandler([searchFoods, getOneFood]);
