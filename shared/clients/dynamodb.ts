import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientSettings } from './client-settings.ts';

/*
 * One module per AWS service, so a function's bundle carries only the SDK
 * clients it uses. Each client is a module-level singleton, created on first
 * use and reused across invocations. Endpoints come from the SDK's standard
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the same code reaches AWS or the
 * local twin without a branch. Timeouts and retries: client-settings.ts.
 */
let documentClient: DynamoDBDocumentClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient(clientSettings()), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}
