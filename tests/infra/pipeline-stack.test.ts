import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { KindredStage } from '../../infra/kindred-stage.ts';
import { cdkJsonContext } from '../support/synth.ts';

const CONTEXT = {
  repository: 'kindred-team/kindred',
  branch: 'main',
  connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0b7e4c1a-9d2f-4e83-8a56-3c1d2e4f5a6b',
  'prod:mailFrom': 'no-reply@kindred.example',
  'prod:appUrl': 'https://app.kindred.example',
  'prod:corsAllowOrigins': 'https://app.kindred.example',
};

function synth(context: Record<string, string>) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'kindred-pipeline-')), context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] } });
  return { app, built: buildApp(app) };
}

interface PipelineStage { Name: string; Actions: Array<{ Name: string; RunOrder?: number; ActionTypeId: { Category: string }; Configuration?: Record<string, unknown> }> }

let pipeline: Template;
let stages: PipelineStage[];
let kindredStages: KindredStage[];

beforeAll(() => {
  const { app, built } = synth(CONTEXT);
  pipeline = Template.fromStack(built.pipeline!);
  const resource = Object.values(pipeline.findResources('AWS::CodePipeline::Pipeline'))[0] as { Properties: { Stages: PipelineStage[] } };
  stages = resource.Properties.Stages;
  kindredStages = app.node.findAll().filter((construct): construct is KindredStage => construct instanceof KindredStage);
}, 120_000);

describe('the delivery pipeline', () => {
  it('is not synthesized without the repository context', () => {
    const { app, built } = synth({});
    expect(built.pipeline).toBeUndefined();
    expect(app.node.findAll().some((construct) => construct.node.id === 'Kindred-Pipeline')).toBe(false);
  });

  it('refuses half a repository context', () => {
    expect(() => synth({ repository: 'kindred-team/kindred' })).toThrow(/connectionArn/);
  });

  it('builds from the connection and runs typecheck, lint and the tests before synth', () => {
    expect(stages.map((stage) => stage.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'Kindred-dev', 'Kindred-staging', 'Kindred-prod']);
    expect(stages[0]!.Actions[0]!.Configuration).toMatchObject({ FullRepositoryId: 'kindred-team/kindred', BranchName: 'main', ConnectionArn: CONTEXT.connectionArn });
    const projects = pipeline.findResources('AWS::CodeBuild::Project');
    const buildSpecs = Object.values(projects).map((project) => String((project as { Properties: { Source: { BuildSpec?: string } } }).Properties.Source.BuildSpec ?? ''));
    const build = buildSpecs.find((spec) => spec.includes('npm run typecheck'))!;
    const order = ['npm ci', 'npm run typecheck', 'npm run lint', 'npm test', 'npx cdk synth'].map((command) => build.indexOf(command));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(build).toContain('corretto21');
  });

  it('deploys dev, staging and prod in order, asks for approval before prod, and smoke-tests each stage against its own API', () => {
    for (const name of ['Kindred-dev', 'Kindred-staging', 'Kindred-prod']) {
      const stage = stages.find((candidate) => candidate.Name === name)!;
      const smoke = stage.Actions.find((action) => action.Name === 'SmokeTest')!;
      const deploys = stage.Actions.filter((action) => action.ActionTypeId.Category === 'Deploy');
      expect(deploys.length).toBeGreaterThanOrEqual(2);
      expect(smoke.RunOrder).toBeGreaterThan(Math.max(...deploys.map((action) => action.RunOrder ?? 1)));
      expect(JSON.stringify(smoke.Configuration)).toContain('API_URL');
      // Its API_URL is the `ApiUrl` output of this stage's own API stack.
      expect(JSON.stringify(smoke.Configuration)).toMatch(new RegExp(`#\\{KindredPipeline${name.replace('-', '')}Api\\w*\\.ApiUrl\\}`));
      const approval = stage.Actions.find((action) => action.ActionTypeId.Category === 'Approval');
      if (name === 'Kindred-prod') expect(approval!.RunOrder).toBeLessThan(Math.min(...deploys.map((action) => action.RunOrder ?? 1)));
      else expect(approval).toBeUndefined();
    }
    const smokeSpec = Object.values(pipeline.findResources('AWS::CodeBuild::Project'))
      .map((project) => String((project as { Properties: { Source: { BuildSpec?: string } } }).Properties.Source.BuildSpec ?? ''))
      .find((spec) => spec.includes('npm run smoke'));
    expect(smokeSpec).toContain('npm run smoke -- --url \\"$API_URL\\"');
  });

  it('keeps the data of staging and prod, and not of dev, with each stage\u2019s own settings', () => {
    const byName = Object.fromEntries(kindredStages.map((stage) => [stage.stageName, stage]));
    for (const [name, policy] of [['Kindred-dev', 'Delete'], ['Kindred-staging', 'Retain'], ['Kindred-prod', 'Retain']] as const) {
      Template.fromStack(byName[name]!.data).hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: policy, UpdateReplacePolicy: policy });
    }
    const prodApi = Template.fromStack(byName['Kindred-prod']!.compute);
    prodApi.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MAIL_FROM: 'no-reply@kindred.example', APP_URL: 'https://app.kindred.example' }) } });
  });
});
