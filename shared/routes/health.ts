import * as z from 'zod';
import { defineRoute } from '../http/route-definition.ts';
import { FOOD_CATEGORIES, FOOD_SEARCH_MAX_LIMIT, FOOD_SEARCH_MAX_QUERY } from '../health/foods.ts';

// Foods are reference data, but served to signed-in people only: the whole health area sits behind
// a session, and the catalogue is part of the product rather than a public API.
const health = { area: 'health', auth: 'user', tags: ['Health'] } as const;

const foodSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.enum(FOOD_CATEGORIES),
    gi: z.number().nullable().meta({ description: 'Glycemic index (glucose = 100); null when not measurable (negligible available carbohydrate).' }),
    giBand: z.enum(['low', 'medium', 'high']).nullable(),
    servingGrams: z.number(),
    availableCarbsPerServing: z.number(),
    glPerServing: z.number().nullable().meta({ description: 'GI x available carbohydrate / 100; null when the GI is null.' }),
    glBand: z.enum(['low', 'medium', 'high']).nullable(),
    source: z.string().meta({ description: 'The table and entry the GI comes from, or why there is none.' }),
  })
  .meta({ id: 'Food' });

export const healthRoutes = {
  searchFoods: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/foods',
    operationId: 'searchFoods',
    summary: 'Search the foods table by name and category',
    description: 'Every word of `q` must start a word of the name; case and accents are ignored.',
    request: {
      query: z.strictObject({
        q: z.string().max(FOOD_SEARCH_MAX_QUERY).optional(),
        category: z.enum(FOOD_CATEGORIES).optional(),
        limit: z.coerce.number().int().min(1).max(FOOD_SEARCH_MAX_LIMIT).optional(),
      }),
    },
    responses: { 200: { description: 'Matching foods, in table order.', schema: z.object({ foods: z.array(foodSchema) }) } },
  }),
  getFood: defineRoute({
    ...health,
    method: 'GET',
    path: '/api/v1/foods/{id}',
    operationId: 'getFood',
    summary: 'One food of the table, by its stable id',
    request: { params: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) }) },
    responses: { 200: { description: 'The food.', schema: foodSchema } },
  }),
};
