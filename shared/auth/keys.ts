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
  /** Server secret from which the refresh-token and email-link HMAC keys are derived. */
  tokenSecret: z.string().min(32),
});
export type StoredKeys = z.infer<typeof storedKeysSchema>;

export interface KeyMaterial {
  readonly signingKid: string;
  readonly signingKey: CryptoKey;
  /** Public keys of every signing key still trusted: the JWKS. */
  readonly publicJwks: { keys: JWK[] };
  readonly refreshTokenKey: Buffer;
  readonly linkTokenKey: Buffer;
  /** Signs pagination cursors so clients cannot forge or alter them. */
  readonly cursorKey: Buffer;
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

export async function toKeyMaterial(stored: StoredKeys): Promise<KeyMaterial> {
  const current = stored.signingKeys[0];
  if (!current) throw new KeysNotReadyError('No signing key yet: the key secret has not been rotated for the first time.');
  return {
    signingKid: current.kid,
    signingKey: (await importJWK(current.privateJwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey,
    publicJwks: { keys: stored.signingKeys.map((key) => publicJwkOf(key.privateJwk, key.kid)) },
    refreshTokenKey: deriveKey(stored.tokenSecret, 'refresh-token'),
    linkTokenKey: deriveKey(stored.tokenSecret, 'email-link'),
    cursorKey: deriveKey(stored.tokenSecret, 'list-cursor'),
  };
}

/** A new Ed25519 signing key, as stored. */
export async function newSigningKey(now = new Date()): Promise<StoredKeys['signingKeys'][number]> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const privateJwk = (await exportJWK(privateKey)) as StoredKeys['signingKeys'][number]['privateJwk'];
  return { kid: `${now.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`, createdAt: now.toISOString(), privateJwk };
}

/** Puts a new signing key first and keeps one previous key for tokens still in flight. */
export async function rotateSigningKeys(stored: StoredKeys, now = new Date()): Promise<StoredKeys> {
  return { ...stored, signingKeys: [await newSigningKey(now), ...stored.signingKeys].slice(0, 2) };
}

export async function freshStoredKeys(): Promise<StoredKeys> {
  return { version: 1, signingKeys: [await newSigningKey()], tokenSecret: randomBytes(32).toString('base64url') };
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** `<data>.<HMAC-SHA256 of data, base64url>`: the shape of every token Kindred signs. */
export function signed(key: Buffer, data: string): string {
  return `${data}.${hmac(key, data).toString('base64url')}`;
}

/** An HMAC-SHA256 in canonical base64url: 43 characters, no padding, nothing else. */
const CANONICAL_MAC = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * The data of a `signed()` token if its MAC is genuine (compared in constant
 * time), else undefined. The MAC must be canonical base64url: Node's decoder
 * skips `=`, `!` and other junk, which would let altered tokens verify.
 */
export function verifiedData(key: Buffer, token: string): string | undefined {
  const separator = token.lastIndexOf('.');
  if (separator <= 0) return undefined;
  const data = token.slice(0, separator);
  const mac = token.slice(separator + 1);
  if (!CANONICAL_MAC.test(mac)) return undefined;
  const given = Buffer.from(mac, 'base64url');
  const expected = hmac(key, data);
  return given.length === expected.length && timingSafeEqual(given, expected) ? data : undefined;
}
