import * as z from 'zod';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { ses } from '../../shared/clients/ses.ts';
import { readEnv } from '../../shared/config/env.ts';
import { deliverEmail } from '../../shared/email/email-delivery.ts';
import { emailMessageSchema } from '../../shared/email/email-message.ts';
import { OutboxEmailSender, SesEmailSender, type EmailSender } from '../../shared/email/senders.ts';
import { DeliveryLedger } from '../../shared/queue/delivery-ledger.ts';
import { createSqsWorker } from '../../shared/queue/sqs-worker.ts';

const env = readEnv({
  TABLE_NAME: z.string().min(1),
  /** The API's base URL: links lead to its pages unless an app serves them. */
  API_URL: z.url(),
  APP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3),
  EMAIL_TRANSPORT: z.enum(['ses', 'outbox']).default('ses'),
  EMAIL_OUTBOX_DIR: z.string().optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
});

function emailSender(): EmailSender {
  if (env.EMAIL_TRANSPORT === 'ses') return new SesEmailSender(ses(), env.MAIL_FROM, env.SES_CONFIGURATION_SET);
  if (!env.EMAIL_OUTBOX_DIR) throw new Error('Configuration error: missing environment variable EMAIL_OUTBOX_DIR');
  return new OutboxEmailSender(env.EMAIL_OUTBOX_DIR, env.MAIL_FROM);
}

const deps = {
  ledger: new DeliveryLedger(dynamo(), env.TABLE_NAME, 'email'),
  sender: emailSender(),
  links: { apiUrl: env.API_URL, ...(env.APP_URL ? { appUrl: env.APP_URL } : {}) },
  leaseSeconds: 60,
};

/** Consumes the email queue: one rendered email per message, sent once. */
export const handler = createSqsWorker(emailMessageSchema, async (message) => {
  await deliverEmail(message, deps);
});
