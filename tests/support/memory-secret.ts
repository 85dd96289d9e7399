import type { RotatableSecret } from '../../shared/auth/key-rotation.ts';
import { storedKeysSchema, type StoredKeys } from '../../shared/auth/keys.ts';

type Operation = keyof RotatableSecret;

/**
 * Secrets Manager cannot run here: an in-memory secret with its version
 * stages stands in for it. `failNext(operation)` makes the next call of that
 * operation throw, as a throttled or unavailable Secrets Manager would.
 */
export function memorySecret(initial: unknown) {
  const versions = new Map<string, { value: string; stages: Set<string> }>([['v0', { value: JSON.stringify(initial), stages: new Set(['AWSCURRENT']) }]]);
  const failing = new Set<Operation>();
  const guard = (operation: Operation) => {
    if (failing.delete(operation)) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
  };
  const secret: RotatableSecret = {
    read: async (stage, versionId) => {
      guard('read');
      for (const [id, version] of versions) if (version.stages.has(stage) && (!versionId || id === versionId)) return version.value;
      return undefined;
    },
    writePending: async (versionId, value) => {
      guard('writePending');
      for (const version of versions.values()) version.stages.delete('AWSPENDING');
      versions.set(versionId, { value, stages: new Set(['AWSPENDING']) });
    },
    promote: async (versionId) => {
      guard('promote');
      for (const version of versions.values()) version.stages.delete('AWSCURRENT');
      versions.get(versionId)!.stages.add('AWSCURRENT');
    },
  };
  const current = async (): Promise<StoredKeys> => storedKeysSchema.parse(JSON.parse((await secret.read('AWSCURRENT'))!));
  return { secret, current, failNext: (operation: Operation) => void failing.add(operation) };
}
