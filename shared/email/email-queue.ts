import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { DependencyUnavailableError } from '../errors/domain-errors.ts';
import type { EmailMessage } from './email-message.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type OutgoingEmail = DistributiveOmit<EmailMessage, 'version' | 'id'>;

/** Puts emails on the email queue; the email worker renders and sends them. */
export class EmailQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(email: OutgoingEmail): Promise<void> {
    const message = { version: 1, id: randomUUID(), ...email } as EmailMessage;
    try {
      await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
    } catch (error) {
      throw new DependencyUnavailableError('email-queue', 5, { cause: error });
    }
  }
}
