import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { logger } from '../../logging.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** The id that correlates a request's logs, its problem `instance` and the `x-request-id` header. */
export function requestIdOf(event: APIGatewayProxyEventV2): string {
  // API Gateway always sets one; a hand-made event may not, so give it one once.
  const context = (event.requestContext ??= {} as APIGatewayProxyEventV2['requestContext']);
  context.requestId ??= randomUUID();
  return context.requestId;
}

/**
 * Correlates logs with the request: every log line of the invocation carries
 * the request id and route, and one access line records the outcome. The
 * request body and headers are never logged.
 */
export function requestContext(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  let startedAt = 0;
  const finish = (event: APIGatewayProxyEventV2, response: APIGatewayProxyStructuredResultV2 | null | undefined): void => {
    if (!response) return;
    (response.headers ??= {})[REQUEST_ID_HEADER] = requestIdOf(event);
    logger.info('request completed', { status: response.statusCode, durationMs: Math.round(performance.now() - startedAt) });
    logger.resetKeys();
  };
  return {
    before: ({ event, context }) => {
      startedAt = performance.now();
      // The invocation's own function name and request id: where several functions share a process
      // (the twin), a worker's context must not stay on the API's log lines.
      logger.addContext(context);
      logger.appendKeys({
        requestId: requestIdOf(event),
        routeKey: event.routeKey,
        method: event.requestContext.http?.method,
        path: event.rawPath,
      });
    },
    after: ({ event, response }) => finish(event, response),
    onError: ({ event, response }) => finish(event, response),
  };
}
