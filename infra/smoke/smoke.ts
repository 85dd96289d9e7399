/**
 * Smoke-tests a running Kindred: `npm run smoke -- --url https://<api-id>.execute-api.<region>.amazonaws.com [--origin https://app.example.com]`.
 * The pipeline runs it after each stage deploys; it exits non-zero, naming the failed check, when anything is wrong.
 */
import { parseArgs } from 'node:util';
import { runSmokeChecks } from './smoke-checks.ts';

const { values } = parseArgs({ options: { url: { type: 'string' }, origin: { type: 'string' } } });
if (!values.url || !/^https?:\/\//.test(values.url)) {
  console.error('Usage: npm run smoke -- --url <the API base URL> [--origin <an allowed CORS origin>]');
  process.exit(2);
}
const results = await runSmokeChecks({ url: values.url, ...(values.origin ? { origin: values.origin } : {}) });
for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name}: ${result.detail}`);
const failed = results.filter((result) => !result.ok);
console.log(failed.length === 0 ? `smoke: all ${results.length} checks passed against ${values.url}` : `smoke: ${failed.length} of ${results.length} checks failed against ${values.url}`);
process.exit(failed.length === 0 ? 0 : 1);
