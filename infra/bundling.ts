/**
 * How every Lambda bundle is built, shared by the CDK functions and by the
 * benchmark that measures those bundles, so what is measured is what ships.
 */

export const LAMBDA_TARGET = 'node22';

/** Some dependencies still call require(); an ESM bundle needs one made for it. */
export const ESM_REQUIRE_BANNER = "import{createRequire as __kindredRequire}from'module';const require=__kindredRequire(import.meta.url);";

/**
 * The SDK's default credential chain imports these on demand only when no
 * credentials are in the environment. Lambda always puts the role's
 * credentials there, so they are never reached; left out of the bundles,
 * they take SSO, INI-profile, process and web-identity code (and the STS/SSO
 * clients behind them) out of every cold start.
 */
export const UNUSED_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
] as const;

/**
 * Packages kept out of the bundle. The AWS SDK is bundled (pinned to our
 * lock file, minified, tree-shaken) rather than taken from the runtime, whose
 * version we do not control and which lacks some of the packages we use.
 */
export const BUNDLE_EXTERNALS: readonly string[] = [...UNUSED_CREDENTIAL_PROVIDERS];

/** Native packages the workers install beside their bundles (the image worker decodes with sharp). */
export const WORKER_NATIVE_MODULES: readonly string[] = ['sharp'];
