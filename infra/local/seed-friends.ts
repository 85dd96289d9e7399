/**
 * Seeds the running twin's table with people to discover:
 *   npm run seed:friends -- --people 20000
 * 25% within 30 miles of Manhattan, the rest spread over real US zip codes.
 * Uses the same ports as `npm start` (KINDRED_DYNAMODB_PORT, default 8000).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { seedFriendPopulation } from './friend-population.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.ts';
import { localResourceNames } from './resource-names.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '20000' }, table: { type: 'string' } } });
const people = Number(values.people);
if (!Number.isInteger(people) || people < 1 || people > 1_000_000) {
  console.error('--people must be a whole number from 1 to 1,000,000');
  process.exit(2);
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const port = process.env.KINDRED_DYNAMODB_PORT ?? '8000';
const client = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: `http://127.0.0.1:${port}` });
const table = values.table ?? localResourceNames().table;
const started = performance.now();
const result = await seedFriendPopulation(DynamoDBDocumentClient.from(client), table, { people, metroShare: 0.25 });
console.log(`Seeded ${people} people into ${table} (${result.metro} near Manhattan) in ${Math.round(performance.now() - started)} ms.`);
client.destroy();
