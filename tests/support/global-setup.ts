import type { TestProject } from 'vitest/node';
import { startEmulators } from '../../infra/local/emulators.ts';
import type { EmulatorEndpoints } from '../../infra/local/local-aws.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: EmulatorEndpoints;
  }
}

/**
 * Starts DynamoDB Local, the local S3 and the local SQS once for the whole
 * run, on free ports. If one cannot start, the run fails here, loudly: no
 * test that needs an emulator is ever skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const emulators = await startEmulators();
  project.provide('emulators', emulators.endpoints);
  return () => emulators.stop();
}
