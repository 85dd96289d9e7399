import { linkFor, type EmailLinks, type LinkAction } from './email-links.ts';
import type { EmailMessage } from './email-message.ts';

export interface RenderedEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

interface Content {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

function layout(to: string, content: Content): RenderedEmail {
  const text = [...content.paragraphs, ...(content.action ? [`${content.action.label}: ${content.action.url}`] : [])].join('\n\n');
  const body = content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  const action = content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;background:#3b5bdb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="color:#666;font-size:13px">Or paste this address into your browser: ${escapeHtml(content.action.url)}</p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:560px">
${body}
${action}
</body></html>`;
  return { to, subject: content.subject, text, html };
}

/** Renders a queued message into the email a person receives; links lead where `links` says (see email-links.ts). */
export function renderEmail(message: EmailMessage, links: EmailLinks): RenderedEmail {
  const link = (action: LinkAction, token: string) => linkFor(action, token, links);
  const greeting = 'name' in message.data ? `Hi ${message.data.name},` : 'Hello,';
  switch (message.template) {
    case 'confirm-email':
      return layout(message.to, {
        subject: 'Confirm your email address',
        paragraphs: [
          greeting,
          'Please confirm that this is your email address. The link is valid for 24 hours.',
          'If you did not sign up, ignore this email: nothing happens until the address is confirmed.',
        ],
        action: { label: 'Confirm my email', url: link('confirm-email', message.data.token) },
      });
    case 'signup-attempt':
      return layout(message.to, {
        subject: 'Someone tried to sign up with your email',
        paragraphs: [
          greeting,
          'Someone tried to create a new account with this email address, which already has an account.',
          'If it was you, log in instead, or reset your password if you forgot it. If it was not you, you can ignore this email; your account is unchanged.',
        ],
      });
    case 'reset-password':
      return layout(message.to, {
        subject: 'Reset your password',
        paragraphs: [
          greeting,
          'Someone asked to reset the password of your account. The link below is valid for one hour and works once.',
          'If it was not you, ignore this email: your password stays as it is.',
        ],
        action: { label: 'Choose a new password', url: link('reset-password', message.data.token) },
      });
    case 'invitation':
      return layout(message.to, {
        subject: 'You are invited to Kindred',
        paragraphs: [
          greeting,
          'An administrator created an account for you. Choose a password to start using it; the link is valid for 72 hours and works once.',
        ],
        action: { label: 'Choose my password', url: link('invitation', message.data.token) },
      });
    case 'password-changed':
      return layout(message.to, {
        subject: 'Your password was changed',
        paragraphs: [
          greeting,
          'The password of your account was just changed, and your other sessions were logged out.',
          'If you did not do this, reset your password right away and check your account.',
        ],
      });
    case 'change-email':
      return layout(message.to, {
        subject: 'Confirm your new email address',
        paragraphs: [
          greeting,
          'Confirm that you want to use this address for your account. Until you do, your old address stays your login.',
        ],
        action: { label: 'Use this address', url: link('change-email', message.data.token) },
      });
    case 'new-match':
      return layout(message.to, {
        subject: 'You have a new match on Kindred',
        paragraphs: [greeting, 'Someone you said yes to said yes to you too. Open Kindred to see who it is and say hello.'],
      });
    case 'email-change-notice':
      return layout(message.to, {
        subject: 'Your email address is being changed',
        paragraphs: [
          greeting,
          `Someone asked to change the email address of your account to ${message.data.newEmail}. It changes only once that address is confirmed.`,
          'If this was not you, cancel the change: log in and cancel the pending address in your account settings (or reset your password, which cancels it too). Your account stays on this address until the new one is confirmed.',
        ],
      });
  }
}
