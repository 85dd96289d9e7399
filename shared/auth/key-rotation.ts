import type { JSONWebKeySet } from 'jose';
import * as z from 'zod';
import { storedKeysSchema, rotateKeys, toKeyMaterial, type StoredKeys } from './keys.ts';

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
 * Secrets Manager's four-step rotation for the signing keys and the token secret:
 * - createSecret: a new Ed25519 key goes first; the previous one is kept, so
 *   tokens signed in the last 15 minutes still verify; a new token secret
 *   signs refresh tokens, links and cursors, and the replaced one keeps
 *   verifying for one token lifetime (see rotateKeys);
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
      await secret.writePending(versionId, JSON.stringify(await rotateKeys(current)));
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

const rotationEventSchema = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});

/** The rotation function's handler over its two dependencies: the secret's versions and the JWKS publisher. */
export function createRotationHandler(
  secretFor: (secretId: string) => RotatableSecret,
  publish: (jwks: JSONWebKeySet) => Promise<void>,
  onStep: (step: RotationStep) => void = () => undefined,
): (event: unknown) => Promise<void> {
  return async (event) => {
    const { SecretId, ClientRequestToken, Step } = rotationEventSchema.parse(event);
    onStep(Step);
    await runRotationStep(Step, ClientRequestToken, secretFor(SecretId), publish);
  };
}
