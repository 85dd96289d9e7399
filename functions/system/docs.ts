import { docsAsset, docsPage, DOCS_CONTENT_SECURITY_POLICY, openApiDocument } from '../../shared/docs/api-reference.ts';
import { implement } from '../../shared/http/api-handler.ts';
import { routes } from '../../shared/routes/index.ts';

export const getOpenApiDocument = implement(routes.openApi, async () => ({
  status: 200,
  json: openApiDocument(),
  headers: { 'cache-control': 'public, max-age=300' },
}));

export const getApiReference = implement(routes.docs, async () => ({
  status: 200,
  raw: { contentType: 'text/html; charset=utf-8', data: docsPage() },
  headers: { 'content-security-policy': DOCS_CONTENT_SECURITY_POLICY, 'cache-control': 'public, max-age=300' },
}));

export const getApiReferenceAsset = implement(routes.docsAsset, async ({ params }) => ({
  status: 200,
  raw: docsAsset(params.asset),
  headers: { 'cache-control': 'public, max-age=86400' },
}));
