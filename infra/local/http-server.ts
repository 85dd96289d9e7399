import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorsPolicy } from '../../shared/http/cors-policy.ts';
import { HttpProblem, toProblemResponse } from '../../shared/http/problem.ts';
import type { Area } from '../../shared/http/route-definition.ts';
import { createRouteMatcher } from '../../shared/http/route-matching.ts';
import { routeTable } from '../../shared/routes/index.ts';
import { toApiGatewayEvent } from './api-gateway-event.ts';
import { lambdaContext } from './event-source-poller.ts';
import { OUTBOX_PATH, renderOutbox } from './outbox-pages.ts';

type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway HTTP APIs accept payloads up to 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface LocalApiOptions {
  readonly port: number;
  readonly host?: string;
  readonly cors: CorsPolicy;
  readonly outboxDirectory: string;
  readonly loadArea: (area: Area) => Promise<ApiHandler>;
  readonly onError?: (error: Error) => void;
}

export interface RunningApi {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

/**
 * The local stand-in for API Gateway: routes each request with the route
 * table, turns it into an HTTP API v2 event, invokes the owning area's
 * handler module and writes its result back. Unmatched requests go to the
 * `$default` route (the system function), as in AWS.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<RunningApi> {
  const match = createRouteMatcher(routeTable);
  const handlers = new Map<Area, Promise<ApiHandler>>();
  const handlerFor = (area: Area): Promise<ApiHandler> => {
    let handler = handlers.get(area);
    if (!handler) {
      handler = options.loadArea(area);
      handlers.set(area, handler);
    }
    return handler;
  };

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // The path as sent: URL parsing folds `/./` and `%2e%2e` segments, which API Gateway does not.
    const path = (request.url ?? '/').split('?')[0] || '/';
    const method = request.method ?? 'GET';

    if (url.pathname === OUTBOX_PATH || url.pathname.startsWith(`${OUTBOX_PATH}/`)) {
      // Outbox file names are plain [\w.-] (see outbox-pages.ts): no decoding, so a malformed escape is just an unknown email.
      const file = url.pathname.length > OUTBOX_PATH.length ? url.pathname.slice(OUTBOX_PATH.length + 1) : undefined;
      const page = await renderOutbox(options.outboxDirectory, file);
      response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(page.html);
      return;
    }
    if (method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
      answerPreflight(request, response, options.cors);
      return;
    }

    const body = await readBody(request);
    if (body === 'too-large') {
      writeResult(response, toProblemResponse(new HttpProblem(413, 'payload_too_large', 'Requests may not exceed 10 MB.'), 'local'));
      return;
    }
    const found = match(method, path);
    const route =
      found.kind === 'matched'
        ? { routeKey: `${found.route.method} ${found.route.path}`, pathParameters: found.params, area: found.route.area }
        : { routeKey: '$default', area: 'system' as const };
    const event = toApiGatewayEvent(request, url, path, body, route);
    const handler = await handlerFor(route.area);
    writeResult(response, await handler(event, lambdaContext(`kindred-${route.area}`, 10)));
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: Error) => {
      options.onError?.(error);
      if (!response.headersSent) writeResult(response, toProblemResponse(error, 'local'));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_PAYLOAD_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function writeResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

function answerPreflight(request: IncomingMessage, response: ServerResponse, cors: CorsPolicy): void {
  const origin = request.headers.origin ?? '';
  const allowed = cors.allowOrigins.includes('*') ? '*' : cors.allowOrigins.includes(origin) ? origin : undefined;
  if (!allowed) {
    response.writeHead(204);
    response.end();
    return;
  }
  response.writeHead(204, {
    'access-control-allow-origin': allowed,
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
    'access-control-allow-headers': cors.allowHeaders.join(','),
    'access-control-max-age': String(cors.maxAgeSeconds),
    ...(allowed === '*' ? {} : { vary: 'origin' }),
  });
  response.end();
}
