import * as z from 'zod';

/** Trim, Unicode NFKC, lower case: one account per address, however it is typed. */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFKC').toLowerCase();
}

export const emailSchema = z
  .string()
  .max(320)
  .transform(normalizeEmail)
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254))
  .meta({ description: 'An email address; compared after trimming, NFKC normalization and lower-casing.', example: 'ada@example.com' });
