import { Match } from 'aws-cdk-lib/assertions';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../infra/resources.ts';
import { MAX_ATTEMPTS, REQUEST_TIMEOUT_MS } from '../../shared/clients/client-settings.ts';
import { routeKeyOf } from '../../shared/http/route-definition.ts';
import { routeTable } from '../../shared/routes/index.ts';
import { synthesize, type SynthesizedKindred } from '../support/synth.ts';

let stack: SynthesizedKindred;
beforeAll(() => {
  stack = synthesize({}, { bundle: true });
}, 120_000);

const statements = () =>
  Object.values(stack.api.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }>,
  );
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();
/** The statements of one function's role policy, by the function's logical id prefix. */
const statementsOf = (functionId: string) =>
  Object.values(stack.api.findResources('AWS::IAM::Policy'))
    .filter((policy) => String(policy.Properties.Roles[0].Ref).startsWith(`${functionId}ServiceRole`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }>);

describe('the API stack', () => {
  it('routes every route of the table, plus $default for problem+json 404/405', () => {
    const routeKeys = Object.values(stack.api.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual([...routeTable.map(routeKeyOf), '$default'].sort());
  });

  it('runs every function on Node.js 22, arm64, with tracing and JSON logs', () => {
    const functions = Object.values(stack.api.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Handler === 'index.handler',
    );
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: expect.objectContaining({ LogFormat: 'JSON' }),
      });
    }
  });

  it('feeds each worker from its queue with partial batch failures', () => {
    for (const definition of Object.values(QUEUES)) {
      stack.api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: definition.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
    stack.api.resourceCountIs('AWS::Lambda::EventSourceMapping', Object.keys(QUEUES).length);
  });

  it('caps how many workers each queue invokes at once, never above the worker’s reserved concurrency', () => {
    const functions = stack.api.findResources('AWS::Lambda::Function');
    const mappings = Object.values(stack.api.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(Object.keys(QUEUES).length);
    for (const mapping of mappings) {
      const maximum = mapping.Properties.ScalingConfig?.MaximumConcurrency as number | undefined;
      expect(maximum).toBeGreaterThanOrEqual(2);
      const worker = functions[String(mapping.Properties.FunctionName.Ref)]!;
      const reserved = worker.Properties.ReservedConcurrentExecutions as number | undefined;
      if (reserved !== undefined) expect(maximum).toBeLessThanOrEqual(reserved);
    }
    for (const definition of Object.values(QUEUES)) {
      stack.api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: definition.batchSize,
        ScalingConfig: { MaximumConcurrency: definition.workerConcurrency },
      });
    }
  });

  it('sizes the image worker for a 10 MB photo and caps its concurrency', () => {
    stack.api.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Processes photos uploaded to the uploads bucket',
      MemorySize: 1536,
      Timeout: 60,
      ReservedConcurrentExecutions: 5,
    });
  });

  it('times each worker out well within its queue’s visibility timeout', () => {
    for (const definition of Object.values(QUEUES)) {
      stack.api.hasResourceProperties('AWS::Lambda::Function', { Timeout: definition.workerTimeoutSeconds, MemorySize: definition.workerMemoryMb });
      expect(definition.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * definition.workerTimeoutSeconds);
    }
  });

  it('gives every function time for an AWS call to exhaust its attempts and still answer (503, not a Lambda timeout)', () => {
    // The request timeout covers connecting too; the SDK's backoff between three attempts stays under a second.
    const worstCallMs = MAX_ATTEMPTS * REQUEST_TIMEOUT_MS + 1_000;
    const functions = Object.values(stack.api.findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.Handler === 'index.handler');
    for (const fn of functions) expect(fn.Properties.Timeout * 1000, String(fn.Properties.Description)).toBeGreaterThan(worstCallMs);
  });

  it('alarms on API 5xx and on every function’s errors and throttles, to the alarm topic', () => {
    const alarms = Object.values(stack.api.findResources('AWS::CloudWatch::Alarm'));
    const functions = Object.values(stack.api.findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.Handler === 'index.handler');
    expect(alarms.filter((alarm) => alarm.Properties.MetricName === 'Errors')).toHaveLength(functions.length);
    expect(alarms.filter((alarm) => alarm.Properties.MetricName === 'Throttles')).toHaveLength(functions.length);
    expect(alarms.filter((alarm) => alarm.Properties.MetricName === '5xx')).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });

  it('keeps logs for a month', () => {
    for (const group of Object.values(stack.api.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });

  it('grants no wildcard action, not even a partial one like s3:List*, and a wildcard resource only to actions that have no resource ARNs', () => {
    // X-Ray tracing, and the random-password call CDK grants every rotation function.
    const unscopable = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'secretsmanager:GetRandomPassword']);
    const allowed = statements().filter((statement) => statement.Effect === 'Allow');
    expect(allowed.length).toBeGreaterThan(0);
    for (const statement of allowed) {
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
      if (statement.Resource === '*') expect(actionsOf(statement).filter((action) => !unscopable.has(action))).toEqual([]);
    }
  });

  it('grants dynamodb:Scan to no function', () => {
    const granted = statements()
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap(actionsOf);
    expect(granted).toContain('dynamodb:Query');
    expect(granted).not.toContain('dynamodb:Scan');
  });

  it('gives each worker only the DynamoDB actions it calls, on the partitions it owns', () => {
    const expected: Record<string, { actions: string[]; partitionKeys: string[] }> = {
      EmailWorkerFunction: { actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], partitionKeys: ['DELIVERY#email#*'] },
      ImageWorkerFunction: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], partitionKeys: ['USER#*'] },
      KeyRotationFunction: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], partitionKeys: ['KEYS'] },
    };
    for (const [worker, { actions, partitionKeys }] of Object.entries(expected)) {
      const dynamo = statementsOf(worker).filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
      expect(dynamo, worker).toHaveLength(1);
      expect(actionsOf(dynamo[0]!).sort(), worker).toEqual(actions);
      expect(dynamo[0]!.Condition, worker).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitionKeys } });
      expect(JSON.stringify(dynamo[0]!.Resource), worker).not.toContain('/index/');
    }
  });

  it('forbids every API function to write the published signing keys, which only key rotation writes', () => {
    for (const area of ['Auth', 'Account', 'Admin', 'Photos', 'Health']) {
      const denials = statementsOf(`${area}Function`).filter((statement) => statement.Effect === 'Deny');
      expect(denials, area).toEqual([
        expect.objectContaining({
          Action: expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
          Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['KEYS'] } },
        }),
      ]);
    }
  });

  it('lets only the auth, account and admin functions and the rotation function read the signing keys', () => {
    const readers = Object.values(stack.api.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        (policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).some((statement) =>
          actionsOf(statement).includes('secretsmanager:GetSecretValue'),
        ),
      )
      .map((policy) => String(policy.Properties.Roles[0].Ref));
    expect(readers.sort()).toEqual([
      expect.stringMatching(/^AccountFunction/),
      expect.stringMatching(/^AdminFunction/),
      expect.stringMatching(/^AuthFunction/),
      expect.stringMatching(/^KeyRotationFunction/),
    ]);
  });

  it('lets the email worker send only as the configured sender, through the configuration set', () => {
    const ses = statements().filter((statement) => actionsOf(statement).includes('ses:SendEmail'));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(':identity/example.com');
    expect(resources).toMatch(/:configuration-set\/","?\{"Ref":"MailConfigurationSet/);
  });

  it('sends every email with a configuration set that publishes reputation metrics and suppresses bounces and complaints', () => {
    stack.api.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    stack.api.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: Match.arrayEquals(['BOUNCE', 'COMPLAINT']) },
    });
    const [configurationSetId] = Object.keys(stack.api.findResources('AWS::SES::ConfigurationSet'));
    stack.api.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Renders queued emails and sends them with SES',
      Environment: { Variables: Match.objectLike({ EMAIL_TRANSPORT: 'ses', SES_CONFIGURATION_SET: { Ref: configurationSetId } }) },
    });
  });

  it('publishes bounce and complaint events to the mail feedback topic', () => {
    const [topicId] = Object.keys(stack.api.findResources('AWS::SNS::Topic'));
    expect(topicId).toMatch(/^MailFeedbackTopic/);
    stack.api.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']),
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
  });

  it('alarms, to the alarm topic, before the SES bounce or complaint rate reaches the level SES reviews accounts at', () => {
    const alarms = Object.values(stack.api.findResources('AWS::CloudWatch::Alarm')).filter((alarm) => alarm.Properties.Namespace === 'AWS/SES');
    const byMetric = Object.fromEntries(alarms.map((alarm) => [alarm.Properties.MetricName, alarm.Properties]));
    expect(Object.keys(byMetric).sort()).toEqual(['Reputation.BounceRate', 'Reputation.ComplaintRate']);
    expect(byMetric['Reputation.BounceRate'].Threshold).toBeLessThan(0.05);
    expect(byMetric['Reputation.ComplaintRate'].Threshold).toBeLessThan(0.001);
    for (const alarm of alarms) {
      expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
  });

  it('writes API access logs without query strings (email links carry tokens there)', () => {
    const stage = Object.values(stack.api.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const format = String(stage.Properties.AccessLogSettings.Format);
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(format).not.toMatch(/querystring|path|requestBody/i);
  });

  it('gives the API stage throttling limits from context', () => {
    stack.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('bundles the reference page assets with the system function, so /docs works offline in AWS', () => {
    const system = Object.values(stack.api.findResources('AWS::Lambda::Function')).find((fn) =>
      String(fn.Properties.Description).includes('system'),
    );
    const assetHash = /^([0-9a-f]{64})\.zip$/.exec(String(system?.Properties.Code.S3Key))?.[1];
    expect(assetHash).toBeDefined();
    const assetDirectory = `asset.${assetHash}`;
    for (const file of ['index.mjs', 'swagger-ui-bundle.js', 'swagger-ui.css']) {
      expect(existsSync(join(stack.outdir, assetDirectory, file)), file).toBe(true);
    }
  });
});
