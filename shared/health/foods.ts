// Kindred's own table of common foods with their glycemic index (GI).
//
// Pure data and pure functions: no DynamoDB, no AWS SDK, so the wellness games (issue #15,
// perfect-plate) can import it on their own. Ids are stable slugs: never rename one, only add.
//
// GI values are facts taken from Table 1 ("GI of common foods") of the International Tables of
// Glycemic Index and Glycemic Load Values: Atkinson FS, Foster-Powell K, Brand-Miller JC,
// Diabetes Care 2008;31:2281-2283 (glucose = 100). Each food's `source` names that table and the
// entry as listed there. The selection, names, servings and arrangement are ours.
//
// `availableCarbsPerServing` (grams) is an approximate composition value for the serving we chose;
// it is ours, not a figure copied from the GI tables, and is rounded to whole grams.
//
// Non-starchy vegetables, proteins, fats and unsweetened drinks have negligible available
// carbohydrate, so their GI cannot meaningfully be measured (a GI test needs a 25-50 g portion of
// available carbohydrate). They carry `gi: null` and a note saying so; their GL is null too
// (see glycemic.ts), never a made-up zero.

import { glycemicLoad } from './glycemic.ts';

export const FOOD_CATEGORIES = [
  'non-starchy vegetable',
  'protein',
  'carbohydrate food',
  'fruit',
  'dairy',
  'drink',
  'fat',
] as const;
export type FoodCategory = (typeof FOOD_CATEGORIES)[number];

export interface Food {
  readonly id: string;
  readonly name: string;
  readonly category: FoodCategory;
  readonly gi: number | null;
  readonly servingGrams: number;
  readonly availableCarbsPerServing: number;
  readonly source: string;
}

const TABLE_2008 = 'International Tables of GI and GL Values 2008 (Atkinson, Foster-Powell, Brand-Miller, Diabetes Care 2008;31:2281-3), Table 1';
const NO_GI = 'GI not measurable: negligible available carbohydrate';

const measured = (
  id: string, name: string, category: FoodCategory, gi: number, servingGrams: number, carbs: number, entry: string,
): Food => ({ id, name, category, gi, servingGrams, availableCarbsPerServing: carbs, source: `${TABLE_2008}, entry "${entry}"` });

const negligible = (id: string, name: string, category: FoodCategory, servingGrams: number, carbs = 0): Food => ({
  id, name, category, gi: null, servingGrams, availableCarbsPerServing: carbs, source: NO_GI,
});

const C = 'carbohydrate food';

