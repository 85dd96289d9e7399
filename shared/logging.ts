import { Logger } from '@aws-lambda-powertools/logger';

const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|signature|credential|private|^key$|^d$/i;
export const REDACTED = '[redacted]';

/**
 * JSON replacer that blanks values under keys that may hold secrets, at any
 * depth. It runs on every log line, so nothing a handler logs by accident
 * (a request body, an SDK error carrying headers) can leak a password or token.
 */
export function redactSecrets(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_KEY.test(key) && value !== null && value !== undefined) return REDACTED;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kindred',
  jsonReplacerFn: redactSecrets,
});
