import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/app.ts';

export interface SynthesizedKindred {
  readonly data: Template;
  readonly api: Template;
  readonly outdir: string;
}

/** The context `cdk synth` starts from (cdk.json), which an App built in a test does not read by itself. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/**
 * Synthesizes the Kindred app with cdk.json's context and the given one on top. Bundling the functions
 * (esbuild) is skipped unless asked for: most assertions are about the
 * templates, and `cdk synth` in CI bundles for real.
 */
export function synthesize(context: Record<string, string> = {}, options: { bundle?: boolean } = {}): SynthesizedKindred {
  const outdir = mkdtempSync(join(tmpdir(), 'kindred-cdk-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), ...context, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const { data, compute } = buildApp(app);
  return { data: Template.fromStack(data), api: Template.fromStack(compute), outdir };
}