export const FOODS: readonly Food[] = [
  // Breads and grains
  measured('white-bread', 'White wheat bread', C, 75, 30, 14, 'White wheat bread'),
  measured('wholemeal-bread', 'Wholemeal bread', C, 74, 30, 13, 'Whole wheat/whole meal bread'),
  measured('grain-bread', 'Specialty grain bread', C, 53, 30, 13, 'Specialty grain bread'),
  measured('unleavened-wheat-bread', 'Unleavened wheat bread', C, 70, 30, 15, 'Unleavened wheat bread'),
  measured('wheat-roti', 'Wheat roti', C, 62, 40, 19, 'Wheat roti'),
  measured('chapatti', 'Chapatti', C, 52, 40, 18, 'Chapatti'),
  measured('corn-tortilla', 'Corn tortilla', C, 46, 30, 13, 'Corn tortilla'),
  measured('white-rice', 'White rice, boiled', C, 73, 150, 42, 'White rice, boiled'),
  measured('brown-rice', 'Brown rice, boiled', C, 68, 150, 35, 'Brown rice, boiled'),
  measured('barley', 'Barley, boiled', C, 28, 150, 32, 'Barley'),
  measured('sweet-corn', 'Sweet corn', C, 52, 80, 15, 'Sweet corn'),
  measured('spaghetti-white', 'Spaghetti, white, boiled', C, 49, 180, 48, 'Spaghetti, white'),
  measured('spaghetti-wholemeal', 'Spaghetti, wholemeal, boiled', C, 48, 180, 40, 'Spaghetti, whole meal'),
  measured('rice-noodles', 'Rice noodles, boiled', C, 53, 180, 40, 'Rice noodles'),
  measured('udon-noodles', 'Udon noodles, boiled', C, 55, 180, 40, 'Udon noodles'),
  measured('couscous', 'Couscous', C, 65, 150, 35, 'Couscous'),
  // Breakfast cereals
  measured('cornflakes', 'Cornflakes', C, 81, 30, 25, 'Cornflakes'),
  measured('wheat-flake-biscuits', 'Wheat flake biscuits', C, 69, 30, 20, 'Wheat flake biscuits'),
  measured('porridge-rolled-oats', 'Porridge, rolled oats', C, 55, 250, 22, 'Porridge, rolled oats'),
  measured('porridge-instant-oats', 'Porridge, instant oats', C, 79, 250, 24, 'Instant oat porridge'),
  measured('rice-congee', 'Rice porridge (congee)', C, 78, 250, 22, 'Rice porridge/congee'),
  measured('millet-porridge', 'Millet porridge', C, 67, 250, 25, 'Millet porridge'),
  measured('muesli', 'Muesli', C, 57, 30, 20, 'Muesli'),
  // Starchy vegetables and tubers
  measured('potato-boiled', 'Potato, boiled', C, 78, 150, 25, 'Potato, boiled'),
  measured('potato-instant-mash', 'Potato, instant mash', C, 87, 150, 20, 'Potato, instant mash'),
  measured('french-fries', 'French fries', C, 63, 150, 44, 'Potato, french fries'),
  measured('sweet-potato', 'Sweet potato, boiled', C, 63, 150, 28, 'Sweet potato, boiled'),
  measured('plantain', 'Plantain (green banana)', C, 55, 120, 32, 'Plantain/green banana'),
  measured('taro', 'Taro, boiled', C, 53, 150, 35, 'Taro, boiled'),
  measured('vegetable-soup', 'Vegetable soup', C, 48, 250, 12, 'Vegetable soup'),
  // Legumes
  measured('chickpeas', 'Chickpeas', C, 28, 150, 28, 'Chickpeas'),
  measured('kidney-beans', 'Kidney beans', C, 24, 150, 25, 'Kidney beans'),
  measured('lentils', 'Lentils', C, 32, 150, 27, 'Lentils'),
  measured('soya-beans', 'Soya beans', 'protein', 16, 150, 6, 'Soya beans'),
  // Snacks and sugars
  measured('chocolate', 'Chocolate', C, 40, 50, 28, 'Chocolate'),
  measured('popcorn', 'Popcorn', C, 65, 20, 11, 'Popcorn'),
  measured('potato-crisps', 'Potato crisps', C, 56, 50, 25, 'Potato crisps'),
  measured('rice-crackers', 'Rice crackers', C, 87, 25, 20, 'Rice crackers/crisps'),
  measured('fructose', 'Fructose', C, 15, 10, 10, 'Fructose'),
  measured('sucrose', 'Sugar (sucrose)', C, 65, 10, 10, 'Sucrose'),
  measured('glucose', 'Glucose', C, 103, 10, 10, 'Glucose'),
  measured('honey', 'Honey', C, 61, 25, 20, 'Honey'),
  measured('strawberry-jam', 'Strawberry jam', C, 49, 30, 20, 'Strawberry jam/jelly'),
  // Fruit
  measured('apple', 'Apple', 'fruit', 36, 120, 14, 'Apple, raw'),
  measured('orange', 'Orange', 'fruit', 43, 120, 11, 'Orange, raw'),
  measured('banana', 'Banana', 'fruit', 51, 120, 24, 'Banana, raw'),
  measured('pineapple', 'Pineapple', 'fruit', 59, 120, 12, 'Pineapple, raw'),
  measured('mango', 'Mango', 'fruit', 51, 120, 18, 'Mango, raw'),
  measured('watermelon', 'Watermelon', 'fruit', 76, 120, 9, 'Watermelon, raw'),
  measured('dates', 'Dates', 'fruit', 42, 60, 40, 'Dates, raw'),
  measured('peaches-canned', 'Peaches, canned', 'fruit', 43, 120, 12, 'Peaches, canned'),
  // Drinks
  measured('apple-juice', 'Apple juice', 'drink', 41, 250, 27, 'Apple juice'),
  measured('orange-juice', 'Orange juice', 'drink', 50, 250, 22, 'Orange juice'),
  measured('soft-drink', 'Soft drink (soda), sugared', 'drink', 59, 250, 26, 'Soft drink/soda'),
  measured('soy-milk', 'Soy milk', 'drink', 34, 250, 8, 'Soy milk'),
  measured('rice-milk', 'Rice milk', 'drink', 86, 250, 23, 'Rice milk'),
  // Dairy
  measured('milk-full-fat', 'Milk, full fat', 'dairy', 39, 250, 12, 'Milk, full fat'),
  measured('milk-skim', 'Milk, skim', 'dairy', 37, 250, 13, 'Milk, skim'),
  measured('ice-cream', 'Ice cream', 'dairy', 51, 50, 12, 'Ice cream'),
  measured('yogurt-fruit', 'Yogurt, fruit', 'dairy', 41, 200, 26, 'Yogurt, fruit'),
  // Measured vegetables that still count as non-starchy on a plate
  measured('carrots-boiled', 'Carrots, boiled', 'non-starchy vegetable', 39, 80, 5, 'Carrots, boiled'),
  measured('pumpkin-boiled', 'Pumpkin, boiled', 'non-starchy vegetable', 64, 80, 5, 'Pumpkin, boiled'),
  // Non-starchy vegetables
  negligible('broccoli', 'Broccoli', 'non-starchy vegetable', 80, 2),
  negligible('spinach', 'Spinach', 'non-starchy vegetable', 80, 1),
  negligible('lettuce', 'Lettuce', 'non-starchy vegetable', 50, 1),
  negligible('cucumber', 'Cucumber', 'non-starchy vegetable', 80, 2),
  negligible('tomato', 'Tomato', 'non-starchy vegetable', 120, 3),
  negligible('cauliflower', 'Cauliflower', 'non-starchy vegetable', 80, 2),
  negligible('green-beans', 'Green beans', 'non-starchy vegetable', 80, 3),
  negligible('zucchini', 'Zucchini (courgette)', 'non-starchy vegetable', 80, 2),
  negligible('bell-pepper', 'Bell pepper', 'non-starchy vegetable', 80, 3),
  negligible('mushrooms', 'Mushrooms', 'non-starchy vegetable', 80, 1),
  negligible('cabbage', 'Cabbage', 'non-starchy vegetable', 80, 3),
  negligible('asparagus', 'Asparagus', 'non-starchy vegetable', 80, 2),
  negligible('kale', 'Kale', 'non-starchy vegetable', 50, 2),
  negligible('celery', 'Celery', 'non-starchy vegetable', 80, 1),
  negligible('eggplant', 'Eggplant (aubergine)', 'non-starchy vegetable', 80, 2),
  negligible('brussels-sprouts', 'Brussels sprouts', 'non-starchy vegetable', 80, 3),
  negligible('onion', 'Onion', 'non-starchy vegetable', 50, 3),
  negligible('radish', 'Radish', 'non-starchy vegetable', 50, 1),
  // Proteins
  negligible('chicken-breast', 'Chicken breast, cooked', 'protein', 120),
  negligible('beef-steak', 'Beef steak, cooked', 'protein', 120),
  negligible('pork-loin', 'Pork loin, cooked', 'protein', 120),
  negligible('lamb', 'Lamb, cooked', 'protein', 120),
  negligible('turkey', 'Turkey, cooked', 'protein', 120),
  negligible('salmon', 'Salmon, cooked', 'protein', 120),
  negligible('tuna', 'Tuna', 'protein', 100),
  negligible('cod', 'Cod, cooked', 'protein', 120),
  negligible('sardines', 'Sardines', 'protein', 100),
  negligible('shrimp', 'Shrimp (prawns), cooked', 'protein', 100),
  negligible('egg', 'Egg', 'protein', 50),
  negligible('tofu', 'Tofu', 'protein', 100, 1),
  // Dairy without meaningful carbohydrate
  negligible('cheddar', 'Cheddar cheese', 'dairy', 30),
  negligible('mozzarella', 'Mozzarella', 'dairy', 30),
  negligible('feta', 'Feta', 'dairy', 30),
  // Fats
  negligible('olive-oil', 'Olive oil', 'fat', 10),
  negligible('butter', 'Butter', 'fat', 10),
  negligible('avocado', 'Avocado', 'fat', 50, 1),
  negligible('almonds', 'Almonds', 'fat', 30, 3),
  negligible('walnuts', 'Walnuts', 'fat', 30, 2),
  negligible('olives', 'Olives', 'fat', 30, 1),
  negligible('cream', 'Cream', 'fat', 30, 1),
  // Unsweetened drinks
  negligible('water', 'Water', 'drink', 250),
  negligible('coffee-black', 'Coffee, black', 'drink', 250),
  negligible('tea-unsweetened', 'Tea, unsweetened', 'drink', 250),
  negligible('sparkling-water', 'Sparkling water', 'drink', 250),
];

