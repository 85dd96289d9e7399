import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ACCESS_TOKEN_ALGORITHM } from './access-token.ts';

/**
 * Kindred's key material, stored as one JSON document: in AWS Secrets
 * Manager (rotated by the key-rotation function), locally in
 * .kindred/keys.json. `signingKeys[0]` signs; the others, kept for one
 * rotation, still verify tokens signed before it.
 */
export const storedKeysSchema = z.object({
  version: z.literal(1),
  signingKeys: z.array(
    z.object({
      kid: z.string().min(1),
      createdAt: z.string(),
      privateJwk: z.looseObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), d: z.string(), x: z.string() }),
    }),
  ),
  /** Server secret from which the refresh-token, email-link and cursor HMAC keys are derived. */
  tokenSecret: z.string().min(32),
  /**
   * Token secrets a rotation replaced: they no longer sign, but what they
   * signed (an idle session's refresh token, an emailed link, a cursor) still
   * verifies until `trustedUntil`, one token lifetime after the rotation.
   */
  previousTokenSecrets: z.array(z.object({ secret: z.string().min(32), trustedUntil: z.iso.datetime() })).default([]),
});
export type StoredKeys = z.infer<typeof storedKeysSchema>;

/**
 * How long a replaced token secret keeps verifying: the longest lifetime of
 * anything it signs, a refresh token (30 days; emailed links live at most
 * 3 days). tests/unit/key-rotation.test.ts holds it to those lifetimes.
 */
export const TOKEN_SECRET_GRACE_SECONDS = 30 * 86_400;

/** HMAC keys for one purpose: `current` signs; each of `accepted` (current first) verifies. */
export interface MacKeyring {
  readonly current: Buffer;
  readonly accepted: readonly Buffer[];
}

export function macKeyring(current: Buffer, ...previous: readonly Buffer[]): MacKeyring {
  return { current, accepted: [current, ...previous] };
}

export interface KeyMaterial {
  readonly signingKid: string;
  readonly signingKey: CryptoKey;
  /** Public keys of every signing key still trusted: the JWKS. */
  readonly publicJwks: { keys: JWK[] };
  readonly refreshTokenKey: MacKeyring;
  readonly linkTokenKey: MacKeyring;
  /** Signs pagination cursors so clients cannot forge or alter them. */
  readonly cursorKey: MacKeyring;
}

export class KeysNotReadyError extends Error {
  override readonly name = 'KeysNotReadyError';
}

export function publicJwkOf(privateJwk: JWK, kid: string): JWK {
  const { d: _private, ...publicPart } = privateJwk;
  return { ...publicPart, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
}

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'kindred', purpose, 32));
}

/** The token secrets that still verify at `now`, the signing one first. */
function trustedTokenSecrets(stored: StoredKeys, now: Date): string[] {
  return [stored.tokenSecret, ...stored.previousTokenSecrets.filter((previous) => Date.parse(previous.trustedUntil) > now.getTime()).map((previous) => previous.secret)];
}

export async function toKeyMaterial(stored: StoredKeys, now = new Date()): Promise<KeyMaterial> {
  const current = stored.signingKeys[0];
  if (!current) throw new KeysNotReadyError('No signing key yet: the key secret has not been rotated for the first time.');
  const secrets = trustedTokenSecrets(stored, now);
  const keyring = (purpose: string) => {
    const [signing, ...previous] = secrets.map((secret) => deriveKey(secret, purpose));
    return macKeyring(signing!, ...previous);
  };
  return {
    signingKid: current.kid,
    signingKey: (await importJWK(current.privateJwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey,
    publicJwks: { keys: stored.signingKeys.map((key) => publicJwkOf(key.privateJwk, key.kid)) },
    refreshTokenKey: keyring('refresh-token'),
    linkTokenKey: keyring('email-link'),
    cursorKey: keyring('list-cursor'),
  };
}

/** A new Ed25519 signing key, as stored. */
export async function newSigningKey(now = new Date()): Promise<StoredKeys['signingKeys'][number]> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const privateJwk = (await exportJWK(privateKey)) as StoredKeys['signingKeys'][number]['privateJwk'];
  return { kid: `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`, createdAt: now.toISOString(), privateJwk };
}

const newTokenSecret = () => randomBytes(32).toString('base64url');

/**
 * One rotation: a new signing key goes first and one previous key stays for
 * access tokens still in flight (15 minutes); a new token secret signs from
 * now on and the replaced one keeps verifying for TOKEN_SECRET_GRACE_SECONDS.
 * Secrets past their grace are dropped.
 */
export async function rotateKeys(stored: StoredKeys, now = new Date()): Promise<StoredKeys> {
  const retired = { secret: stored.tokenSecret, trustedUntil: new Date(now.getTime() + TOKEN_SECRET_GRACE_SECONDS * 1000).toISOString() };
  return {
    ...stored,
    signingKeys: [await newSigningKey(now), ...stored.signingKeys].slice(0, 2),
    tokenSecret: newTokenSecret(),
    previousTokenSecrets: [retired, ...stored.previousTokenSecrets.filter((previous) => Date.parse(previous.trustedUntil) > now.getTime())],
  };
}

export async function freshStoredKeys(): Promise<StoredKeys> {
  return { version: 1, signingKeys: [await newSigningKey()], tokenSecret: newTokenSecret(), previousTokenSecrets: [] };
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** `<data>.<HMAC-SHA256 of data under the current key, base64url>`: the shape of every token Kindred signs. */
export function signed(keys: MacKeyring, data: string): string {
  return `${data}.${hmac(keys.current, data).toString('base64url')}`;
}

/** An HMAC-SHA256 in canonical base64url: 43 characters, no padding, nothing else. */
const CANONICAL_MAC = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * The data of a `signed()` token if its MAC is genuine under one of the
 * accepted keys (compared in constant time, every key tried, so the answer
 * takes as long whichever key matched), else undefined. The MAC must be
 * canonical base64url: Node's decoder skips `=`, `!` and other junk, which
 * would let altered tokens verify.
 */
export function verifiedData(keys: MacKeyring, token: string): string | undefined {
  const separator = token.lastIndexOf('.');
  if (separator <= 0) return undefined;
  const data = token.slice(0, separator);
  const mac = token.slice(separator + 1);
  if (!CANONICAL_MAC.test(mac)) return undefined;
  const given = Buffer.from(mac, 'base64url');
  let genuine = false;
  for (const key of keys.accepted) genuine = timingSafeEqual(given, hmac(key, data)) || genuine;
  return genuine ? data : undefined;
}
