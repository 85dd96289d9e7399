import { expect } from 'vitest';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import type { RunningTwin } from '../../infra/local/twin.ts';
import { apiClient } from './api-client.ts';
import { linkIn, waitForEmail } from './mailbox.ts';
import { useEmulatorEnvironment } from './twin.ts';

export interface SignedInPerson {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly userId: string;
  readonly accessToken: string;
}

/** Registers a person, confirms the address from the emailed link and logs in, as a client would. */
export async function signedInPerson(twin: RunningTwin, email: string, password = 'a perfectly fine passphrase'): Promise<SignedInPerson> {
  const api = apiClient(twin.url);
  const name = 'Someone';
  expect((await api.post('/api/v1/auth/register', { email, password, name })).status).toBe(202);
  const token = linkIn(await waitForEmail(twin.outboxDirectory, email, { subject: 'Confirm your email' })).searchParams.get('token');
  expect((await api.post('/api/v1/auth/confirm', { token, password })).status).toBe(204);
  const login = await api.post<{ accessToken: string }>('/api/v1/auth/login', { email, password });
  expect(login.status).toBe(200);
  const me = await api.get<{ id: string }>('/api/v1/me', login.body.accessToken);
  return { email, password, name, userId: me.body.id, accessToken: login.body.accessToken };
}

/**
 * Makes a signed-in person an administrator through the repository (as the
 * admin CLI's promotion would; the active-admin count moves with it) and
 * returns a fresh access token carrying the role.
 */
export async function promoteToAdmin(twin: RunningTwin, person: SignedInPerson): Promise<string> {
  useEmulatorEnvironment();
  expect(await new UserRepository(dynamo(), twin.names.table).update(person.userId, { role: 'admin' })).toBe(true);
  const login = await apiClient(twin.url).post<{ accessToken: string }>('/api/v1/auth/login', { email: person.email, password: person.password });
  expect(login.status).toBe(200);
  return login.body.accessToken;
}
