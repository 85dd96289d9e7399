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

export const getOpenIdConfiguration = implement(routes.openIdConfiguration, async () => {
  const { issuer } = accountDeps().tokens;
  const base = issuer.replace(/\/+$/, '');
  return {
    status: 200,
    json: {
      issuer,
      jwks_uri: `${base}/.well-known/jwks.json`,
      token_endpoint: `${base}/api/v1/auth/login`,
      id_token_signing_alg_values_supported: [ACCESS_TOKEN_ALGORITHM],
      token_endpoint_auth_methods_supported: ['none'],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      claims_supported: ['iss', 'aud', 'sub', 'sid', 'role', 'jti', 'iat', 'exp'],
    },
    headers: CACHE,
  };
});
