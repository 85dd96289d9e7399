import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { BUCKETS, MEDIA_SEEDS, QUEUES, TABLE, type QueueDefinition, type QueueId } from './resources.ts';
import type { StageSettings } from './stage.ts';

export interface StatefulStackProps extends StackProps {
  readonly settings: StageSettings;
}

/** Everything that holds data: the table, the buckets, the queues and their dead-letter queues. */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly uploadsBucket: Bucket;
  readonly mediaBucket: Bucket;
  /** Server access logs of the photo buckets, kept 90 days. */
  readonly accessLogsBucket: Bucket;
  readonly queues: Record<QueueId, Queue>;
  readonly deadLetterQueues: Record<QueueId, Queue>;
  readonly alarmTopic: Topic;
  /** Access-token signing keys and the token secret; rotated by the key-rotation function. */
  readonly keysSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const removalPolicy = settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: settings.retainData,
      removalPolicy,
      globalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: index.sortKeyType === 'N' ? AttributeType.NUMBER : AttributeType.STRING },
        projectionType: ProjectionType[index.projection.type],
        ...(index.projection.type === 'INCLUDE' ? { nonKeyAttributes: [...index.projection.attributes] } : {}),
      })),
    });

    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      autoDeleteObjects: !settings.retainData,
    } as const;

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...privateBucket,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED, // S3 log delivery writes with ACLs
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
    });

    this.uploadsBucket = new Bucket(this, 'UploadsBucket', {
      ...privateBucket,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'uploads/',
      // Browsers POST uploads straight to this bucket with a presigned form.
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: settings.corsAllowOrigins,
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'expire-abandoned-uploads',
          prefix: BUCKETS.uploads.keyPrefix,
          expiration: Duration.days(BUCKETS.uploads.expireAfterDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    this.mediaBucket = new Bucket(this, 'MediaBucket', {
      ...privateBucket,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'media/',
    });
    // Files every deployment ships (the journal's default pictures); prune off, so people's media stays.
    MEDIA_SEEDS.forEach((seed, index) => {
      new BucketDeployment(this, `MediaSeed${index}`, {
        sources: [Source.asset(fileURLToPath(new URL(`../${seed.sourceDirectory}`, import.meta.url)))],
        destinationBucket: this.mediaBucket,
        destinationKeyPrefix: seed.keyPrefix,
        prune: false,
        contentType: seed.contentType,
        cacheControl: [CacheControl.fromString(seed.cacheControl)],
      });
    });

    this.alarmTopic = new Topic(this, 'AlarmTopic', { enforceSSL: true });
    if (settings.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));

    const queues = {} as Record<QueueId, Queue>;
    const deadLetterQueues = {} as Record<QueueId, Queue>;
    for (const [id, definition] of Object.entries(QUEUES) as [QueueId, QueueDefinition][]) {
      const Name = id[0]!.toUpperCase() + id.slice(1);
      const deadLetterQueue = new Queue(this, `${Name}DeadLetterQueue`, {
        retentionPeriod: Duration.days(definition.deadLetterRetentionDays),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        removalPolicy,
      });
      const queue = new Queue(this, `${Name}Queue`, {
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(definition.retentionDays),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
        removalPolicy,
      });
      queues[id] = queue;
      deadLetterQueues[id] = deadLetterQueue;
      new Alarm(this, `${Name}DeadLetterAlarm`, {
        alarmDescription: `Messages are waiting in the ${id} dead-letter queue: they failed ${definition.maxReceiveCount} times.`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.alarmTopic));
      new Alarm(this, `${Name}OldestMessageAlarm`, {
        alarmDescription: `A message has waited more than ${definition.oldestMessageAlarmSeconds} s in the ${id} queue: its worker is not keeping up or keeps failing.`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: definition.oldestMessageAlarmSeconds,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(this.alarmTopic));
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;

    this.uploadsBucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(queues.image), {
      prefix: BUCKETS.uploads.keyPrefix,
    });

    this.keysSecret = new Secret(this, 'KeysSecret', {
      description: 'Kindred access-token signing keys (rotated) and the secret behind refresh tokens and email links',
      // The first signing key is made by the first rotation, right after creation: no private key ever sits in a template.
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ version: 1, signingKeys: [] }),
        generateStringKey: 'tokenSecret',
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy,
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploadsBucket.bucketName });
    new CfnOutput(this, 'MediaBucketName', { value: this.mediaBucket.bucketName });
    new CfnOutput(this, 'EmailQueueUrl', { value: queues.email.queueUrl });
    new CfnOutput(this, 'ImageQueueUrl', { value: queues.image.queueUrl });
    new CfnOutput(this, 'KeysSecretArn', { value: this.keysSecret.secretArn });
  }
}
