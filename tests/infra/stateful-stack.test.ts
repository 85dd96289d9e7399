import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_SEEDS, QUEUES, TABLE } from '../../infra/resources.ts';
import { synthesize, type SynthesizedKindred } from '../support/synth.ts';

let dev: SynthesizedKindred;
let retained: SynthesizedKindred;
let disposableProd: SynthesizedKindred;
beforeAll(() => {
  dev = synthesize({ disposable: 'true' });
  // Not called prod, and nobody said it may be thrown away: it keeps its data.
  retained = synthesize({ stage: 'production', corsAllowOrigins: 'https://app.example.com' });
  // Called prod, but explicitly disposable (a rehearsal): it is thrown away.
  disposableProd = synthesize({ stage: 'prod', disposable: 'true' });
});

describe('the data stack', () => {
  it('ships the media seeds (the journal\'s default pictures) into the media bucket, cached for a year, without pruning people\'s media', () => {
    for (const seed of MEDIA_SEEDS) {
      dev.data.hasResourceProperties('Custom::CDKBucketDeployment', {
        DestinationBucketKeyPrefix: seed.keyPrefix,
        Prune: false,
        SystemMetadata: Match.objectLike({ 'cache-control': seed.cacheControl, 'content-type': seed.contentType }),
      });
    }
  });

  it('has one on-demand table with pk/sk, the GSIs, TTL and point-in-time recovery', () => {
    dev.data.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: Match.objectLike({ ProjectionType: index.projection.type }),
        }),
      ),
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('logs access to the photo buckets into a private log bucket kept 90 days', () => {
    const buckets = Object.values(dev.data.findResources('AWS::S3::Bucket'));
    const logged = buckets.filter((bucket) => bucket.Properties.LoggingConfiguration);
    expect(logged.map((bucket) => bucket.Properties.LoggingConfiguration.LogFilePrefix).sort()).toEqual(['media/', 'uploads/']);
    dev.data.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90 })] },
    });
  });

  it('keeps every bucket private, encrypted and TLS-only', () => {
    const buckets = dev.data.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
    const policies = Object.values(dev.data.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('lets browsers POST uploads and expires abandoned ones', () => {
    dev.data.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['POST'] })] },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' })]),
      },
    });
  });

  it('gives every queue a dead-letter queue at maxReceiveCount 5 and an alarm on its depth', () => {
    dev.data.resourceCountIs('AWS::SQS::Queue', Object.keys(QUEUES).length * 2);
    for (const definition of Object.values(QUEUES)) {
      dev.data.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
        SqsManagedSseEnabled: true,
      });
    }
    const depthAlarms = Object.values(dev.data.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(depthAlarms).toHaveLength(Object.keys(QUEUES).length);
    for (const alarm of depthAlarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 1 });
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
  });

  it('keeps each message invisible for at least six times its worker’s timeout (AWS’s guidance for Lambda consumers)', () => {
    const queues = Object.entries(dev.data.findResources('AWS::SQS::Queue')).filter(([, queue]) => queue.Properties.RedrivePolicy);
    expect(queues).toHaveLength(Object.keys(QUEUES).length);
    for (const [id, definition] of Object.entries(QUEUES)) {
      const [, queue] = queues.find(([logicalId]) => logicalId.toLowerCase().startsWith(`${id}queue`))!;
      expect(queue.Properties.VisibilityTimeout, id).toBeGreaterThanOrEqual(6 * definition.workerTimeoutSeconds);
    }
  });

  it('alarms, to the alarm topic, when the oldest message of a main queue has waited too long', () => {
    const ageAlarms = Object.values(dev.data.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties.MetricName === 'ApproximateAgeOfOldestMessage',
    );
    expect(ageAlarms).toHaveLength(Object.keys(QUEUES).length);
    for (const [id, definition] of Object.entries(QUEUES)) {
      const name = id[0]!.toUpperCase() + id.slice(1);
      const alarm = ageAlarms.find((candidate) => JSON.stringify(candidate.Properties.Dimensions).includes(`"${name}Queue`));
      expect(alarm, id).toBeDefined();
      expect(alarm!.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        Statistic: 'Maximum',
        Threshold: definition.oldestMessageAlarmSeconds,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      expect(alarm!.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
    }
  });

  it('sends object-created events under uploads/ to the image queue', () => {
    dev.data.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            QueueArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImageQueue'), 'Arn'] },
          },
        ],
      },
    });
  });

  it('creates the key secret with a random token secret and no private key in the template', () => {
    dev.data.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: JSON.stringify({ version: 1, signingKeys: [] }),
        GenerateStringKey: 'tokenSecret',
        PasswordLength: 64,
      },
    });
  });

  it('retains data and protects the table from deletion unless the deployment is marked disposable, whatever its stage name', () => {
    retained.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] });
    retained.data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    for (const type of ['AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::SecretsManager::Secret']) {
      for (const resource of Object.values(retained.data.findResources(type))) expect(resource.DeletionPolicy, type).toBe('Retain');
    }
    retained.data.resourceCountIs('Custom::S3AutoDeleteObjects', 0);

    for (const disposable of [dev, disposableProd]) {
      disposable.data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
      disposable.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] });
      for (const bucket of Object.values(disposable.data.findResources('AWS::S3::Bucket'))) expect(bucket.DeletionPolicy).toBe('Delete');
      disposable.data.resourceCountIs('Custom::S3AutoDeleteObjects', 3);
    }
  });

  it('retains the log groups of a retained deployment and drops those of a disposable one', () => {
    const groups = (synthesized: SynthesizedKindred) => Object.values(synthesized.api.findResources('AWS::Logs::LogGroup'));
    expect(groups(retained).length).toBeGreaterThan(0);
    for (const group of groups(retained)) expect(group.DeletionPolicy).toBe('Retain');
    for (const group of groups(disposableProd)) expect(group.DeletionPolicy).toBe('Delete');
  });

  it('refuses, at synth, a retained deployment that allows every origin', () => {
    expect(() => synthesize({ stage: 'live', corsAllowOrigins: '*' })).toThrowError(/may not allow every origin.*corsAllowOrigins=https:\/\/.*disposable=true/s);
    expect(() => synthesize({ stage: 'live', corsAllowOrigins: 'https://app.example.com, *' })).toThrowError(/may not allow every origin/);
    expect(() => synthesize({ stage: 'live', corsAllowOrigins: '*', disposable: 'true' })).not.toThrow();
  });

  it('accepts only true or false for the disposable flag', () => {
    expect(() => synthesize({ disposable: 'yes' })).toThrowError(/"disposable" must be true or false/);
  });
});
