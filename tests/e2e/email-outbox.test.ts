import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../shared/email/email-message.ts';
import { useEmulatorEnvironment, useTwin } from '../support/twin.ts';
import { waitFor } from '../support/wait.ts';

const twin = useTwin('outbox');

describe('email through the local twin', () => {
  it('delivers a queued email to the outbox, readable at /_local/mail with clickable links', async () => {
    useEmulatorEnvironment();
    const message: EmailMessage = {
      version: 1,
      id: randomUUID(),
      to: 'ada@example.com',
      template: 'reset-password',
      data: { name: 'Ada <script>', token: 'tok.en' },
    };
    await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: twin().queues.email.url, MessageBody: JSON.stringify(message) }));

    const list = await waitFor(async () => {
      const page = await (await fetch(`${twin().url}/_local/mail`)).text();
      return page.includes('ada@example.com') ? page : undefined;
    }, 15_000);
    expect(list).toContain('Reset your password');

    const href = /href="(\/_local\/mail\/[^"]+)"/.exec(list)?.[1];
    expect(href).toBeDefined();
    const email = await (await fetch(`${twin().url}${href}`)).text();
    expect(email).toContain(`<a href="${twin().url}/api/v1/auth/password/reset?token=tok.en">`);
    expect(email).not.toContain('<script>');
    expect(email).toContain('Ada &lt;script&gt;');
  });
});
