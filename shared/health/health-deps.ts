import * as z from 'zod';
import { dynamo } from '../clients/dynamodb.ts';
import { lazyEnv } from '../config/env.ts';
import { FoodLogRepository } from './food-log-repository.ts';
import type { FoodLogDeps } from './food-log-service.ts';
import { GlucoseRepository } from './glucose-repository.ts';
import type { GlucoseDeps } from './glucose-service.ts';
import type { ExportDeps } from './wellness-export.ts';

const healthEnv = lazyEnv({ TABLE_NAME: z.string().min(1) });

export type HealthDeps = GlucoseDeps & FoodLogDeps & ExportDeps;

let deps: HealthDeps | undefined;

export function healthDeps(): HealthDeps {
  if (!deps) {
    const { TABLE_NAME } = healthEnv();
    deps = { readings: new GlucoseRepository(dynamo(), TABLE_NAME), foodLog: new FoodLogRepository(dynamo(), TABLE_NAME) };
  }
  return deps;
}
