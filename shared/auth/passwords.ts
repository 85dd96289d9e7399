import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * OWASP's argon2id baseline (m = 19 MiB, t = 2, p = 1). Hashes are PHC
 * strings, so these can be raised later: a login with an older hash
 * re-hashes the password at the new cost.
 */
// 2 is Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
export const PASSWORD_HASH_PARAMETERS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;


/** Hashing runs on libuv's thread pool, so it never blocks other requests on the event loop. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMETERS);
}

export interface PasswordCheck {
  readonly valid: boolean;
  /** The hash was made with weaker parameters than today's: store a fresh one. */
  readonly needsRehash: boolean;
}

export async function verifyPassword(phcHash: string, password: string): Promise<PasswordCheck> {
  // A malformed stored hash never authenticates anyone.
  const valid = await verify(phcHash, password).catch(() => false);
  return { valid, needsRehash: valid && !phcHash.startsWith(currentParameterPrefix) };
}

const currentParameterPrefix = `$argon2id$v=19$m=${PASSWORD_HASH_PARAMETERS.memoryCost},t=${PASSWORD_HASH_PARAMETERS.timeCost},p=${PASSWORD_HASH_PARAMETERS.parallelism}$`;

let dummyHash: Promise<string> | undefined;

/**
 * Burns the same time as checking a real password, for logins with an
 * unknown email, so response time does not reveal which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('kindred-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

let commonPasswords: Set<string> | undefined;

/**
 * Whether the password is among the ~50,000 most common passwords of the
 * zxcvbn frequency lists (compared case-insensitively), the shipped list
 * NIST asks services to check new passwords against.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(password.toLowerCase());
}
