import type { JSONWebKeySet } from 'jose';
import { storedKeysSchema, rotateSigningKeys, toKeyMaterial, type StoredKeys } from './keys.ts';

/** The parts of Secrets Manager the rotation protocol uses. */
export interface RotatableSecret {
  /** The value at a stage (AWSCURRENT / AWSPENDING), optionally of one version; undefined if none. */
  read(stage: 'AWSCURRENT' | 'AWSPENDING', versionId?: string): Promise<string | undefined>;
  writePending(versionId: string, value: string): Promise<void>;
  /** Makes `versionId` AWSCURRENT. */
  promote(versionId: string): Promise<void>;
}

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

/**
 * Secrets Manager's four-step rotation for the signing keys:
 * - createSecret: a new Ed25519 key goes first; the previous one is kept, so
 *   tokens signed in the last 15 minutes still verify;
 * - setSecret: the public keys of the pending version are published, so every
 *   verifier knows the new key before anything is signed with it;
 * - testSecret: the pending version must parse and yield usable keys;
 * - finishSecret: the pending version becomes current.
 * Each step is idempotent, as Secrets Manager may retry it.
 */
export async function runRotationStep(
  step: RotationStep,
  versionId: string,
  secret: RotatableSecret,
  publish: (jwks: JSONWebKeySet) => Promise<void>,
): Promise<void> {
  switch (step) {
    case 'createSecret': {
      if (await secret.read('AWSPENDING', versionId)) return;
      const current = parse(await secret.read('AWSCURRENT'));
      await secret.writePending(versionId, JSON.stringify(await rotateSigningKeys(current)));
      return;
    }
    case 'setSecret': {
      const pending = await toKeyMaterial(parse(await secret.read('AWSPENDING', versionId)));
      await publish(pending.publicJwks);
      return;
    }
    case 'testSecret':
      await toKeyMaterial(parse(await secret.read('AWSPENDING', versionId)));
      return;
    case 'finishSecret':
      await secret.promote(versionId);
      return;
  }
}

function parse(value: string | undefined): StoredKeys {
  if (!value) throw new Error('The key secret has no value at the expected stage.');
  return storedKeysSchema.parse(JSON.parse(value));
}
