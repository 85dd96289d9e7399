import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { SesEmailSender } from '../../shared/email/senders.ts';
import { renderEmail } from '../../shared/email/templates.ts';

/** SES cannot run here: a stand-in client records the command the sender would send. */
function recordingClient() {
  const sent: SendEmailCommand[] = [];
  const client = { send: async (command: SendEmailCommand) => void sent.push(command) } as unknown as SESv2Client;
  return { client, sent };
}

describe('the SES sender', () => {
  it('sends as the configured identity, in UTF-8, with both text and HTML bodies', async () => {
    const { client, sent } = recordingClient();
    const email = renderEmail({ version: 1, id: '6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a01', to: 'zoë@example.com', template: 'password-changed', data: { name: 'Zoë' } }, { apiUrl: 'https://api.example.com' });
    await new SesEmailSender(client, 'Kindred <no-reply@example.com>', 'kindred-events').send(email);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(SendEmailCommand);
    expect(sent[0]!.input).toMatchObject({
      FromEmailAddress: 'Kindred <no-reply@example.com>',
      Destination: { ToAddresses: ['zoë@example.com'] },
      ConfigurationSetName: 'kindred-events',
      Content: {
        Simple: {
          Subject: { Data: 'Your password was changed', Charset: 'UTF-8' },
          Body: { Text: { Data: expect.stringContaining('Hi Zoë,'), Charset: 'UTF-8' }, Html: { Data: expect.stringContaining('<p>Hi Zoë,</p>'), Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('lets an SES failure (throttling) propagate, so the message is retried', async () => {
    const throttled = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
    const client = { send: async () => Promise.reject(throttled) } as unknown as SESv2Client;
    const email = renderEmail({ version: 1, id: '6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a02', to: 'a@example.com', template: 'signup-attempt', data: { name: 'A' } }, { apiUrl: 'https://x' });
    await expect(new SesEmailSender(client, 'no-reply@example.com').send(email)).rejects.toBe(throttled);
  });
});

describe('links in emails', () => {
  const message = (template: 'confirm-email' | 'change-email') => ({ version: 1 as const, id: '6f1c1c3e-2a44-4b8e-9a43-0d3c1f7b9a03', to: 'a@example.com', template, data: { token: 'tok.en/+=' } });

  it('lead to the API\u2019s own link pages when no app serves them', () => {
    const email = renderEmail(message('confirm-email'), { apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/' });
    expect(email.text).toContain('https://abc.execute-api.eu-west-1.amazonaws.com/api/v1/auth/confirm?token=tok.en%2F%2B%3D');
  });

  it('lead to the app\u2019s routes when the app serves them, never to an API path under the app\u2019s origin', () => {
    for (const [template, path] of [['confirm-email', '/confirm-email'], ['change-email', '/confirm-email-change']] as const) {
      const email = renderEmail(message(template), { apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com', appUrl: 'https://app.example.com' });
      expect(email.text).toContain(`https://app.example.com${path}?token=tok.en%2F%2B%3D`);
      expect(email.html).not.toContain('app.example.com/api/');
    }
  });
});
