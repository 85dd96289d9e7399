import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem } from './problem.ts';
import { DEFAULT_MAX_BODY_BYTES, type RouteDefinition } from './route-definition.ts';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the JSON body of a request for a route. Enforces the route's size cap
 * (413), the media type (415), valid UTF-8 and valid JSON (400). Returns
 * `undefined` for routes that take no body.
 */
export function readJsonBody(event: APIGatewayProxyEventV2, route: RouteDefinition): unknown {
  const raw = rawBody(event);
  const hasBody = raw !== undefined && raw.byteLength > 0;

  if (!route.request?.body) {
    if (hasBody && !isEmptyJsonObject(raw)) {
      throw new HttpProblem(400, 'body_not_allowed', 'This operation does not take a request body.');
    }
    return undefined;
  }

  const limit = route.request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (hasBody && raw.byteLength > limit) {
    throw new HttpProblem(413, 'body_too_large', `The request body must not exceed ${limit} bytes.`);
  }

  const contentType = (event.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the request body as application/json.', {
      headers: { 'accept-post': 'application/json' },
    });
  }
  if (!hasBody) {
    throw new HttpProblem(400, 'body_required', 'This operation needs a JSON request body.');
  }

  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    throw new HttpProblem(400, 'invalid_encoding', 'The request body must be UTF-8 encoded.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON.');
  }
}

function rawBody(event: APIGatewayProxyEventV2): Uint8Array | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

function isEmptyJsonObject(raw: Uint8Array): boolean {
  return /^\s*(\{\s*\})?\s*$/.test(Buffer.from(raw).toString('utf8'));
}
