/**
 * One CORS policy for the API, applied by API Gateway in AWS, by the local
 * twin's server for preflight requests, and by the handler stack on responses.
 */
export interface CorsPolicy {
  readonly allowOrigins: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export function corsPolicy(allowOrigins: readonly string[]): CorsPolicy {
  return {
    allowOrigins,
    allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    exposeHeaders: ['x-request-id', 'retry-after', 'location'],
    maxAgeSeconds: 3600,
  };
}

/** Parses the `CORS_ALLOW_ORIGINS` convention: a comma-separated list, `*` by default. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const origins = (value ?? '*')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  return origins.length > 0 ? origins : ['*'];
}
