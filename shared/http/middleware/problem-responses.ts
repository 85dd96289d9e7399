import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../../logging.ts';
import { toProblemResponse } from '../problem.ts';
import { requestIdOf } from './request-context.ts';

/**
 * Turns any error into a problem+json response. Refusals (4xx) are logged at
 * info, unavailable dependencies (503) as warnings; anything else is logged in
 * full here and answered with a fixed 500 body, so internals never reach the client.
 */
export function problemResponses(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const response = toProblemResponse(request.error, requestIdOf(request.event));
      const status = response.statusCode ?? 500;
      if (status === 503) logger.warn('dependency unavailable', { error: request.error as Error });
      else if (status >= 500) logger.error('unhandled error', { error: request.error as Error });
      else logger.info('request refused', { status, code: JSON.parse(response.body as string).code });
      request.response = response;
    },
  };
}
