import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderedEmail } from './templates.ts';

export interface EmailSender {
  send(email: RenderedEmail, messageId: string): Promise<void>;
}

/** Sends through Amazon SES v2, only ever as the configured sender identity. */
export class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(email: RenderedEmail): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [email.to] },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }
}

export interface OutboxEntry extends RenderedEmail {
  readonly id: string;
  readonly from: string;
  readonly sentAt: string;
}

/** The local twin's stand-in for SES: one JSON file per email, browsable at /_local/mail. */
export class OutboxEmailSender implements EmailSender {
  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {}

  async send(email: RenderedEmail, messageId: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const sentAt = new Date().toISOString();
    const entry: OutboxEntry = { id: messageId, from: this.from, sentAt, ...email };
    // Sortable by time; the id keeps names unique and lets a retry overwrite rather than duplicate.
    const name = `${sentAt.replace(/[:.]/g, '-')}_${messageId}.json`;
    await writeFile(join(this.directory, name), JSON.stringify(entry, null, 2));
  }
}
