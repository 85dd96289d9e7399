import { App, Tags } from 'aws-cdk-lib';
import { synthWithNagChecks } from './nag-acknowledgments.ts';
import { PipelineStack, readPipelineSettings } from './pipeline-stack.ts';
import { readStageSettings } from './stage.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/**
 * Builds the Kindred CDK app: data in one stack, compute in another that
 * receives it; and, when the repository context is given, the delivery
 * pipeline that deploys the same two stacks to dev, staging and prod.
 */
export function buildApp(app = new App()): { app: App; data: StatefulStack; compute: StatelessStack; pipeline?: PipelineStack } {
  const settings = readStageSettings(app.node);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new StatefulStack(app, `Kindred-${settings.stage}-Data`, { env, settings });
  const compute = new StatelessStack(app, `Kindred-${settings.stage}-Api`, { env, settings, data });
  Tags.of(data).add('stage', settings.stage);
  Tags.of(compute).add('stage', settings.stage);
  Tags.of(app).add('app', 'kindred');
  const pipelineSettings = readPipelineSettings(app.node);
  const pipeline = pipelineSettings ? new PipelineStack(app, 'Kindred-Pipeline', { env, settings: pipelineSettings }) : undefined;
  return { app, data, compute, ...(pipeline ? { pipeline } : {}) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // cdk-nag's AwsSolutions rules run on every synth: an unaccepted finding fails it.
  synthWithNagChecks(buildApp().app);
}
