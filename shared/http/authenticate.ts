import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Authenticator } from '../auth/authenticator.ts';
import type { Principal } from '../auth/principal.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors.ts';
import type { RouteDefinition } from './route-definition.ts';

/** RFC 7235: the scheme is case-insensitive (`bearer` works); the token is RFC 6750's b64token. */
const BEARER = /^bearer +([A-Za-z0-9\-_.~+/]+=*)$/i;

/**
 * Enforces the route's auth level: public routes skip it; `user` routes need
 * a valid access token (401 otherwise); `admin` routes also need the admin
 * role (403 for a valid token of a plain user).
 */
export async function authenticate(
  event: APIGatewayProxyEventV2,
  route: RouteDefinition,
  authenticator: () => Authenticator,
): Promise<Principal | undefined> {
  if (route.auth === 'public') return undefined;
  const token = BEARER.exec(event.headers.authorization ?? '')?.[1];
  if (!token) throw new UnauthenticatedError('missing_token', 'Send an access token as `Authorization: Bearer <token>`.');
  const principal = await authenticator()(token);
  if (route.auth === 'admin' && principal.role !== 'admin') {
    throw new ForbiddenError('admin_required', 'This operation needs an administrator.');
  }
  return principal;
}
