import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_EXTERNALS, ESM_REQUIRE_BANNER, LAMBDA_TARGET } from '../bundling.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Item reads of the API areas: Kindred's code gets, queries and condition-checks; it never scans. */
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const;
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] as const;

/** The item-level DynamoDB actions a function may be granted (a transaction needs those of its items). */
export type DynamoDbItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem' | 'Query';

export interface ScopedTableAccess {
  readonly actions: readonly DynamoDbItemAction[];
  /** Patterns (`*` allowed) every partition key the function touches must match. */
  readonly partitionKeys: readonly string[];
}

export interface KindredFunctionProps {
  /** Folder under functions/ holding `index.ts`. */
  readonly name: string;
  readonly description: string;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
  /** Files (relative to the project root) copied next to the bundle, read at run time. */
  readonly assets?: readonly string[];
  /** Packages with native binaries, installed (for linux arm64) beside the bundle instead of bundled. */
  readonly nodeModules?: readonly string[];
  readonly logRetention?: RetentionDays;
  /** What happens to the function's log group when the function is deleted; DESTROY unless given. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Every Kindred Lambda: Node.js 22 on arm64, ESM bundle (minified, with source
 * maps), X-Ray tracing, JSON logs into a log group with retention. Access to
 * resources is granted only through the bind methods, each of which sets the
 * variable the code reads and grants exactly that access.
 */
export class KindredFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: KindredFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    const assets = props.assets ?? [];
    super(scope, id, {
      entry: `${ROOT}functions/${props.name}/index.ts`,
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `kindred-${props.name}`,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_TARGET,
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        externalModules: [...BUNDLE_EXTERNALS],
        ...(props.nodeModules && props.nodeModules.length > 0
          ? {
              nodeModules: [...props.nodeModules],
              // Install the Lambda's platform binaries, whatever machine synthesizes.
              environment: { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' },
            }
          : {}),
        ...(assets.length > 0
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  assets.map((asset) => `cp "${inputDir}/${asset}" "${outputDir}/"`),
              },
            }
          : {}),
      },
    });
  }

  /**
   * `readwrite` is what the API areas use: items and indexes, read and write, but never `Scan`
   * (no code scans; a scan is how a stolen role copies the table). A worker names exactly the
   * actions it calls and the partition keys it may touch (`dynamodb:LeadingKeys`), on the table
   * only: it queries no index.
   */
  bindTable(table: ITableV2, access: 'read' | 'readwrite' | ScopedTableAccess): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (access === 'read') table.grant(this, ...TABLE_READ_ACTIONS);
    else if (access === 'readwrite') table.grant(this, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
    else {
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: access.actions.map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...access.partitionKeys] } },
        }),
      );
    }
    return this;
  }

  /** Forbids writing items under the given partition keys, whatever else the role allows. */
  denyTableWrites(table: ITableV2, partitionKeys: readonly string[]): this {
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: TABLE_WRITE_ACTIONS.map((action) => action),
        resources: [table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [...partitionKeys] } },
      }),
    );
    return this;
  }

  bindQueueSender(queue: IQueue, variable: string): this {
    this.addEnvironment(variable, queue.queueUrl);
    queue.grantSendMessages(this);
    return this;
  }

  /**
   * Each grant is one S3 action on this bucket only, named in full (CDK's bucket grants add
   * `s3:GetObject*`, `s3:List*`, `s3:Abort*` and the like), on the keys matching `keyPattern`:
   * `read` is GetObject (HeadObject and presigned GETs included), `put` PutObject (presigned POSTs
   * included), `delete` DeleteObject (DeleteObjects included), `list` ListBucket, which lets the
   * function delete by prefix.
   */
  bindBucket(bucket: IBucket, variable: string, grants: ReadonlyArray<'read' | 'put' | 'delete' | 'list'>, keyPattern = '*'): this {
    this.addEnvironment(variable, bucket.bucketName);
    const objectActions = { read: 's3:GetObject', put: 's3:PutObject', delete: 's3:DeleteObject' } as const;
    const actions = grants.filter((grant) => grant !== 'list').map((grant) => objectActions[grant]);
    if (actions.length > 0) {
      this.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [bucket.arnForObjects(keyPattern)] }));
    }
    if (grants.includes('list')) {
      this.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    }
    return this;
  }

  /** Caps concurrent executions, so a burst of work here cannot starve the API of Lambda capacity. */
  reserveConcurrency(executions: number): this {
    (this.node.defaultChild as CfnFunction).reservedConcurrentExecutions = executions;
    return this;
  }

  bindSecretReader(secret: ISecret, variable: string): this {
    this.addEnvironment(variable, secret.secretArn);
    secret.grantRead(this);
    return this;
  }

  /**
   * Lets the function send email only as the given SES identity and from the given address,
   * through the given configuration set (SES checks the send against both resources).
   */
  bindEmailSender(identity: string, from: string, configurationSet: IConfigurationSet): this {
    this.addEnvironment('MAIL_FROM', from);
    this.addEnvironment('EMAIL_TRANSPORT', 'ses');
    this.addEnvironment('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
    const stack = Stack.of(this);
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': from } },
      }),
    );
    return this;
  }
}
