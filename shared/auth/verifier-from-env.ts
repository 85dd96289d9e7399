import { z } from 'zod';
import { lazyEnv } from '../config/env.ts';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token.ts';

const tokenEnv = lazyEnv({
  ACCESS_TOKEN_ISSUER: z.url(),
  ACCESS_TOKEN_AUDIENCE: z.string().min(1),
  /** Public JWKS as JSON. Only public keys: nothing secret lives in this variable. */
  ACCESS_TOKEN_JWKS: z.string().transform((text, ctx) => {
    try {
      return z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key Set with at least one key' });
      return z.NEVER;
    }
  }),
});

let verifier: AccessTokenVerifier | undefined;

/** The process-wide verifier, configured from the environment on first use. */
export function accessTokenVerifier(): AccessTokenVerifier {
  if (!verifier) {
    const env = tokenEnv();
    verifier = createAccessTokenVerifier({
      issuer: env.ACCESS_TOKEN_ISSUER,
      audience: env.ACCESS_TOKEN_AUDIENCE,
      keys: env.ACCESS_TOKEN_JWKS as Parameters<typeof createAccessTokenVerifier>[0]['keys'],
    });
  }
  return verifier;
}
