import { logger } from '../logging.ts';
import { count } from '../metrics.ts';
import type { DeliveryLedger } from '../queue/delivery-ledger.ts';
import type { EmailLinks } from './email-links.ts';
import type { EmailMessage } from './email-message.ts';
import type { EmailSender } from './senders.ts';
import { renderEmail } from './templates.ts';

export class DeliveryInProgressError extends Error {
  override readonly name = 'DeliveryInProgressError';
}

export interface EmailDeliveryDeps {
  readonly ledger: DeliveryLedger;
  readonly sender: EmailSender;
  readonly links: EmailLinks;
  /** How long a claim protects an in-flight send; longer than one send can take. */
  readonly leaseSeconds: number;
}

/** Renders and sends one queued email exactly once per message id. */
export async function deliverEmail(message: EmailMessage, deps: EmailDeliveryDeps): Promise<'sent' | 'duplicate'> {
  const claim = await deps.ledger.claim(message.id, deps.leaseSeconds);
  if (claim === 'already-done') {
    logger.info('email already sent; duplicate delivery ignored', { emailId: message.id });
    return 'duplicate';
  }
  if (claim === 'in-progress') {
    // Another delivery of the same message is sending right now: retry later rather than send twice.
    throw new DeliveryInProgressError(`Email ${message.id} is being sent by another worker.`);
  }
  try {
    await deps.sender.send(renderEmail(message, deps.links), message.id);
  } catch (error) {
    await deps.ledger.release(message.id);
    throw error;
  }
  await deps.ledger.complete(message.id);
  logger.info('email sent', { emailId: message.id, template: message.template });
  count('EmailsSent');
  return 'sent';
}
