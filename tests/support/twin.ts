import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { localAwsEnvironment, type EmulatorEndpoints } from '../../infra/local/local-aws.ts';
import { startTwin, type RunningTwin } from '../../infra/local/twin.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

export function emulatorEndpoints(): EmulatorEndpoints {
  return inject('emulators');
}

/** A resource prefix no other test file uses. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** Points the AWS SDK in this process at the shared emulators. */
export function useEmulatorEnvironment(): EmulatorEndpoints {
  const endpoints = emulatorEndpoints();
  Object.assign(process.env, localAwsEnvironment(endpoints));
  return endpoints;
}

export interface TestTwinOptions {
  readonly visibilityTimeoutSeconds?: number;
  readonly environment?: Record<string, string>;
}

/**
 * Starts a twin on a free port, with its own resources, for the test file.
 * Read `twin()` inside tests; it is set once `beforeAll` has run.
 */
export function useTwin(
  label: string,
  options: TestTwinOptions & {
    /** Where the twin reaches the emulators, read when it starts (for example through a fault proxy). */
    endpoints?: () => EmulatorEndpoints;
  } = {},
): () => RunningTwin {
  let running: RunningTwin | undefined;
  const { endpoints = emulatorEndpoints, ...twinOptions } = options;
  beforeAll(async () => {
    running = await startTwin({
      endpoints: endpoints(),
      port: 0,
      prefix: uniquePrefix(label),
      stateDirectory: mkdtempSync(join(tmpdir(), 'kindred-test-')),
      ...twinOptions,
    });
  });
  afterAll(async () => {
    await running?.stop();
  });
  return () => {
    if (!running) throw new Error('The twin is not running yet: use it inside a test or hook.');
    return running;
  };
}

/**
 * A twin that reaches one emulator through a fault proxy (see fault-proxy.ts),
 * healed after every test. Checks made straight against the emulator still
 * see the truth.
 */
export function useTwinWithFaults(
  label: string,
  service: keyof EmulatorEndpoints,
  options: TestTwinOptions = {},
): { twin: () => RunningTwin; proxy: () => FaultProxy } {
  let proxy: FaultProxy | undefined;
  const running = () => {
    if (!proxy) throw new Error('The fault proxy is not running yet: use it inside a test or hook.');
    return proxy;
  };
  beforeAll(async () => {
    proxy = await startFaultProxy(emulatorEndpoints()[service]);
  });
  afterAll(async () => {
    await proxy?.stop();
  });
  afterEach(() => proxy?.heal());
  const twin = useTwin(label, { ...options, endpoints: () => ({ ...emulatorEndpoints(), [service]: running().url }) });
  return { twin, proxy: running };
}
