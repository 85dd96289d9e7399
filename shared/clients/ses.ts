import { SESv2Client } from '@aws-sdk/client-sesv2';
import { clientSettings } from './client-settings.ts';

let sesClient: SESv2Client | undefined;

/** The SES client (see dynamodb.ts for how clients are made). */
export function ses(): SESv2Client {
  sesClient ??= new SESv2Client(clientSettings());
  return sesClient;
}
