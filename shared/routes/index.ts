import type { RouteDefinition } from '../http/route-definition.ts';
import { accountRoutes } from './account.ts';
import { adminRoutes } from './admin.ts';
import { authRoutes } from './auth.ts';
import { friendRoutes } from './friends.ts';
import { foodLogRoutes, glucoseRoutes, glucoseSummaryRoutes, healthRoutes, wellnessExportRoutes } from './health.ts';
import { journalRoutes } from './journal.ts';
import { photoRoutes } from './photos.ts';
import { systemRoutes } from './system.ts';

/**
 * The route table: every HTTP route of Kindred, declared once. The CDK stack,
 * the local twin's server and the OpenAPI document are all derived from it.
 */
export const routes = {
  ...systemRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...adminRoutes,
  ...photoRoutes,
  ...healthRoutes,
  ...glucoseRoutes,
  ...glucoseSummaryRoutes,
  ...foodLogRoutes,
  ...wellnessExportRoutes,
  ...friendRoutes,
  ...journalRoutes,
} as const;

export const routeTable: readonly RouteDefinition[] = Object.values(routes);

/** Prefix of the versioned product API; built-in routes (health, docs) live outside it. */
export const API_PREFIX = '/api/v1';
