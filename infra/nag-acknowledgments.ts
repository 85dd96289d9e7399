import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag AwsSolutions finding Kindred accepts, as a pattern over the
 * finding id with its reason. Findings are matched where they occur, so a new
 * kind of finding (or a wildcard on something other than these) still fails.
 */
export const ACCEPTED_FINDINGS: ReadonlyArray<{ readonly pattern: RegExp; readonly reason: string; readonly path?: RegExp }> = [
  {
    pattern: /^AwsSolutions-APIG4$/,
    reason:
      'Authorization happens in the functions, from the route table: public routes are public by design; user and admin routes ' +
      'verify the EdDSA access token and that its session still exists, which an API Gateway JWT authorizer cannot check.',
  },
  { pattern: /^AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\]$/, reason: 'Grants a function only CloudWatch Logs writes.' },
  { pattern: /^AwsSolutions-IAM5\[Resource::.*\/index\/\*\]$/, reason: 'The indexes of Kindred’s own table, which cannot be listed one by one in a grant.' },
  { pattern: /^AwsSolutions-IAM5\[Resource::.*Bucket.*\/\*\]$/, reason: 'Objects inside one Kindred bucket; object keys are per person and photo.' },
  // The media-seed deployment (the journal's default pictures): CDK's BucketDeployment function.
  {
    pattern: /^AwsSolutions-IAM5\[Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\*\]$/,
    reason: 'CDK’s BucketDeployment copies the default pictures from the assets bucket into the media bucket with its own bucket grants.',
    path: /\/Custom::CDKBucketDeployment/,
  },
  {
    pattern: /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-(<AWS::AccountId>|\d{12})-(<AWS::Region>|[a-z]{2}(-[a-z]+)+-\d)\/\*\]$/,
    reason: 'The media-seed deployment (journal default pictures) reads its zipped source from the CDK bootstrap assets bucket, whose object keys are content hashes.',
    path: /\/Custom::CDKBucketDeployment/,
  },
  { pattern: /^AwsSolutions-IAM5\[Resource::\*\]$/, reason: 'X-Ray trace writes and secretsmanager:GetRandomPassword have no resource ARNs.' },
  { pattern: /^AwsSolutions-L1$/, reason: 'Node.js 22 is the runtime Kindred targets; moving to a newer one is a deliberate, tested upgrade.' },
  { pattern: /^AwsSolutions-SMG4$/, reason: 'The key secret is rotated every 30 days by KeyRotationSchedule in the API stack.' },
  // The delivery pipeline (only synthesized with the repository context): what CDK Pipelines itself grants.
  {
    pattern: /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:(codebuild|logs):(<AWS::Region>|[a-z0-9-]+):<AWS::AccountId>:(report-group\/|log-group:\/aws\/codebuild\/).*\]$/,
    reason: 'CodeBuild report groups and log groups of the pipeline’s own build projects, named after them.',
    path: /^Kindred-Pipeline\//,
  },
  {
    pattern: /^AwsSolutions-IAM5\[Resource::arn:\*:iam::<AWS::AccountId>:role\/\*\]$/,
    reason: 'The self-mutation step assumes the CDK bootstrap roles (cdk-hnb659fds-*) to deploy the pipeline itself.',
    path: /^Kindred-Pipeline\//,
  },
  {
    pattern: /^AwsSolutions-IAM5\[Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\*\]$/,
    reason: 'CDK Pipelines’ grants on the pipeline’s own artifact bucket (read and write build artifacts).',
    path: /^Kindred-Pipeline\//,
  },
  {
    pattern: /^AwsSolutions-IAM5\[Action::kms:(GenerateDataKey|ReEncrypt)\*\]$/,
    reason: 'CDK’s grant on the pipeline’s own artifact key (encrypt and re-encrypt artifacts with it).',
    path: /^Kindred-Pipeline\//,
  },
  {
    pattern: /^AwsSolutions-S1$/,
    reason: 'The pipeline’s artifact bucket: KMS-encrypted, private, written and read only by the pipeline’s roles; CloudTrail records access.',
    path: /^Kindred-Pipeline\/Pipeline\/Pipeline\/ArtifactsBucket/,
  },
];

function findConstruct(root: IConstruct, path: string): IConstruct | undefined {
  return root.node.findAll().find((construct) => construct.node.path === path);
}

/**
 * Synthesizes the app with the AwsSolutions checks enforced. A first pass
 * resolves cross-stack references (finding ids name them), accepted findings
 * are then acknowledged where they occur, and the final synth fails on any
 * other. Returns the acknowledged finding ids, for the tests.
 */
export function synthWithNagChecks(app: App): { acknowledged: string[] } {
  app.synth();
  const report = new AwsSolutionsChecks().validateScope(app);
  const acknowledged: string[] = [];
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      const accepted = ACCEPTED_FINDINGS.find((finding) => finding.pattern.test(violation.ruleName) && (!finding.path || finding.path.test(resource.constructPath ?? '')));
      if (!accepted) continue;
      const construct = resource.constructPath ? findConstruct(app, resource.constructPath) : undefined;
      if (!construct) continue;
      Validations.of(construct).acknowledge({ id: `AwsSolutions::${violation.ruleName}`, reason: accepted.reason });
      acknowledged.push(violation.ruleName);
    }
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth({ force: true });
  return { acknowledged };
}
