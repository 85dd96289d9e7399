import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_SEEDS, QUEUES, TABLE } from '../../infra/resources.ts';
import { synthesize, type SynthesizedKindred } from '../support/synth.ts';

let dev: SynthesizedKindred;
let prod: SynthesizedKindred;
beforeAll(() => {
  dev = synthesize();
  prod = synthesize({ stage: 'prod' });
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
    const alarms = Object.values(dev.data.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(Object.keys(QUEUES).length);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
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

  it('retains data and protects the table from deletion in prod only', () => {
    prod.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] });
    prod.data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
    for (const bucket of Object.values(prod.data.findResources('AWS::S3::Bucket'))) expect(bucket.DeletionPolicy).toBe('Retain');
    dev.data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
    dev.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', { Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] });
  });
});
