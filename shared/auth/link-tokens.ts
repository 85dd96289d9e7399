import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { signed, verifiedData, type MacKeyring } from './keys.ts';

/** What an emailed link may do. A token minted for one purpose is refused for every other. */
export const LINK_PURPOSES = ['confirm-email', 'reset-password', 'change-email', 'invitation'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export const LINK_LIFETIME_SECONDS: Readonly<Record<LinkPurpose, number>> = {
  'confirm-email': 24 * 3600,
  'reset-password': 3600,
  'change-email': 24 * 3600,
  invitation: 72 * 3600,
};

const payloadSchema = z.strictObject({
  p: z.enum(LINK_PURPOSES),
  /** User id. */
  s: z.string().min(1),
  /** The address the link was sent to. */
  e: z.string().min(1),
  /** Expiry, epoch seconds. */
  x: z.number().int(),
  /** Unique id: the single-use marker's key. */
  n: z.string().min(1),
  /** The password hash generation it was minted against (reset links die when the password changes). */
  g: z.string().optional(),
});

export interface LinkToken {
  readonly purpose: LinkPurpose;
  readonly userId: string;
  readonly email: string;
  readonly expiresAt: number;
  readonly nonce: string;
  readonly passwordStamp?: string;
}

/** Signs an email-link token: `<payload>.<mac>`, both base64url. */
export function mintLinkToken(
  key: MacKeyring,
  claims: { purpose: LinkPurpose; userId: string; email: string; passwordStamp?: string },
  now = Date.now(),
): { token: string; expiresAt: number; nonce: string } {
  const expiresAt = Math.floor(now / 1000) + LINK_LIFETIME_SECONDS[claims.purpose];
  const nonce = randomUUID();
  const payload = Buffer.from(
    JSON.stringify({ p: claims.purpose, s: claims.userId, e: claims.email, x: expiresAt, n: nonce, ...(claims.passwordStamp ? { g: claims.passwordStamp } : {}) }),
  ).toString('base64url');
  return { token: signed(key, payload), expiresAt, nonce };
}

/** The claims of an authentic, unexpired token for `purpose`; undefined otherwise, whatever the reason. */
export function readLinkToken(key: MacKeyring, token: string, purpose: LinkPurpose, now = Date.now()): LinkToken | undefined {
  const payload = verifiedData(key, token);
  if (!payload || payload.includes('.')) return undefined;
  let claims: z.infer<typeof payloadSchema>;
  try {
    claims = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
  if (claims.p !== purpose || claims.x * 1000 <= now) return undefined;
  return {
    purpose: claims.p,
    userId: claims.s,
    email: claims.e,
    expiresAt: claims.x,
    nonce: claims.n,
    ...(claims.g ? { passwordStamp: claims.g } : {}),
  };
}
