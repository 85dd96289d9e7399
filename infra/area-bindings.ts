import type { Area } from '../shared/http/route-definition.ts';
import type { KindredFunction } from './constructs/kindred-function.ts';
import type { StatefulStack } from './stateful-stack.ts';

/**
 * What each API area's function may touch. Typed over every area, so adding
 * an area to the route table without deciding its permissions fails to compile.
 */
export const AREA_BINDINGS: Readonly<Record<Area, (fn: KindredFunction, data: StatefulStack) => void>> = {
  // Health and documentation read nothing and write nothing.
  system: () => {},
  // Filled in with the stack's keys and queues in stateless-stack.ts.
  auth: () => {},
  account: () => {},
};

/** Files an area's bundle needs at run time, copied next to its handler. */
export const AREA_ASSETS: Readonly<Partial<Record<Area, readonly string[]>>> = {
  system: ['node_modules/swagger-ui-dist/swagger-ui-bundle.js', 'node_modules/swagger-ui-dist/swagger-ui.css'],
};
