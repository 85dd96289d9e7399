import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml } from '../../shared/email/templates.ts';
import type { OutboxEntry } from '../../shared/email/senders.ts';

export const OUTBOX_PATH = '/_local/mail';
const FILE_NAME = /^[\w.-]+\.json$/;

/** Every captured email, newest first. */
export async function readOutbox(directory: string): Promise<Array<OutboxEntry & { file: string }>> {
  let files: string[];
  try {
    files = (await readdir(directory)).filter((name) => FILE_NAME.test(name));
  } catch {
    return [];
  }
  files.sort().reverse();
  return Promise.all(
    files.map(async (file) => ({ ...(JSON.parse(await readFile(join(directory, file), 'utf8')) as OutboxEntry), file })),
  );
}

const linkify = (text: string): string =>
  escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;border-radius:6px}</style></head>
<body>${body}</body></html>`;

/** The local mailbox: a list of every email the twin "sent", and each one readable with clickable links. */
export async function renderOutbox(directory: string, file?: string): Promise<{ status: number; html: string }> {
  const entries = await readOutbox(directory);
  if (file === undefined) {
    const rows = entries
      .map(
        (entry) =>
          `<tr><td>${escapeHtml(entry.sentAt)}</td><td>${escapeHtml(entry.to)}</td><td><a href="${OUTBOX_PATH}/${encodeURIComponent(entry.file)}">${escapeHtml(entry.subject)}</a></td></tr>`,
      )
      .join('\n');
    return {
      status: 200,
      html: page(
        'Kindred local mail',
        `<h1>Local mail</h1><p>${entries.length} email(s) captured in <code>${escapeHtml(directory)}</code>. Newest first.</p>
<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`,
      ),
    };
  }
  const entry = entries.find((candidate) => candidate.file === file);
  if (!entry) return { status: 404, html: page('Not found', `<p>No such email. <a href="${OUTBOX_PATH}">Back to the list</a></p>`) };
  return {
    status: 200,
    html: page(
      entry.subject,
      `<p><a href="${OUTBOX_PATH}">&larr; All mail</a></p><h1>${escapeHtml(entry.subject)}</h1>
<p>From ${escapeHtml(entry.from)} to ${escapeHtml(entry.to)}, ${escapeHtml(entry.sentAt)}</p>
<pre>${linkify(entry.text)}</pre>`,
    ),
  };
}
