import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientSettings } from './client-settings.ts';

let secretsManagerClient: SecretsManagerClient | undefined;

/** The Secrets Manager client (see dynamodb.ts for how clients are made). */
export function secretsManager(): SecretsManagerClient {
  secretsManagerClient ??= new SecretsManagerClient(clientSettings());
  return secretsManagerClient;
}
