/**
 * Per Lambda bundle: minified size, and the time a fresh Node process takes
 * to import it, beside a bare bundle importing only the same AWS SDK
 * packages (the floor no handler can go under). Bundles are built with the
 * options the CDK uses (infra/bundling.ts), so what is measured is what ships.
 */
import { build, type Metafile } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_EXTERNALS, ESM_REQUIRE_BANNER, LAMBDA_TARGET } from '../../infra/bundling.ts';
import { AREA_NATIVE_MODULES } from '../../infra/area-bindings.ts';
import { AREAS } from '../../shared/http/route-definition.ts';
import { median, round, type Figure } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the project, so the native packages installed beside a real bundle (argon2, sharp) resolve. */
const OUT = `${ROOT}node_modules/.cache/kindred-bench/`;
const FUNCTIONS = [...AREAS, 'email-worker', 'image-worker', 'key-rotation'] as const;
const NATIVE_MODULES = [...new Set([...Object.values(AREA_NATIVE_MODULES).flat(), 'sharp'])];
const IMPORTS = 9;

/** What a bare handler imports from each SDK package the real one uses. */
const SDK_ENTRY_POINTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-s3': 'S3Client',
  '@aws-sdk/client-sqs': 'SQSClient',
  '@aws-sdk/client-sesv2': 'SESv2Client',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
  '@aws-sdk/s3-presigned-post': 'createPresignedPost',
  '@aws-sdk/s3-request-presigner': 'getSignedUrl',
};

/** Packages that only the credential sources Lambda never uses would bring in. */
const UNUSED_CREDENTIAL_CODE = /node_modules\/@aws-sdk\/(credential-provider-(ini|sso|process|web-identity|login)|token-providers|nested-clients)\//;

async function bundle(name: string, entry: { file: string } | { contents: string }): Promise<{ file: string; bytes: number; metafile: Metafile }> {
  const file = `${OUT}${name}/index.mjs`;
  mkdirSync(`${OUT}${name}`, { recursive: true });
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts' } }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: LAMBDA_TARGET,
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    external: [...BUNDLE_EXTERNALS, ...NATIVE_MODULES],
    metafile: true,
    outfile: file,
    logLevel: 'silent',
  });
  return { file, bytes: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!.bytes, metafile: result.metafile };
}

/** Median ms a fresh Node process spends importing the module. */
function importTime(file: string): number {
  const script = 'const t0 = performance.now(); await import(process.env.BUNDLE); process.stdout.write(String(performance.now() - t0));';
  const env = {
    PATH: process.env.PATH,
    BUNDLE: file,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // The configuration a deployed function finds in its environment.
    TABLE_NAME: 'kindred-bench',
    UPLOADS_BUCKET: 'kindred-bench-uploads',
    MEDIA_BUCKET: 'kindred-bench-media',
    EMAIL_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/email',
    IMAGE_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/image',
    API_URL: 'https://api.kindred.example',
    MAIL_FROM: 'Kindred <no-reply@kindred.example>',
    ACCESS_TOKEN_ISSUER: 'https://kindred.example',
    ACCESS_TOKEN_AUDIENCE: 'kindred-api',
    KEYS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:kindred-keys',
  };
  const times = Array.from({ length: IMPORTS }, () => {
    try {
      return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      throw new Error(`importing ${file} failed: ${stderr.split('\n').findLast((line) => /Error/.test(line))?.slice(0, 300) ?? 'see stderr'}`, { cause: error });
    }
  });
  return median(times);
}

const sdkPackagesIn = (metafile: Metafile) =>
  Object.keys(SDK_ENTRY_POINTS).filter((name) => Object.keys(metafile.inputs).some((input) => input.includes(`node_modules/${name}/`)));

export async function measureBundles(): Promise<Figure[]> {
  const section = 'Lambda bundles';
  const figures: Figure[] = [];
  rmSync(OUT, { recursive: true, force: true });
  for (const name of FUNCTIONS) {
    const real = await bundle(name, { file: `${ROOT}functions/${name}/index.ts` });
    const packages = sdkPackagesIn(real.metafile);
    const bare = await bundle(`${name}-bare`, {
      contents: `${packages.map((pkg) => `import { ${SDK_ENTRY_POINTS[pkg]} } from '${pkg}';`).join('\n')}\nexport const handler = async () => [${packages.map((pkg) => SDK_ENTRY_POINTS[pkg]).join(', ')}].length;\n`,
    });
    const leftovers = [...new Set(Object.keys(real.metafile.inputs).filter((input) => UNUSED_CREDENTIAL_CODE.test(input)).map((input) => UNUSED_CREDENTIAL_CODE.exec(input)![1]))];
    const realImport = importTime(real.file);
    const bareImport = importTime(bare.file);
    figures.push({
      section,
      name: `${name}: minified size`,
      value: round(real.bytes / 1024, 0),
      unit: 'KB',
      note: `bare bundle of the same SDK packages ${round(bare.bytes / 1024, 0)} KB (${packages.map((pkg) => pkg.replace('@aws-sdk/', '')).join(', ')})`,
    });
    figures.push({
      section,
      name: `${name}: fresh-process import`,
      value: round(realImport),
      unit: 'ms',
      note: `bare ${round(bareImport)} ms; unused credential providers in bundle: ${leftovers.length === 0 ? 'none' : leftovers.join(', ')}`,
    });
  }
  return figures;
}
