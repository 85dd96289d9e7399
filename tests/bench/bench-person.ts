import type { RunningTwin } from '../../infra/local/twin.ts';
import { normalizeEmail } from '../../shared/accounts/email-address.ts';
import { UserRepository } from '../../shared/accounts/user-repository.ts';
import { FileKeySource } from '../../shared/auth/key-store.ts';
import { toKeyMaterial } from '../../shared/auth/keys.ts';
import { mintLinkToken } from '../../shared/auth/link-tokens.ts';
import { dynamo } from '../../shared/clients/dynamodb.ts';
import { expectRoute } from './in-process.ts';

const PASSWORD = 'bench passphrase 123';

/**
 * A new, confirmed, signed-in person for a section of the bench, in process: the confirmation
 * link is minted with the twin's key for this person and password, as the emailed one would be.
 */
export async function benchPerson(twin: RunningTwin, label: string): Promise<{ token: string }> {
  const users = new UserRepository(dynamo(), twin.names.table);
  const keys = await toKeyMaterial(await new FileKeySource(twin.environment.LOCAL_KEYS_FILE!).read());
  const email = `${label}-bench-${Date.now()}@example.com`;
  await expectRoute({ method: 'POST', path: '/api/v1/auth/register', body: { email, password: PASSWORD, name: `${label} Bench` } }, 202);
  const user = (await users.findByEmail(normalizeEmail(email)))!;
  const token = mintLinkToken(keys.linkTokenKey, { purpose: 'confirm-email', userId: user.id, email, passwordStamp: user.passwordStamp }).token;
  await expectRoute({ method: 'POST', path: '/api/v1/auth/confirm', body: { token, password: PASSWORD } }, 204);
  return { token: (await expectRoute({ method: 'POST', path: '/api/v1/auth/login', body: { email, password: PASSWORD } }, 200)).accessToken as string };
}
