import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM } from './access-token.ts';
import type { KeyMaterial } from './keys.ts';
import type { Role } from './principal.ts';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;

export interface AccessTokenSettings {
  readonly issuer: string;
  readonly audience: string;
}

/** Signs a 15-minute access token with the current key, naming it by `kid`. */
export async function issueAccessToken(
  keys: KeyMaterial,
  settings: AccessTokenSettings,
  subject: { userId: string; sessionId: string; role: Role },
): Promise<string> {
  return new SignJWT({ sid: subject.sessionId, role: subject.role })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: keys.signingKid, typ: 'at+jwt' })
    .setSubject(subject.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_LIFETIME_SECONDS}s`)
    .sign(keys.signingKey);
}
