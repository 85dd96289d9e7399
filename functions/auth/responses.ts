import type { RouteResult } from '../../shared/http/api-handler.ts';
import { LINK_PAGE_CONTENT_SECURITY_POLICY } from '../../shared/pages/link-action-page.ts';

export const linkPage = (html: string): RouteResult => ({
  status: 200,
  raw: { contentType: 'text/html; charset=utf-8', data: html },
  headers: { 'content-security-policy': LINK_PAGE_CONTENT_SECURITY_POLICY, 'referrer-policy': 'no-referrer' },
});
