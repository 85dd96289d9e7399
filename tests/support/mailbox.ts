import { readOutbox } from '../../infra/local/outbox-pages.ts';
import type { OutboxEntry } from '../../shared/email/senders.ts';
import { waitFor } from './wait.ts';

/** Waits for the `count`-th email to `to` (optionally with a subject containing `subject`) to land in the outbox. */
export async function waitForEmail(outbox: string, to: string, options: { subject?: string; count?: number } = {}): Promise<OutboxEntry> {
  const count = options.count ?? 1;
  return waitFor(async () => {
    const matching = (await readOutbox(outbox))
      .filter((entry) => entry.to === to && (!options.subject || entry.subject.includes(options.subject)))
      .reverse(); // oldest first
    return matching.length >= count ? matching[count - 1] : undefined;
  }, 15_000);
}

export async function emailsTo(outbox: string, to: string): Promise<OutboxEntry[]> {
  return (await readOutbox(outbox)).filter((entry) => entry.to === to);
}

/** The link in an email's text (the first http URL). */
export function linkIn(email: OutboxEntry): URL {
  const url = /https?:\/\/\S+/.exec(email.text)?.[0];
  if (!url) throw new Error(`no link in email "${email.subject}"`);
  return new URL(url);
}
