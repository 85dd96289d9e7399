import * as z from 'zod';

/** One record of an S3 event notification, as S3 delivers it to SQS. */
const s3RecordSchema = z.looseObject({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  awsRegion: z.string(),
  eventTime: z.string(),
  s3: z.looseObject({
    bucket: z.looseObject({ name: z.string().min(1), arn: z.string() }),
    object: z.looseObject({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

/** S3 sends a test event when notifications are configured; it names no object and needs no work. */
const testEventSchema = z.looseObject({ Event: z.literal('s3:TestEvent'), Bucket: z.string() });

export const s3NotificationSchema = z.union([
  testEventSchema.transform(() => ({ records: [] as z.output<typeof s3RecordSchema>[] })),
  z.looseObject({ Records: z.array(s3RecordSchema).min(1) }).transform((event) => ({ records: event.Records })),
]);
export type S3Notification = z.output<typeof s3NotificationSchema>;

export interface UploadedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number | undefined;
  readonly eTag: string | undefined;
}

/** Object keys arrive URL-encoded, with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The objects a notification reports as created; test events and removals yield none. */
export function createdObjects(notification: S3Notification): UploadedObject[] {
  return notification.records.filter((record) => record.eventName.startsWith('ObjectCreated:')).map((record) => ({
    bucket: record.s3.bucket.name,
    key: decodeS3Key(record.s3.object.key),
    size: record.s3.object.size,
    eTag: record.s3.object.eTag,
  }));
}
