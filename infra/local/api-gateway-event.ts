import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LOCAL_ACCOUNT_ID } from './local-aws.ts';

const TEXT_CONTENT = /^(text\/|application\/([\w.+-]+\+)?(json|xml)|application\/x-www-form-urlencoded)/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface HttpRequestData {
  readonly method: string;
  readonly url: URL;
  /** The path exactly as sent, when it differs from `url.pathname`: API Gateway folds no `/./` or `%2e%2e`, and neither may the twin. */
  readonly path?: string;
  /** Lower-cased names, repeats already comma-joined, cookies left out. */
  readonly headers: Record<string, string>;
  readonly cookies?: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
}

export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
}

/**
 * Builds the HTTP API (payload v2.0) event API Gateway would send for this
 * request: repeated query parameters comma-joined and binary bodies
 * base64-encoded.
 */
export function apiGatewayEvent(request: HttpRequestData, route: MatchedRoute): APIGatewayProxyEventV2 {
  const { headers, url } = request;
  // A Map, not an object: `__proto__` must stay a parameter, as API Gateway keeps it.
  const joined = new Map<string, string>();
  for (const [name, value] of url.searchParams) joined.set(name, joined.has(name) ? `${joined.get(name)},${value}` : value);
  const query = Object.fromEntries(joined);

  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.path ?? url.pathname,
    rawQueryString: url.search.slice(1),
    headers: { ...headers },
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: request.path ?? url.pathname,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (request.cookies && request.cookies.length > 0) event.cookies = [...request.cookies];
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (route.pathParameters && Object.keys(route.pathParameters).length > 0) event.pathParameters = route.pathParameters;
  if (request.body.byteLength > 0) Object.assign(event, encodeBody(request.body, headers['content-type']));
  return event;
}

/** The event for a request the local server received: lower-cased headers with repeats comma-joined, cookies split out. */
export function toApiGatewayEvent(request: IncomingMessage, url: URL, path: string, body: Buffer, route: MatchedRoute): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index]!.toLowerCase();
    const value = request.rawHeaders[index + 1]!;
    if (name === 'cookie') continue;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const cookies = request.headers.cookie?.split(/;\s*/).filter((cookie) => cookie.length > 0);
  return apiGatewayEvent(
    {
      method: request.method ?? 'GET',
      url,
      path,
      headers,
      ...(cookies ? { cookies } : {}),
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      protocol: `HTTP/${request.httpVersion}`,
    },
    route,
  );
}

function encodeBody(body: Buffer, contentType: string | undefined): { body: string; isBase64Encoded: boolean } {
  if (contentType && TEXT_CONTENT.test(contentType)) {
    try {
      return { body: strictUtf8.decode(body), isBase64Encoded: false };
    } catch {
      // Not valid UTF-8 after all: pass the bytes through untouched, as API Gateway does.
    }
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}
