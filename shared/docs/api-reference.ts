import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../http/openapi.ts';
import { routeTable } from '../routes/index.ts';
import type { DOCS_ASSETS } from '../routes/system.ts';

export const API_TITLE = 'Kindred API';
export const API_VERSION = '1.0.0';

export type DocsAsset = (typeof DOCS_ASSETS)[number];

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The OpenAPI document, built from the route table once per process. */
export function openApiDocument(): ReturnType<typeof buildOpenApiDocument> {
  document ??= buildOpenApiDocument(routeTable, {
    title: API_TITLE,
    version: API_VERSION,
    description:
      'Kindred: sign-up, email confirmation, login and sessions, profiles and photos for people-centric apps. ' +
      'Every error is `application/problem+json` (RFC 9457) with a stable `code`.',
  });
  return document;
}

/** The reference page's CSP: its own scripts and styles only, and API calls to this origin. */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets inline style attributes on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function docsPage(): string {
  // Relative URLs keep the page working under any stage prefix or custom domain.
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${API_TITLE} reference</title>
  <link rel="stylesheet" href="docs/assets/swagger-ui.css">
</head>
<body>
  <noscript>This page needs JavaScript. The raw description is at <a href="openapi.json">openapi.json</a>.</noscript>
  <div id="reference"></div>
  <script src="docs/assets/swagger-ui-bundle.js"></script>
  <script src="docs/assets/docs-init.js"></script>
</body>
</html>
`;
}

const DOCS_INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#reference', deepLinking: true, tryItOutEnabled: false });
});
`;

const ASSET_CONTENT_TYPES: Readonly<Record<DocsAsset, string>> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'docs-init.js': 'text/javascript; charset=utf-8',
};

const assetCache = new Map<DocsAsset, string>();

/**
 * Reads a Swagger UI asset. In a Lambda bundle the files sit next to the
 * handler (copied at bundling time); locally they come from node_modules.
 * Nothing is fetched from a CDN, so the page works offline.
 */
export function docsAsset(name: DocsAsset): { contentType: string; data: string } {
  let data = assetCache.get(name);
  if (data === undefined) {
    data = name === 'docs-init.js' ? DOCS_INIT_SCRIPT : readFileSync(locateAsset(name), 'utf8');
    assetCache.set(name, data);
  }
  return { contentType: ASSET_CONTENT_TYPES[name], data };
}

function locateAsset(name: string): string {
  const bundled = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  return createRequire(import.meta.url).resolve(`swagger-ui-dist/${name}`);
}
