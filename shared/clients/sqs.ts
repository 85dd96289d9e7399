import { SQSClient } from '@aws-sdk/client-sqs';

let sqsClient: SQSClient | undefined;

/** The SQS client (see dynamodb.ts for how clients are made). */
export function sqs(): SQSClient {
  sqsClient ??= new SQSClient({});
  return sqsClient;
}
