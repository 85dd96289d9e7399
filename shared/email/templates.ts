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

/** Renders a queued message into the email a person receives. Links point at `appUrl`. */
export function renderEmail(message: EmailMessage, appUrl: string): RenderedEmail {
  const base = appUrl.replace(/\/+$/, '');
  switch (message.template) {
    case 'confirm-email':
      return layout(message.to, {
        subject: 'Confirm your email address',
        paragraphs: [
          `Hi ${message.data.name},`,
          'Please confirm that this is your email address. The link is valid for 24 hours.',
          "If you did not sign up, ignore this email: nothing happens until the address is confirmed.",
        ],
        action: { label: 'Confirm my email', url: `${base}/api/v1/auth/confirm?token=${encodeURIComponent(message.data.token)}` },
      });
    case 'signup-attempt':
      return layout(message.to, {
        subject: 'Someone tried to sign up with your email',
        paragraphs: [
          `Hi ${message.data.name},`,
          'Someone tried to create a new account with this email address, which already has an account.',
          'If it was you, log in instead, or reset your password if you forgot it. If it was not you, you can ignore this email; your account is unchanged.',
        ],
      });
  }
}
