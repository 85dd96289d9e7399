import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api-client.ts';
import { dynamoOperation, dynamoThrottled } from '../support/fault-proxy.ts';
import { linkIn, waitForEmail } from '../support/mailbox.ts';
import { signedInPerson, type SignedInPerson } from '../support/people.ts';
import { emulatorEndpoints, useTwinWithFaults } from '../support/twin.ts';

/*
 * DynamoDB throttling for real: the twin reaches DynamoDB Local through a
 * proxy that answers with ProvisionedThroughputExceededException. The SDK
 * backs off and retries (three attempts, its default); a brief throttle is
 * absorbed, a lasting one becomes 503 problem+json with Retry-After and
 * leaves nothing half-written.
 */
const faults = useTwinWithFaults('throttled', 'dynamodb', {
  environment: { RATE_LIMIT_SCALE: '1000' },
});
const twin = faults.twin;
const proxy = () => faults.proxy();
const PASSWORD = 'a perfectly fine passphrase';

/** Every item naming the address, read straight from DynamoDB Local. */
async function itemsNaming(email: string): Promise<number> {
  const client = new DynamoDBClient({ endpoint: emulatorEndpoints().dynamodb });
  const { Items = [] } = await client.send(new ScanCommand({ TableName: twin().names.table }));
  return Items.filter((item) => JSON.stringify(item).includes(email)).length;
}

let person: SignedInPerson;
let refreshToken = '';
beforeAll(async () => {
  person = await signedInPerson(twin(), 'steady@example.com', PASSWORD);
  refreshToken = (await apiClient(twin().url).post<{ refreshToken: string }>('/api/v1/auth/login', { email: person.email, password: PASSWORD })).body.refreshToken;
}, 30_000);

describe('when DynamoDB throttles', () => {
  it('a brief throttle is absorbed by the SDK retries', async () => {
    const throttled = proxy().inject(dynamoThrottled(() => true, 2));
    const me = await apiClient(twin().url).get('/api/v1/me', person.accessToken);
    expect(me.status).toBe(200);
    expect(throttled.failed()).toBe(2);
  });

  it.each([
    ['POST', '/api/v1/auth/login', () => ({ email: person.email, password: PASSWORD })],
    ['POST', '/api/v1/auth/register', () => ({ email: 'newcomer@example.com', password: PASSWORD, name: 'New' })],
    ['POST', '/api/v1/auth/refresh', () => ({ refreshToken })],
    ['GET', '/api/v1/me', () => undefined],
    ['PATCH', '/api/v1/me', () => ({ name: 'Renamed' })],
  ])('a lasting throttle: %s %s answers 503 problem+json with Retry-After', async (method, path, body) => {
    proxy().inject(dynamoThrottled());
    const response = await apiClient(twin().url).call(method, path, { body: body(), token: person.accessToken });
    expect(response.status, JSON.stringify(response.body)).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBeTruthy();
    expect(JSON.stringify(response.body)).not.toMatch(/Throughput|dynamo|127\.0\.0\.1|stack/i);
    proxy().heal();
    expect(await itemsNaming('newcomer@example.com')).toBe(0); // nothing half-written
    expect((await apiClient(twin().url).get<{ name: string }>('/api/v1/me', person.accessToken)).body.name).toBe(person.name);
  });

  it('a throttled audit write does not fail the sign-up it records: one account, confirmable', async () => {
    const api = apiClient(twin().url);
    const email = 'midway@example.com';
    // The sign-up's last write, its audit record, cannot get through.
    const audit = proxy().inject(dynamoThrottled((request) => dynamoOperation(request) === 'PutItem' && request.body.toString().includes('"AUDIT#')));
    expect((await api.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'Midway' })).status).toBe(202);
    expect(audit.failed()).toBeGreaterThanOrEqual(3); // every attempt the SDK made was refused
    proxy().heal();

    const link = linkIn(await waitForEmail(twin().outboxDirectory, email, { subject: 'Confirm your email' }));
    expect((await api.post('/api/v1/auth/confirm', { token: link.searchParams.get('token'), password: PASSWORD })).status).toBe(204);
    expect((await api.post('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(200);
    const owners = (await new DynamoDBClient({ endpoint: emulatorEndpoints().dynamodb }).send(new ScanCommand({ TableName: twin().names.table }))).Items!.filter(
      (item) => item.sk?.S === 'PROFILE' && item.email?.S === email,
    );
    expect(owners).toHaveLength(1);
  }, 30_000);
});
