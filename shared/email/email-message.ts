import * as z from 'zod';

/**
 * Messages on the email queue. Versioned so a deploy that changes the shape
 * can drain old messages; the worker refuses any version it does not know.
 * Each message carries its own id: delivering it twice sends one email.
 */
const base = {
  version: z.literal(1),
  id: z.uuid(),
  to: z.email().max(254),
};

const name = z.string().min(1).max(100);
const token = z.string().min(1).max(2048);

export const emailMessageSchema = z.discriminatedUnion('template', [
  z.strictObject({
    ...base,
    template: z.literal('confirm-email'),
    // No name: the address is not confirmed yet, so free text typed by whoever signed it up stays out of the mail.
    data: z.strictObject({ token }),
  }),
  z.strictObject({
    ...base,
    template: z.literal('signup-attempt'),
    data: z.strictObject({ name }),
  }),
  z.strictObject({ ...base, template: z.literal('reset-password'), data: z.strictObject({ name, token }) }),
  z.strictObject({ ...base, template: z.literal('password-changed'), data: z.strictObject({ name }) }),
  z.strictObject({ ...base, template: z.literal('invitation'), data: z.strictObject({ name, token }) }),
  // No name either: the new address has confirmed nothing yet.
  z.strictObject({ ...base, template: z.literal('change-email'), data: z.strictObject({ token }) }),
  // The recipient's own name only: the other person's name is their free text, and stays in the app.
  z.strictObject({ ...base, template: z.literal('new-match'), data: z.strictObject({ name }) }),
  z.strictObject({
    ...base,
    template: z.literal('email-change-notice'),
    data: z.strictObject({ name, newEmail: z.email().max(254) }),
  }),
]);

export type EmailMessage = z.output<typeof emailMessageSchema>;
export type EmailTemplate = EmailMessage['template'];
