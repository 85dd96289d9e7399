import { S3Client } from '@aws-sdk/client-s3';
import { clientSettings } from './client-settings.ts';

let s3Client: S3Client | undefined;

/** The S3 client (see dynamodb.ts for how clients are made). */
export function s3(): S3Client {
  // s3rver (the local S3) only understands path-style addressing.
  s3Client ??= new S3Client({ ...clientSettings(), forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined });
  return s3Client;
}
