import { createHash } from 'node:crypto';
import { escapeHtml } from '../email/templates.ts';

/**
 * A person without a photo still gets an avatar: their initials on a colour
 * derived from their id, as an SVG data URI. Deterministic, and never a
 * broken image.
 */
export function defaultAvatar(userId: string, name: string): string {
  const digest = createHash('sha256').update(userId).digest();
  const hue = (digest.readUInt16BE(0) % 360).toString();
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160"><rect width="160" height="160" fill="hsl(${hue},55%,45%)"/><text x="80" y="80" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="64" fill="#fff">${escapeHtml(initials || '?')}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
