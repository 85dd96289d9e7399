import { NotFoundError } from '../errors/domain-errors.ts';
import { findFood, foodGlycemicLoad, searchFoods, type Food, type FoodSearch } from './foods.ts';
import { giBand, glBand, type Band } from './glycemic.ts';

export interface FoodView extends Food {
  readonly giBand: Band | null;
  readonly glPerServing: number | null;
  readonly glBand: Band | null;
}

const GL_DECIMALS = 10;

export const toFoodView = (food: Food): FoodView => {
  const gl = foodGlycemicLoad(food);
  return {
    ...food,
    giBand: giBand(food.gi),
    glPerServing: gl === null ? null : Math.round(gl * GL_DECIMALS) / GL_DECIMALS,
    glBand: glBand(gl),
  };
};

export const findFoods = (search: FoodSearch): FoodView[] => searchFoods(search).map(toFoodView);

export const getFood = (id: string): FoodView => {
  const food = findFood(id);
  if (food === undefined) throw new NotFoundError('food_not_found', 'No food has this id.');
  return toFoodView(food);
};
