import { createLocalJWKSet, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod';
import { SessionRepository } from '../accounts/session-repository.ts';
import { dynamo } from '../clients/dynamodb.ts';
import { lazyEnv } from '../config/env.ts';
import { UnauthenticatedError } from '../errors/domain-errors.ts';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token.ts';
import { JwksStore } from './jwks-store.ts';
import type { Principal } from './principal.ts';

/** Turns a bearer token into the caller, or throws 401. */
export type Authenticator = (token: string) => Promise<Principal>;

/**
 * A valid signature is not enough: the token's session must still exist, so
 * logging out, a password reset or an administrator disabling the account
 * ends access at once rather than when the access token expires.
 */
export function createAuthenticator(
  verify: AccessTokenVerifier,
  sessionExists: (userId: string, sessionId: string) => Promise<boolean>,
): Authenticator {
  return async (token) => {
    const principal = await verify(token);
    if (!(await sessionExists(principal.userId, principal.sessionId))) {
      throw new UnauthenticatedError('session_ended', 'This session has ended. Log in again.');
    }
    return principal;
  };
}

/** Resolves keys from the published JWKS, re-reading it once when a token names a kid not seen yet. */
export function publishedKeys(store: JwksStore): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await createLocalJWKSet(await store.load())(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      return createLocalJWKSet(await store.load({ refresh: true }))(header, token);
    }
  };
}

const authEnv = lazyEnv({
  TABLE_NAME: z.string().min(1),
  ACCESS_TOKEN_ISSUER: z.url(),
  ACCESS_TOKEN_AUDIENCE: z.string().min(1),
});

let authenticator: Authenticator | undefined;

/** The process-wide authenticator for API functions, configured from the environment on first use. */
export function defaultAuthenticator(): Authenticator {
  if (!authenticator) {
    const env = authEnv();
    const sessions = new SessionRepository(dynamo(), env.TABLE_NAME);
    authenticator = createAuthenticator(
      createAccessTokenVerifier({
        issuer: env.ACCESS_TOKEN_ISSUER,
        audience: env.ACCESS_TOKEN_AUDIENCE,
        keys: publishedKeys(new JwksStore(dynamo(), env.TABLE_NAME)),
      }),
      (userId, sessionId) => sessions.exists(userId, sessionId),
    );
  }
  return authenticator;
}
