import { describe, expect, it } from 'vitest';
import { runRotationStep, type RotatableSecret } from '../../shared/auth/key-rotation.ts';
import { freshStoredKeys, storedKeysSchema, type StoredKeys } from '../../shared/auth/keys.ts';
import type { JSONWebKeySet } from 'jose';

/** Secrets Manager cannot run here: an in-memory secret with its version stages stands in for it. */
function memorySecret(initial: StoredKeys) {
  const versions = new Map<string, { value: string; stages: Set<string> }>([['v0', { value: JSON.stringify(initial), stages: new Set(['AWSCURRENT']) }]]);
  const secret: RotatableSecret = {
    read: async (stage, versionId) => {
      for (const [id, version] of versions) if (version.stages.has(stage) && (!versionId || id === versionId)) return version.value;
      return undefined;
    },
    writePending: async (versionId, value) => {
      for (const version of versions.values()) version.stages.delete('AWSPENDING');
      versions.set(versionId, { value, stages: new Set(['AWSPENDING']) });
    },
    promote: async (versionId) => {
      for (const version of versions.values()) version.stages.delete('AWSCURRENT');
      versions.get(versionId)!.stages.add('AWSCURRENT');
    },
  };
  const current = async () => storedKeysSchema.parse(JSON.parse((await secret.read('AWSCURRENT'))!));
  return { secret, current };
}

async function rotate(secret: RotatableSecret, versionId: string, published: JSONWebKeySet[]) {
  for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
    await runRotationStep(step, versionId, secret, async (jwks) => void published.push(jwks));
  }
}

describe('signing key rotation', () => {
  it('puts a new key first, keeps the previous one, and publishes both before switching', async () => {
    const initial = await freshStoredKeys();
    const { secret, current } = memorySecret(initial);
    const published: JSONWebKeySet[] = [];

    await rotate(secret, 'v1', published);
    const afterOne = await current();
    expect(afterOne.signingKeys).toHaveLength(2);
    expect(afterOne.signingKeys[1]!.kid).toBe(initial.signingKeys[0]!.kid);
    expect(afterOne.tokenSecret).toBe(initial.tokenSecret);
    expect(published.at(-1)!.keys.map((key) => key.kid)).toEqual(afterOne.signingKeys.map((key) => key.kid));
    expect(JSON.stringify(published)).not.toContain('"d"');

    await rotate(secret, 'v2', published);
    const afterTwo = await current();
    expect(afterTwo.signingKeys.map((key) => key.kid)).toEqual([expect.any(String), afterOne.signingKeys[0]!.kid]);
  });

  it('bootstraps from a secret that has no key yet', async () => {
    const { secret, current } = memorySecret({ version: 1, signingKeys: [], tokenSecret: 'x'.repeat(64) });
    await rotate(secret, 'v1', []);
    expect((await current()).signingKeys).toHaveLength(1);
  });

  it('does not create a second pending key when createSecret is retried', async () => {
    const { secret } = memorySecret(await freshStoredKeys());
    await runRotationStep('createSecret', 'v1', secret, async () => undefined);
    const pending = await secret.read('AWSPENDING', 'v1');
    await runRotationStep('createSecret', 'v1', secret, async () => undefined);
    expect(await secret.read('AWSPENDING', 'v1')).toBe(pending);
  });
});
