import { App, Tags } from 'aws-cdk-lib';
import { synthWithNagChecks } from './nag-acknowledgments.ts';
import { readStageSettings } from './stage.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Builds the Kindred CDK app: data in one stack, compute in another that receives it. */
export function buildApp(app = new App()): { app: App; data: StatefulStack; compute: StatelessStack } {
  const settings = readStageSettings(app.node);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new StatefulStack(app, `Kindred-${settings.stage}-Data`, { env, settings });
  const compute = new StatelessStack(app, `Kindred-${settings.stage}-Api`, { env, settings, data });
  Tags.of(app).add('app', 'kindred');
  Tags.of(app).add('stage', settings.stage);
  return { app, data, compute };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // cdk-nag's AwsSolutions rules run on every synth: an unaccepted finding fails it.
  synthWithNagChecks(buildApp().app);
}
