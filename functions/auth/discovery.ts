import { accountDeps } from '../../shared/accounts/account-deps.ts';
import { ACCESS_TOKEN_ALGORITHM } from '../../shared/auth/access-token.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

const CACHE = { 'cache-control': 'public, max-age=300' };

export const getJwks = implement(routes.jwks, async () => ({
  status: 200,
  json: (await accountDeps().keys.current()).publicJwks,
  headers: CACHE,
}));

/**
 * Only what is true: Kindred issues access tokens, not ID tokens, and has no
 * OAuth authorization or token endpoint, so it claims no flows. A verifier
 * learns the issuer, where the keys are, and how access tokens are signed.
 */
export const getOpenIdConfiguration = implement(routes.openIdConfiguration, async () => {
  const { issuer } = accountDeps().tokens;
  return {
    status: 200,
    json: {
      issuer,
      jwks_uri: `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
      access_token_signing_alg_values_supported: [ACCESS_TOKEN_ALGORITHM],
    },
    headers: CACHE,
  };
});
