import * as z from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password-policy.ts';

/** Control characters and bidirectional overrides have no place in a name. */
export const UNSAFE_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')
  .refine((name) => !UNSAFE_TEXT.test(name), 'Control characters are not allowed.')
  .meta({ example: 'Ada Lovelace' });

/** Lengths count Unicode characters, not UTF-16 units (NIST 800-63B). */
export const passwordSchema = z
  .string()
  .refine((password) => [...password].length >= PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine((password) => [...password].length <= PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .meta({ description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; common passwords are refused.`, format: 'password' });

/** Any password a person may type at login: never validated beyond its length, never echoed. */
export const anyPasswordSchema = z.string().min(1).max(1024).meta({ format: 'password' });

export const linkTokenSchema = z.string().min(1).max(4096);

export const tokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires.' }),
  })
  .meta({ id: 'TokenPair' });

export const acceptedSchema = z
  .object({ message: z.string() })
  .meta({ id: 'Accepted', description: 'The request was accepted; the outcome arrives by email.' });

export const profileSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: z.enum(['user', 'admin']),
    status: z.enum(['pending', 'active', 'disabled']),
    createdAt: z.iso.datetime(),
    confirmedAt: z.iso.datetime().optional(),
    pendingEmail: z.email().optional().meta({ description: 'A new address waiting for confirmation.' }),
    avatar: z
      .object({ url: z.string(), placeholder: z.string().optional(), isDefault: z.boolean() })
      .optional()
      .meta({ description: 'A short-lived URL of the chosen photo, or a generated SVG data URI.' }),
  })
  .meta({ id: 'Profile' });

/**
 * A page size in the query string: plain decimal digits only (`0x10`, `1e2`,
 * ` 5` and `5.0` are refused, where a number coercion would take them).
 */
export const pageLimitSchema = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, 'Use a whole number in plain decimal digits.')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .default(fallback)
    .meta({ description: `1 to ${max}; ${fallback} when left out.` });
