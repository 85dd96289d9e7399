/**
 * Calling the API handlers in this process, with the event API Gateway would
 * send (built by the twin's own event builder), as the benchmark does.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiGatewayEvent } from '../../infra/local/api-gateway-event.ts';
import type { Area } from '../../shared/http/route-definition.ts';
import { createRouteMatcher } from '../../shared/http/route-matching.ts';
import { routeTable } from '../../shared/routes/index.ts';

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface BenchRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly token?: string;
  readonly query?: string;
}

export const lambdaContext = { getRemainingTimeInMillis: () => 10_000 } as Context;
const matchRoute = createRouteMatcher(routeTable);

/** The event for a request to a route of the table, and the area whose function serves it. */
export function apiEvent(request: BenchRequest): { event: APIGatewayProxyEventV2; area: Area } {
  const found = matchRoute(request.method, request.path);
  if (found.kind !== 'matched') throw new Error(`no route for ${request.method} ${request.path}`);
  const headers: Record<string, string> = { 'user-agent': 'kindred-bench', ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const event = apiGatewayEvent(
    {
      method: request.method,
      url: new URL(`${request.path}${request.query ? `?${request.query}` : ''}`, 'http://localhost'),
      headers,
      body: request.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.body)),
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
    },
    { routeKey: `${found.route.method} ${found.route.path}`, pathParameters: found.params },
  );
  return { event, area: found.route.area };
}

const handlers = new Map<Area, Promise<ApiHandler>>();
const handlerOf = (area: Area): Promise<ApiHandler> => {
  if (!handlers.has(area)) handlers.set(area, import(`../../functions/${area}/index.ts`).then((module: { handler: ApiHandler }) => module.handler));
  return handlers.get(area)!;
};

/** Sends the request to its area's handler. */
export async function callRoute(request: BenchRequest): Promise<APIGatewayProxyStructuredResultV2> {
  const { event, area } = apiEvent(request);
  return (await handlerOf(area))(event, lambdaContext);
}

/** Sends the request and returns its JSON body, failing unless the status is the expected one. */
export async function expectRoute(request: BenchRequest, status: number): Promise<Record<string, unknown>> {
  const response = await callRoute(request);
  if (response.statusCode !== status) throw new Error(`${request.method} ${request.path} answered ${response.statusCode}: ${response.body}`);
  return response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {};
}
