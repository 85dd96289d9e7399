import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,integration,e2e,infra,fuzz}/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Each file runs in its own process with its own resource prefix: no shared state between files.
    pool: 'forks',
    isolate: true,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
