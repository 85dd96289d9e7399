import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../../logging.ts';
import { toProblemResponse } from '../problem.ts';
import { requestIdOf } from './request-context.ts';

/**
 * Turns any error into a problem+json response. Expected errors (4xx, 503) are
 * logged as warnings; anything else is logged in full here and answered with
 * a fixed 500 body, so internals never reach the client.
 */
export function problemResponses(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const response = toProblemResponse(request.error, requestIdOf(request.event));
      if (response.statusCode !== undefined && response.statusCode >= 500 && response.statusCode !== 503) {
        logger.error('unhandled error', { error: request.error as Error });
      } else {
        logger.warn('request refused', { status: response.statusCode, reason: (request.error as Error)?.name });
      }
      request.response = response;
    },
  };
}
