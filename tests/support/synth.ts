import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/app.ts';

export interface SynthesizedKindred {
  readonly data: Template;
  readonly api: Template;
  readonly outdir: string;
}

/**
 * Synthesizes the Kindred app with the given context. Bundling the functions
 * (esbuild) is skipped unless asked for: most assertions are about the
 * templates, and `cdk synth` in CI bundles for real.
 */
export function synthesize(context: Record<string, string> = {}, options: { bundle?: boolean } = {}): SynthesizedKindred {
  const outdir = mkdtempSync(join(tmpdir(), 'kindred-cdk-'));
  const app = new App({
    outdir,
    context: { ...context, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const { data, compute } = buildApp(app);
  return { data: Template.fromStack(data), api: Template.fromStack(compute), outdir };
}
