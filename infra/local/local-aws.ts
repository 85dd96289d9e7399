/**
 * Settings every local emulator accepts. The credentials are s3rver's
 * built-in account; DynamoDB Local and the SQS emulator accept anything, so
 * one fake identity serves all three and no AWS account is ever involved.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface EmulatorEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sqs: string;
}

/** The environment that points the AWS SDK (and so every handler) at the emulators. */
export function localAwsEnvironment(endpoints: EmulatorEndpoints): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  };
}
