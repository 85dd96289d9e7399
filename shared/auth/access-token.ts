import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod';
import { UnauthenticatedError } from '../errors/domain-errors.ts';
import { ROLES, type Principal } from './principal.ts';

/** The only algorithm Kindred signs access tokens with; verification accepts nothing else. */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';
/** The `aud` of every access token Kindred issues. */
export const ACCESS_TOKEN_AUDIENCE = 'kindred-api';

export interface AccessTokenVerifierSettings {
  readonly issuer: string;
  readonly audience: string;
  /** Public keys: the current signing key and, during rotation, the previous one. */
  readonly keys: JSONWebKeySet | JWTVerifyGetKey;
  /** Allowed clock skew in seconds. */
  readonly clockToleranceSeconds?: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  sid: z.string().min(1),
  role: z.enum(ROLES),
  jti: z.string().min(1),
});

export type AccessTokenVerifier = (token: string) => Promise<Principal>;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Builds the verification seam for access tokens. It pins the algorithm, the
 * issuer and the audience, and requires every claim Kindred issues; any
 * failure becomes the same `invalid_token` error so an attacker learns nothing
 * about why a forged token was refused.
 */
export function createAccessTokenVerifier(settings: AccessTokenVerifierSettings): AccessTokenVerifier {
  const keys = typeof settings.keys === 'function' ? settings.keys : createLocalJWKSet(settings.keys);
  return async (token) => {
    // Three canonical base64url segments and nothing else: the decoder would skip appended junk.
    if (!COMPACT_JWS.test(token)) throw new UnauthenticatedError('invalid_token', 'The access token is invalid or expired.');
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['sub', 'sid', 'role', 'jti', 'iat', 'exp'],
        clockTolerance: settings.clockToleranceSeconds ?? 5,
      });
      const claims = claimsSchema.parse(payload);
      return { userId: claims.sub, sessionId: claims.sid, role: claims.role, tokenId: claims.jti };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof z.ZodError) {
        throw new UnauthenticatedError('invalid_token', 'The access token is invalid or expired.');
      }
      throw error;
    }
  };
}
