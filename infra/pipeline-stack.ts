import { Stack, type StackProps } from 'aws-cdk-lib';
import { BuildSpec, LinuxBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { PipelineType } from 'aws-cdk-lib/aws-codepipeline';
import { CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep, type IFileSetProducer } from 'aws-cdk-lib/pipelines';
import type { Construct, Node } from 'constructs';
import { KindredStage } from './kindred-stage.ts';
import { stageSettingsFrom } from './stage.ts';

/** The pipeline's own context: `-c repository=owner/name -c branch=main -c connectionArn=arn:...`. */
export interface PipelineSettings {
  readonly repository: string;
  readonly branch: string;
  readonly connectionArn: string;
}

/** The deploy stages, in order. Staging and prod keep their data; dev is disposable. */
export const PIPELINE_STAGES = [
  { name: 'dev', retain: false, approval: false },
  { name: 'staging', retain: true, approval: false },
  { name: 'prod', retain: true, approval: true },
] as const;

/** Per-stage context keys a stage may set for itself: `-c prod:mailFrom=...` beats `-c mailFrom=...`. */
const STAGE_KEYS = ['mailFrom', 'sesIdentity', 'appUrl', 'alarmEmail', 'corsAllowOrigins', 'throttleRateLimit', 'throttleBurstLimit', 'account', 'region'];

function contextText(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** The pipeline settings if the repository context is given (all three together), else undefined: no pipeline. */
export function readPipelineSettings(node: Node): PipelineSettings | undefined {
  const repository = contextText(node, 'repository');
  const branch = contextText(node, 'branch') ?? 'main';
  const connectionArn = contextText(node, 'connectionArn');
  if (!repository && !connectionArn) return undefined;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error('Context "repository" must be owner/name.');
  if (!connectionArn || !connectionArn.startsWith('arn:')) throw new Error('Context "connectionArn" must be the ARN of a CodeConnections connection.');
  if (!/^[\w./-]+$/.test(branch)) throw new Error('Context "branch" must be a branch name.');
  return { repository, branch, connectionArn };
}

/**
 * The delivery pipeline (CDK Pipelines, self-updating): the repository's
 * branch is built and tested exactly as CI does, then deployed to dev,
 * staging and (after a manual approval) prod, each stage smoke-tested
 * against its own API before the next one starts.
 */
export class PipelineStack extends Stack {
  readonly pipeline: CodePipeline;

  constructor(scope: Construct, id: string, props: StackProps & { settings: PipelineSettings }) {
    super(scope, id, props);
    const { repository, branch, connectionArn } = props.settings;
    const source = CodePipelineSource.connection(repository, branch, { connectionArn });
    const context = `-c repository=${repository} -c branch=${branch} -c connectionArn=${connectionArn}`;

    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'kindred',
      selfMutation: true,
      // A KMS key for the artifacts (and the build projects): needed across accounts, and at rest in any case.
      crossAccountKeys: true,
      enableKeyRotation: true,
      pipelineType: PipelineType.V2,
      codeBuildDefaults: {
        buildEnvironment: { buildImage: LinuxBuildImage.STANDARD_7_0 },
        partialBuildSpec: BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: 22, java: 'corretto21' } } } }),
      },
      synth: new ShellStep('BuildTestSynth', {
        input: source,
        // What CI runs, in the same order: a red typecheck, lint or test stops the pipeline before anything deploys.
        commands: ['npm ci', 'npm run typecheck', 'npm run lint', 'npm test', `npx cdk synth -q ${context}`],
        // CodeBuild's standard image ships Google Chrome; the API reference page's browser test drives it.
        env: { CHROMIUM_PATH: '/usr/bin/google-chrome' },
        primaryOutputDirectory: 'cdk.out',
      }),
    });

    for (const stage of PIPELINE_STAGES) {
      const value = (key: string) => contextText(this.node, `${stage.name}:${key}`) ?? (key === 'account' || key === 'region' ? undefined : contextText(this.node, key));
      const settings = stageSettingsFrom((key) => (key === 'stage' ? stage.name : key === 'disposable' ? String(!stage.retain) : STAGE_KEYS.includes(key) ? value(key) : undefined));
      const account = value('account');
      const region = value('region');
      const deployment = new KindredStage(this, `Kindred-${stage.name}`, {
        settings,
        ...(account || region ? { env: { ...(account ? { account } : {}), ...(region ? { region } : {}) } } : {}),
      });
      this.pipeline.addStage(deployment, {
        ...(stage.approval ? { pre: [new ManualApprovalStep('PromoteToProd', { comment: 'Staging passed its smoke test. Promote this commit to production?' })] } : {}),
        post: [smokeTest(source, deployment)],
      });
    }
  }
}

/** `npm run smoke` against the stage's own API URL: a failure fails the stage. */
function smokeTest(source: IFileSetProducer, deployment: KindredStage): ShellStep {
  return new ShellStep('SmokeTest', {
    input: source,
    envFromCfnOutputs: { API_URL: deployment.compute.apiUrlOutput },
    commands: ['npm ci', 'npm run smoke -- --url "$API_URL"'],
  });
}
