import { z } from 'zod';

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

export const emailMessageSchema = z.discriminatedUnion('template', [
  z.strictObject({
    ...base,
    template: z.literal('confirm-email'),
    data: z.strictObject({ name: z.string().min(1).max(100), token: z.string().min(1).max(2048) }),
  }),
  z.strictObject({
    ...base,
    template: z.literal('signup-attempt'),
    data: z.strictObject({ name: z.string().min(1).max(100) }),
  }),
]);

export type EmailMessage = z.output<typeof emailMessageSchema>;
export type EmailTemplate = EmailMessage['template'];
