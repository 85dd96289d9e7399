import * as z from 'zod';
import { dynamo } from '../clients/dynamodb.ts';
import { lazyEnv } from '../config/env.ts';
import { GlucoseRepository } from './glucose-repository.ts';
import type { GlucoseDeps } from './glucose-service.ts';

const healthEnv = lazyEnv({ TABLE_NAME: z.string().min(1) });

let deps: GlucoseDeps | undefined;

export function healthDeps(): GlucoseDeps {
  deps ??= { readings: new GlucoseRepository(dynamo(), healthEnv().TABLE_NAME) };
  return deps;
}
