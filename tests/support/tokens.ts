import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';

export const TEST_ISSUER = 'https://auth.kindred.test';
export const TEST_AUDIENCE = 'kindred-api';

export interface TestSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicPem: string;
}

/** A fresh Ed25519 key pair for signing test access tokens. */
export async function createTestSigningKey(kid = `test-${randomUUID()}`): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' },
    publicPem: await exportSPKI(publicKey),
  };
}

export interface TokenOverrides {
  readonly claims?: JWTPayload & Record<string, unknown>;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresIn?: string | number;
  readonly omit?: readonly string[];
}

/** Signs an access token the way Kindred issues them, with knobs for crafting bad ones. */
export async function signTestAccessToken(key: TestSigningKey, overrides: TokenOverrides = {}): Promise<string> {
  const claims: Record<string, unknown> = { sid: randomUUID(), role: 'user', ...overrides.claims };
  for (const name of overrides.omit ?? []) delete claims[name];
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' }).setIssuedAt();
  if (!overrides.omit?.includes('sub')) jwt = jwt.setSubject((overrides.claims?.sub as string | undefined) ?? randomUUID());
  if (!overrides.omit?.includes('jti')) jwt = jwt.setJti(randomUUID());
  if (!overrides.omit?.includes('exp')) jwt = jwt.setExpirationTime(overrides.expiresIn ?? '15m');
  return jwt
    .setIssuer(overrides.issuer ?? TEST_ISSUER)
    .setAudience(overrides.audience ?? TEST_AUDIENCE)
    .sign(key.privateKey);
}
