/**
 * How every Kindred AWS SDK client waits and retries. Without these the SDK
 * waits on a connection or a response for as long as the function lives, so a
 * slow dependency turns into a Lambda timeout (a 500 from API Gateway, or a
 * whole batch back on the queue) instead of a 503 the caller can retry.
 *
 * Worst case for one call: MAX_ATTEMPTS x (connect + request) plus the SDK's
 * backoff (under a second for three attempts), about 6.6 s: below the API
 * functions' 10 s timeout (infra/constructs/kindred-function.ts), which
 * tests/infra asserts.
 */

/** Opening a connection inside an AWS region takes milliseconds; a second means it is not coming. */
export const CONNECTION_TIMEOUT_MS = 1_000;
/** From sending the request to the response's headers (response bodies, e.g. S3 objects, stream after). */
export const REQUEST_TIMEOUT_MS = 2_000;
/** Attempts per call, the first included (the SDK's standard retry mode, made explicit). */
export const MAX_ATTEMPTS = 3;

/**
 * The configuration every client is built with. `AWS_MAX_ATTEMPTS` may lower
 * the attempts (the fault tests use 2 to stay quick); it can never remove the bound.
 */
export function clientSettings(): {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true };
} {
  const fromEnvironment = Number(process.env.AWS_MAX_ATTEMPTS);
  const maxAttempts = Number.isInteger(fromEnvironment) && fromEnvironment >= 1 ? Math.min(fromEnvironment, MAX_ATTEMPTS) : MAX_ATTEMPTS;
  return {
    maxAttempts,
    // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes.
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
}
