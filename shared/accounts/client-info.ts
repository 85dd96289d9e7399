/** Where a request came from, for audit events, session listings and rate limits. */
export interface ClientInfo {
  readonly ipAddress: string;
  readonly userAgent: string;
}

export const RATE_LIMITS = {
  register: { limit: 10, windowSeconds: 3600 },
  login: { limit: 30, windowSeconds: 300 },
  refresh: { limit: 120, windowSeconds: 300 },
  forgot: { limit: 10, windowSeconds: 3600 },
  resend: { limit: 10, windowSeconds: 3600 },
} as const;
export type RateLimitedAction = keyof typeof RATE_LIMITS;
