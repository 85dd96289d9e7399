import type { S3Event } from 'aws-lambda';

/** What s3rver emits for a created object (the fields Kindred relies on). */
export interface S3rverEvent {
  readonly Records: ReadonlyArray<{
    readonly eventName: string;
    readonly eventTime: string;
    readonly s3: {
      readonly bucket: { readonly name: string };
      readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string; readonly sequencer?: string };
    };
  }>;
}

/** S3 URL-encodes keys in notifications, spaces as `+`. */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/**
 * Rewrites s3rver's event into exactly what S3 puts on an SQS queue: the
 * AWS record shape with an encoded key and a real bucket ARN, so the image
 * worker parses the same bytes locally as in AWS.
 */
export function toS3Notification(event: S3rverEvent, region: string): S3Event {
  return {
    Records: event.Records.map((record) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: region,
      eventTime: record.eventTime,
      eventName: record.eventName,
      userIdentity: { principalId: 'AWS:LOCAL' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'LOCAL', 'x-amz-id-2': 'LOCAL' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'uploads-to-image-queue',
        bucket: {
          name: record.s3.bucket.name,
          ownerIdentity: { principalId: 'LOCAL' },
          arn: `arn:aws:s3:::${record.s3.bucket.name}`,
        },
        object: {
          key: encodeS3Key(record.s3.object.key),
          size: record.s3.object.size ?? 0,
          eTag: record.s3.object.eTag ?? '',
          sequencer: record.s3.object.sequencer ?? '0',
        },
      },
    })),
  };
}
