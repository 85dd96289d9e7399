import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { signedInPerson } from '../support/people.ts';
import { useTwin } from '../support/twin.ts';

const twin = useTwin('health-foods', { environment: { RATE_LIMIT_SCALE: '1000' } });
let token = '';

beforeAll(async () => {
  ({ accessToken: token } = await signedInPerson(twin(), 'foods@example.com'));
}, 60_000);

const api = () => apiClient(twin().url);
interface FoodBody { id: string; gi: number | null; giBand: string | null; glPerServing: number | null; glBand: string | null; category: string }

describe('the foods table over HTTP', () => {
  it('finds foods by word prefix, ignoring case and accents, with GI and GL bands', async () => {
    const found = await api().get<{ foods: FoodBody[] }>('/api/v1/foods?q=BR%C3%9CSSELS', token);
    expect(found.status).toBe(200);
    expect(found.body.foods.map((f) => f.id)).toEqual(['brussels-sprouts']);

    const rice = await api().get<FoodBody>('/api/v1/foods/white-rice', token);
    // Hand-computed: GI 73 x 42 g / 100 = 30.66 -> shown 30.7, high; GI 73 is high.
    expect(rice.body).toMatchObject({ gi: 73, giBand: 'high', glPerServing: 30.7, glBand: 'high', category: 'carbohydrate food' });

    const broccoli = await api().get<FoodBody>('/api/v1/foods/broccoli', token);
    expect(broccoli.body).toMatchObject({ gi: null, giBand: null, glPerServing: null, glBand: null });
  }, 60_000);

  it('filters by category and bounds the page', async () => {
    const fats = await api().get<{ foods: FoodBody[] }>('/api/v1/foods?category=fat&limit=3', token);
    expect(fats.status).toBe(200);
    expect(fats.body.foods).toHaveLength(3);
    expect(fats.body.foods.every((f) => f.category === 'fat')).toBe(true);
  }, 60_000);

  it.each([
    ['/api/v1/foods?limit=51', 400],
    ['/api/v1/foods?limit=0', 400],
    ['/api/v1/foods?category=sweets', 400],
    ['/api/v1/foods?colour=red', 400],
    [`/api/v1/foods?q=${'a'.repeat(65)}`, 400],
    ['/api/v1/foods/no-such-food', 404],
    ['/api/v1/foods/Not_A_Slug', 400],
  ])('answers %s with %d problem+json', async (path, status) => {
    const response = await api().get(path, token);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  }, 60_000);

  it('needs a session', async () => {
    expect((await api().get('/api/v1/foods')).status).toBe(401);
  }, 60_000);
});
