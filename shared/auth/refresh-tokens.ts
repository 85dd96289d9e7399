import { signed, verifiedData, type MacKeyring } from './keys.ts';

/**
 * Refresh tokens are opaque to clients: `rt1.<userId>.<sessionId>.<generation>.<mac>`,
 * where the MAC (HMAC-SHA256, 256 bits) binds the session and its generation
 * under a server key. Nothing secret is stored: the session keeps only its
 * current generation, and the token for any generation can be re-derived,
 * which is what lets concurrent refreshes inside the grace window all succeed.
 */
export interface RefreshTokenClaims {
  readonly userId: string;
  readonly sessionId: string;
  readonly generation: number;
}

const PREFIX = 'rt1';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const signedPart = (claims: RefreshTokenClaims) => `${PREFIX}.${claims.userId}.${claims.sessionId}.${claims.generation}`;

export function mintRefreshToken(key: MacKeyring, claims: RefreshTokenClaims): string {
  return signed(key, signedPart(claims));
}

/** The claims of an authentic token, or undefined for anything forged, truncated or malformed. */
export function readRefreshToken(key: MacKeyring, token: string): RefreshTokenClaims | undefined {
  const parts = verifiedData(key, token)?.split('.');
  if (parts?.length !== 4 || parts[0] !== PREFIX) return undefined;
  const [, userId, sessionId, generationText] = parts as [string, string, string, string];
  if (!ID.test(userId) || !ID.test(sessionId) || !/^\d{1,9}$/.test(generationText)) return undefined;
  return { userId, sessionId, generation: Number(generationText) };
}
