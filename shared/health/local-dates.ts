import { InvalidRequestError } from '../errors/domain-errors.ts';

// Calendar arithmetic on local dates (YYYY-MM-DD), which are labels, not instants: computed at UTC
// midnight, where every day has 24 hours.

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier); NaN for an impossible date. */
export const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** A range of local dates, inclusive, of at most `maxDays`; refused (400) otherwise. */
export const checkedRange = (from: string, to: string, maxDays: number): { from: string; to: string } => {
  const days = daysBetween(from, to) + 1;
  if (!(days >= 1)) throw new InvalidRequestError('invalid_range', '`from` must not be after `to`.');
  if (days > maxDays) throw new InvalidRequestError('range_too_long', `At most ${maxDays} days at once.`);
  return { from, to };
};
