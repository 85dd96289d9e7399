import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CorsHttpMethod, HttpApi, HttpMethod, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RotationSchedule } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ACCESS_TOKEN_AUDIENCE } from '../shared/auth/access-token.ts';
import { userPartition } from '../shared/accounts/table-keys.ts';
import { JWKS_PARTITION_KEY } from '../shared/auth/jwks-store.ts';
import { corsPolicy } from '../shared/http/cors-policy.ts';
import { AREAS, type Area } from '../shared/http/route-definition.ts';
import { deliveryPartition } from '../shared/queue/delivery-ledger.ts';
import { routeTable } from '../shared/routes/index.ts';
import { AREA_ASSETS, AREA_BINDINGS, AREA_NATIVE_MODULES } from './area-bindings.ts';
import { WORKER_NATIVE_MODULES } from './bundling.ts';
import { KindredFunction } from './constructs/kindred-function.ts';
import { QUEUES, type QueueDefinition } from './resources.ts';
import type { StageSettings } from './stage.ts';
import type { StatefulStack } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly settings: StageSettings;
  readonly data: StatefulStack;
}

const pascal = (name: string): string => name.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());

/** The HTTP API, one function per area, and the queue workers. Holds no data; safe to replace. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly areaFunctions: Record<Area, KindredFunction>;
  /** The API's base URL, for the pipeline's smoke test after this stage deploys. */
  readonly apiUrlOutput: CfnOutput;
  /** SES bounce and complaint events of every email Kindred sends. */
  readonly mailFeedbackTopic: Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings, data } = props;
    const cors = corsPolicy(settings.corsAllowOrigins);
    // Logs are evidence (who signed in, what failed): a retained deployment keeps them when a function or the stack goes.
    const logRemovalPolicy = settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.areaFunctions = {} as Record<Area, KindredFunction>;
    const integrations = {} as Record<Area, HttpLambdaIntegration>;
    for (const area of AREAS) {
      const fn = new KindredFunction(this, `${pascal(area)}Function`, {
        name: area,
        description: `Kindred API: ${area} routes`,
        environment: { CORS_ALLOW_ORIGINS: settings.corsAllowOrigins.join(',') },
        assets: AREA_ASSETS[area] ?? [],
        nodeModules: AREA_NATIVE_MODULES[area] ?? [],
        // Hashing a password takes 19 MiB and a share of a vCPU: give the functions that hash room.
        memorySize: AREA_NATIVE_MODULES[area] ? 1024 : 512,
        removalPolicy: logRemovalPolicy,
      });
      AREA_BINDINGS[area](fn, data);
      // The published public keys are written by key rotation alone: an API function that could
      // write them could make any token it signs itself valid.
      if (area !== 'system') fn.denyTableWrites(data.table, [JWKS_PARTITION_KEY]);
      this.areaFunctions[area] = fn;
      integrations[area] = new HttpLambdaIntegration(`${pascal(area)}Integration`, fn);
    }

    this.api = new HttpApi(this, 'HttpApi', {
      description: `Kindred API (${settings.stage})`,
      corsPreflight: {
        allowOrigins: settings.corsAllowOrigins,
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        allowMethods: [CorsHttpMethod.ANY],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
      // Requests no route matches reach the system function, which answers 404 or 405 as problem+json.
      defaultIntegration: integrations.system,
    });
    for (const route of routeTable) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration: integrations[route.area] });
    }
    for (const fn of Object.values(this.areaFunctions)) {
      fn.addEnvironment('ACCESS_TOKEN_ISSUER', this.api.apiEndpoint);
      fn.addEnvironment('ACCESS_TOKEN_AUDIENCE', ACCESS_TOKEN_AUDIENCE);
    }
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: logRemovalPolicy });
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // No query strings or bodies: email links carry tokens in their query.
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = {
      throttlingRateLimit: settings.throttleRateLimit,
      throttlingBurstLimit: settings.throttleBurstLimit,
    };

    const { configurationSet: mailConfiguration, feedbackTopic } = this.addEmailDeliverability(data);
    this.mailFeedbackTopic = feedbackTopic;
    const emailWorker = new KindredFunction(this, 'EmailWorkerFunction', {
      name: QUEUES.email.worker,
      description: 'Renders queued emails and sends them with SES',
      timeout: Duration.seconds(QUEUES.email.workerTimeoutSeconds),
      memorySize: QUEUES.email.workerMemoryMb,
      // Links lead to the API's own pages, or to the app's routes when it serves them (README, "Links in emails").
      environment: { API_URL: this.api.apiEndpoint, ...(settings.appUrl ? { APP_URL: settings.appUrl } : {}) },
      removalPolicy: logRemovalPolicy,
    })
      // Its delivery ledger only: claim, complete, release.
      .bindTable(data.table, { actions: ['PutItem', 'UpdateItem', 'DeleteItem'], partitionKeys: [deliveryPartition('email', '*')] })
      .bindEmailSender(settings.sesIdentity, settings.mailFrom, mailConfiguration);

    const imageWorker = new KindredFunction(this, 'ImageWorkerFunction', {
      name: QUEUES.image.worker,
      description: 'Processes photos uploaded to the uploads bucket',
      timeout: Duration.seconds(QUEUES.image.workerTimeoutSeconds),
      memorySize: QUEUES.image.workerMemoryMb,
      nodeModules: [...WORKER_NATIVE_MODULES],
      removalPolicy: logRemovalPolicy,
    })
      // Reads the photo and settles it (with its owner's slot count): items in the owner's partition only.
      // Native code parses untrusted images here: it can reach no other partition, the signing keys least of all.
      .bindTable(data.table, { actions: ['GetItem', 'UpdateItem'], partitionKeys: [userPartition('*')] })
      .bindBucket(data.uploadsBucket, 'UPLOADS_BUCKET', ['read', 'delete'])
      .bindBucket(data.mediaBucket, 'MEDIA_BUCKET', ['put']);

    for (const [worker, queueId] of [
      [emailWorker, 'email'],
      [imageWorker, 'image'],
    ] as const) {
      const definition: QueueDefinition = QUEUES[queueId];
      if (definition.reserveConcurrency) worker.reserveConcurrency(definition.workerConcurrency);
      worker.addEventSource(
        new SqsEventSource(data.queues[queueId], {
          batchSize: definition.batchSize,
          maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
          maxConcurrency: definition.workerConcurrency,
          reportBatchItemFailures: true,
        }),
      );
    }

    const keyRotation = new KindredFunction(this, 'KeyRotationFunction', {
      name: 'key-rotation',
      description: 'Rotates the access-token signing keys and publishes the public ones',
      timeout: Duration.seconds(30),
      memorySize: 256,
      removalPolicy: logRemovalPolicy,
    }).bindTable(data.table, { actions: ['GetItem', 'PutItem'], partitionKeys: [JWKS_PARTITION_KEY] });
    new RotationSchedule(this, 'KeyRotationSchedule', {
      secret: data.keysSecret,
      rotationLambda: keyRotation,
      automaticallyAfter: Duration.days(30),
    });

    this.addOperationalAlarms(data, [...Object.values(this.areaFunctions), emailWorker, imageWorker, keyRotation]);

    this.apiUrlOutput = new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'DocsUrl', { value: `${this.api.apiEndpoint}/docs` });
    new CfnOutput(this, 'MailConfigurationSetName', { value: mailConfiguration.configurationSetName });
    new CfnOutput(this, 'MailFeedbackTopicArn', { value: this.mailFeedbackTopic.topicArn });
  }

  /**
   * The SES configuration set every email is sent with: SES publishes its reputation metrics and
   * adds addresses that bounce or complain to the account's suppression list, so they are not
   * mailed again. Bounce and complaint events go to a topic an operator (or a later consumer) can
   * subscribe to. The alarms watch the account-wide rates, the ones SES reviews and pauses on
   * (review at 5% bounces or 0.1% complaints): they fire at well under half of those.
   */
  private addEmailDeliverability(data: StatefulStack): { configurationSet: ConfigurationSet; feedbackTopic: Topic } {
    const configurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    const feedbackTopic = new Topic(this, 'MailFeedbackTopic', { enforceSSL: true });
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const action = new SnsAction(data.alarmTopic);
    for (const [id, metricName, threshold, what] of [
      ['MailBounceRateAlarm', 'Reputation.BounceRate', 0.02, 'bounce rate is above 2% (SES reviews the account at 5%)'],
      ['MailComplaintRateAlarm', 'Reputation.ComplaintRate', 0.0005, 'complaint rate is above 0.05% (SES reviews the account at 0.1%)'],
    ] as const) {
      new Alarm(this, id, {
        alarmDescription: `The SES ${what}: find the addresses in the mail feedback topic before SES pauses sending.`,
        metric: new Metric({ namespace: 'AWS/SES', metricName, period: Duration.minutes(15), statistic: 'Maximum' }),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    }
    return { configurationSet, feedbackTopic };
  }

  /**
   * Pages the alarm topic when the API answers 5xx (user input never should)
   * or a function errors or is throttled.
   */
  private addOperationalAlarms(data: StatefulStack, functions: KindredFunction[]): void {
    const action = new SnsAction(data.alarmTopic);
    const alarm = (id: string, description: string, metric: Metric) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    alarm('Api5xxAlarm', 'The API answered 5xx: a dependency is failing or there is a bug.', this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }));
    for (const fn of functions) {
      const name = fn.node.id.replace(/Function$/, '');
      alarm(`${name}ErrorsAlarm`, `The ${name} function failed.`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }));
      alarm(`${name}ThrottlesAlarm`, `The ${name} function was throttled.`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }));
    }
  }
}
