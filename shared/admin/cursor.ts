import { createHash } from 'node:crypto';
import { signed, verifiedData, type MacKeyring } from '../auth/keys.ts';
import { InvalidRequestError } from '../errors/domain-errors.ts';

/**
 * Opaque, tamper-proof pagination cursors: the DynamoDB position and a
 * fingerprint of the query it belongs to, signed. A cursor replayed with
 * other filters, edited or forged is refused with 400.
 */
export function encodeCursor(key: MacKeyring, position: Record<string, unknown>, query: unknown): string {
  const payload = Buffer.from(JSON.stringify({ p: position, q: fingerprint(query) })).toString('base64url');
  return signed(key, payload);
}

export function decodeCursor(key: MacKeyring, cursor: string, query: unknown): Record<string, unknown> {
  const invalid = () => new InvalidRequestError('invalid_cursor', 'The cursor is invalid, or belongs to a different query.');
  const payload = verifiedData(key, cursor);
  if (!payload || payload.includes('.')) throw invalid();
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p: Record<string, unknown>; q: string };
  if (decoded.q !== fingerprint(query)) throw invalid();
  return decoded.p;
}

function fingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query ?? null)).digest('base64url').slice(0, 16);
}
