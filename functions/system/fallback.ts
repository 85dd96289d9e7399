import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteResult } from '../../shared/http/api-handler.ts';
import { HttpProblem } from '../../shared/http/problem.ts';
import { createRouteMatcher } from '../../shared/http/route-matching.ts';
import { routeTable } from '../../shared/routes/index.ts';

const match = createRouteMatcher(routeTable);

/**
 * API Gateway's `$default` route lands here for any request no route matches,
 * so unknown paths and wrong methods get problem+json like everything else.
 */
export async function unmatchedRoute(event: APIGatewayProxyEventV2): Promise<RouteResult> {
  const outcome = match(event.requestContext.http.method, event.rawPath);
  if (outcome.kind === 'method-not-allowed') {
    throw new HttpProblem(405, 'method_not_allowed', `This path supports ${outcome.allow.join(', ')}.`, {
      headers: { allow: outcome.allow.join(', ') },
    });
  }
  throw new HttpProblem(404, 'route_not_found', 'There is no route at this path.');
}
