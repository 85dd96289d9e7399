import { createApiHandler } from '../../shared/http/api-handler.ts';
import { getApiReference, getApiReferenceAsset, getOpenApiDocument } from './docs.ts';
import { unmatchedRoute } from './fallback.ts';
import { getHealth } from './health.ts';

/** The `system` area: health, the API description and reference page, and the catch-all route. */
export const handler = createApiHandler([getHealth, getOpenApiDocument, getApiReference, getApiReferenceAsset], {
  fallback: unmatchedRoute,
});
