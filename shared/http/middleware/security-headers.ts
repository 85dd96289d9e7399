import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Locks down what a browser may do with an API response. Routes that serve pages set their own CSP. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Adds security headers to every response, without overwriting what a route
 * set on purpose (a page's own CSP, a cacheable asset's Cache-Control).
 */
export function securityHeaders(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const apply = (response: APIGatewayProxyStructuredResultV2 | null | undefined): void => {
    if (!response) return;
    const headers = (response.headers ??= {});
    Object.assign(headers, SECURITY_HEADERS);
    headers['content-security-policy'] ??= API_CONTENT_SECURITY_POLICY;
    headers['cache-control'] ??= 'no-store';
  };
  return {
    after: (request) => apply(request.response),
    onError: (request) => apply(request.response),
  };
}