const BY_ID: ReadonlyMap<string, Food> = new Map(FOODS.map((food) => [food.id, food]));

export const findFood = (id: string): Food | undefined => BY_ID.get(id);

export const foodGlycemicLoad = (food: Food, servings = 1): number | null =>
  glycemicLoad(food.gi, food.availableCarbsPerServing * servings);

// Case- and accent-insensitive: "Creme brulee" finds "Crème brûlée".
export const foldForSearch = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const words = (text: string): string[] => foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const INDEXED = FOODS.map((food) => ({ food, words: words(food.name) }));

export const FOOD_SEARCH_MAX_LIMIT = 50;
export const FOOD_SEARCH_MAX_QUERY = 64;

export interface FoodSearch {
  readonly q?: string;
  readonly category?: FoodCategory;
  readonly limit?: number;
}

// Every word of the query must be the start of some word of the name ("rice bo" finds
// "White rice, boiled"). The table is small and in memory; the limit bounds the answer.
export const searchFoods = ({ q = '', category, limit = 20 }: FoodSearch): Food[] => {
  const wanted = words(q.slice(0, FOOD_SEARCH_MAX_QUERY));
  const max = Math.min(Math.max(1, Math.trunc(limit)), FOOD_SEARCH_MAX_LIMIT);
  const found: Food[] = [];
  for (const { food, words: nameWords } of INDEXED) {
    if (category !== undefined && food.category !== category) continue;
    if (!wanted.every((w) => nameWords.some((n) => n.startsWith(w)))) continue;
    found.push(food);
    if (found.length === max) break;
  }
  return found;
};
