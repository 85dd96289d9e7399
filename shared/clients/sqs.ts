import { SQSClient } from '@aws-sdk/client-sqs';
import { clientSettings } from './client-settings.ts';

let sqsClient: SQSClient | undefined;

/** The SQS client (see dynamodb.ts for how clients are made). */
export function sqs(): SQSClient {
  sqsClient ??= new SQSClient(clientSettings());
  return sqsClient;
}
