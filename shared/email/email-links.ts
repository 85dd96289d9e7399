/**
 * Where the links in emails lead. Without an app, to the API's own link
 * pages (`GET` shows a form, which POSTs back to the same API: mail scanners
 * that prefetch links consume nothing). With an app (`appUrl`), to the app's
 * own routes, which must read `token` from the query string and call the API
 * (see README, "Links in emails").
 */
export interface EmailLinks {
  /** The API's base URL (no path). */
  readonly apiUrl: string;
  /** The app's base URL, when an app serves the link routes. */
  readonly appUrl?: string;
}

export type LinkAction = 'confirm-email' | 'reset-password' | 'invitation' | 'change-email';

/** The API's link pages, each of which POSTs to the route of the same path. */
export const API_LINK_PATHS: Readonly<Record<LinkAction, string>> = {
  'confirm-email': '/api/v1/auth/confirm',
  'reset-password': '/api/v1/auth/password/reset',
  invitation: '/api/v1/auth/invitation',
  'change-email': '/api/v1/auth/email/confirm',
};

/** The routes an app must serve when `appUrl` is set; each calls the API route of API_LINK_PATHS. */
export const APP_LINK_PATHS: Readonly<Record<LinkAction, string>> = {
  'confirm-email': '/confirm-email',
  'reset-password': '/reset-password',
  invitation: '/accept-invitation',
  'change-email': '/confirm-email-change',
};

export function linkFor(action: LinkAction, token: string, links: EmailLinks): string {
  const [base, path] = links.appUrl ? [links.appUrl, APP_LINK_PATHS[action]] : [links.apiUrl, API_LINK_PATHS[action]];
  return `${base.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
}
