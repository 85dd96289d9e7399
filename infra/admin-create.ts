/**
 * `npm run admin:create -- --email <e> --name <n> [--local] [--stage dev]`
 *
 * Creates an administrator and emails them an invitation to set a password.
 * With --local it works on the twin that `npm start` runs (or on the one the
 * AWS_ENDPOINT_URL_* variables name); otherwise on the deployed stack found
 * through CloudFormation outputs, with the normal AWS credential chain.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { buildAccountDeps } from '../shared/accounts/account-deps.ts';
import { emailSchema } from '../shared/accounts/email-address.ts';
import { withAdminTools } from '../shared/admin/admin-deps.ts';
import { createUser } from '../shared/admin/admin-users.ts';
import { ACCESS_TOKEN_AUDIENCE } from '../shared/auth/access-token.ts';
import { FileKeySource, SecretsManagerKeySource, type KeySource } from '../shared/auth/key-store.ts';
import { ConflictError } from '../shared/errors/domain-errors.ts';
import { nameSchema } from '../shared/routes/schemas.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local/local-aws.ts';
import { localResourceNames } from './local/resource-names.ts';

interface Target {
  readonly db: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly emailQueueUrl: string;
  readonly keySource: KeySource;
  readonly description: string;
}

async function localTarget(): Promise<Target> {
  const endpoint = (service: string, port: number) => process.env[`AWS_ENDPOINT_URL_${service}`] ?? `http://127.0.0.1:${port}`;
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const names = localResourceNames(process.env.KINDRED_PREFIX ?? 'kindred');
  const sqs = new SQSClient({ ...config, endpoint: endpoint('SQS', Number(process.env.KINDRED_SQS_PORT ?? 9324)) });
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: names.queues.email })).catch(() => {
    throw new Error('The local twin is not reachable: start it with `npm start` first.');
  });
  return {
    db: DynamoDBDocumentClient.from(new DynamoDBClient({ ...config, endpoint: endpoint('DYNAMODB', Number(process.env.KINDRED_DYNAMODB_PORT ?? 8000)) })),
    sqs,
    tableName: names.table,
    emailQueueUrl: QueueUrl!,
    keySource: new FileKeySource(join(resolve(process.env.KINDRED_STATE_DIR ?? '.kindred'), 'keys.json')),
    description: `the local twin (table ${names.table})`,
  };
}

async function deployedTarget(stage: string): Promise<Target> {
  const stackName = `Kindred-${stage}-Data`;
  const { Stacks } = await new CloudFormationClient({}).send(new DescribeStacksCommand({ StackName: stackName }));
  const outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  const need = (key: string) => {
    const value = outputs[key];
    if (!value) throw new Error(`Stack ${stackName} has no output ${key}: deploy it first (npx cdk deploy --all -c stage=${stage}).`);
    return value;
  };
  return {
    db: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    sqs: new SQSClient({}),
    tableName: need('TableName'),
    emailQueueUrl: need('EmailQueueUrl'),
    keySource: new SecretsManagerKeySource(new SecretsManagerClient({}), need('KeysSecretArn')),
    description: `stack ${stackName}`,
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, local: { type: 'boolean', default: false }, stage: { type: 'string', default: 'dev' } },
  });
  const args = z.object({ email: emailSchema, name: nameSchema, stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/) }).safeParse(values);
  if (!args.success) {
    console.error('Usage: npm run admin:create -- --email <address> --name <name> [--local | --stage <stage>]');
    for (const issue of args.error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const target = values.local ? await localTarget() : await deployedTarget(args.data.stage);
  const deps = withAdminTools(
    buildAccountDeps({ ...target, tokens: { issuer: 'kindred-admin-cli', audience: ACCESS_TOKEN_AUDIENCE } }),
    target.db,
  );
  const admin = await createUser(
    deps,
    { userId: 'cli' },
    { email: args.data.email, name: args.data.name, role: 'admin' },
    { ipAddress: 'cli', userAgent: 'kindred admin:create' },
  );
  console.log(`Created administrator ${admin.email} (${admin.id}) on ${target.description}.`);
  console.log('An invitation to set the password is on its way (valid 72 hours).');
}

main().catch((error: Error) => {
  if (error instanceof ConflictError) console.error(`Not created: ${error.message} Promote that user with PATCH /api/v1/users/{id} instead.`);
  else console.error(`Not created: ${error.message}`);
  process.exit(1);
});
