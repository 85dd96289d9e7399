import { describe, expect, it } from 'vitest';
import {
  FOOD_CATEGORIES, FOOD_SEARCH_MAX_LIMIT, FOODS, findFood, foodGlycemicLoad, searchFoods,
} from '../../shared/health/foods.ts';

const ids = (foods: readonly { id: string }[]) => foods.map((f) => f.id);

describe('the foods table', () => {
  it('holds at least 100 foods with unique, slug-shaped ids', () => {
    expect(FOODS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(ids(FOODS)).size).toBe(FOODS.length);
    for (const food of FOODS) expect(food.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('cites the 2008 International Tables entry for every GI, and says why a GI is missing', () => {
    for (const food of FOODS) {
      expect(FOOD_CATEGORIES).toContain(food.category);
      expect(food.servingGrams).toBeGreaterThan(0);
      expect(food.availableCarbsPerServing).toBeGreaterThanOrEqual(0);
      expect(food.availableCarbsPerServing).toBeLessThanOrEqual(food.servingGrams);
      if (food.gi === null) {
        expect(food.source).toMatch(/not measurable/);
        expect(food.availableCarbsPerServing).toBeLessThanOrEqual(3);
      } else {
        expect(food.gi).toBeGreaterThan(0);
        expect(food.gi).toBeLessThanOrEqual(110);
        expect(food.source).toMatch(/Diabetes Care 2008.*entry "[^"]+"/);
      }
    }
  });

  it('covers every plate category for the perfect-plate game', () => {
    for (const category of FOOD_CATEGORIES) expect(FOODS.some((f) => f.category === category)).toBe(true);
  });

  it('finds a food by its stable id and computes its GL per servings', () => {
    const rice = findFood('white-rice');
    expect(rice).toMatchObject({ gi: 73, availableCarbsPerServing: 42 });
    expect(foodGlycemicLoad(rice!, 1.5)).toBeCloseTo(45.99, 10);
    expect(foodGlycemicLoad(findFood('broccoli')!, 2)).toBeNull();
    expect(findFood('no-such-food')).toBeUndefined();
  });
});

describe('food search', () => {
  it('matches word prefixes, case-insensitively', () => {
    const rice = ids(searchFoods({ q: 'RICE', limit: 50 }));
    expect(rice).toEqual(expect.arrayContaining(['white-rice', 'brown-rice', 'rice-noodles', 'rice-congee', 'rice-milk']));
    expect(ids(searchFoods({ q: 'ice' }))).toEqual(['ice-cream']);
  });

  it('needs every query word to start a word of the name', () => {
    expect(ids(searchFoods({ q: 'rice bo' }))).toEqual(['white-rice', 'brown-rice', 'rice-noodles']);
  });

  it('ignores accents on either side', () => {
    expect(ids(searchFoods({ q: 'brüssels' }))).toEqual(['brussels-sprouts']);
    expect(ids(searchFoods({ q: 'Cafe' }))).toEqual([]);
  });

  it('filters by category and bounds the answer', () => {
    expect(searchFoods({ category: 'fat' }).every((f) => f.category === 'fat')).toBe(true);
    expect(searchFoods({ limit: 3 })).toHaveLength(3);
    expect(searchFoods({ limit: 10_000 })).toHaveLength(FOOD_SEARCH_MAX_LIMIT);
    expect(searchFoods({ q: 'a'.repeat(10_000) })).toEqual([]);
  });
});
