import { createHash } from 'node:crypto';
import { escapeHtml } from '../email/templates.ts';

/**
 * The pages emailed links open. A GET only shows the page; the action is a
 * POST the person's click sends, so mail scanners and link previewers that
 * fetch the link consume nothing. The token never enters the HTML: the
 * script reads it from the address bar, so nothing from the URL is echoed.
 */
const SCRIPT = `(() => {
  const form = document.getElementById('action');
  const status = document.getElementById('status');
  const token = new URLSearchParams(location.search).get('token') || '';
  if (!token) { status.textContent = 'This link is incomplete. Open it again from the email.'; form.hidden = true; return; }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { token };
    for (const input of form.querySelectorAll('input[name]')) body[input.name] = input.value;
    form.querySelector('button').disabled = true;
    status.textContent = 'Working...';
    try {
      const response = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.ok) { status.textContent = form.dataset.done; form.hidden = true; return; }
      const problem = await response.json().catch(() => ({}));
      const fields = (problem.errors || []).map((error) => error.message).join(' ');
      status.textContent = [problem.detail || 'Something went wrong.', fields].join(' ').trim();
    } catch {
      status.textContent = 'The server could not be reached. Try again.';
    }
    form.querySelector('button').disabled = false;
  });
})();`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

export const LINK_PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src '${SCRIPT_HASH}'`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export interface LinkActionPage {
  readonly title: string;
  readonly intro: string;
  readonly button: string;
  readonly done: string;
  readonly passwordField?: { name: string; label: string; autocomplete?: 'new-password' | 'current-password' };
}

export function renderLinkActionPage(page: LinkActionPage): string {
  const password = page.passwordField
    ? `<label>${escapeHtml(page.passwordField.label)}<br><input type="password" name="${escapeHtml(page.passwordField.name)}" autocomplete="${page.passwordField.autocomplete ?? 'new-password'}" minlength="8" maxlength="128" required></label>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(page.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
input{width:100%;padding:.5rem;margin:.3rem 0 1rem;box-sizing:border-box}button{padding:.6rem 1.2rem;font-size:1rem}</style></head>
<body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.intro)}</p>
<form id="action" data-done="${escapeHtml(page.done)}">${password}<button type="submit">${escapeHtml(page.button)}</button></form>
<p id="status" role="status"></p>
<script>${SCRIPT}</script></body></html>`;
}
