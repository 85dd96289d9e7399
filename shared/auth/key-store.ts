import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DependencyUnavailableError } from '../errors/domain-errors.ts';
import { freshStoredKeys, KeysNotReadyError, storedKeysSchema, toKeyMaterial, type KeyMaterial, type StoredKeys } from './keys.ts';

export interface KeySource {
  read(): Promise<StoredKeys>;
}

/** AWS: the key secret, created by the CDK stack and rotated by the key-rotation function. */
export class SecretsManagerKeySource implements KeySource {
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  async read(): Promise<StoredKeys> {
    let text: string | undefined;
    try {
      text = (await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }))).SecretString;
    } catch (error) {
      throw new DependencyUnavailableError('secrets-manager', 5, { cause: error });
    }
    return storedKeysSchema.parse(JSON.parse(text ?? '{}'));
  }
}

/** Local: .kindred/keys.json, generated on first use and kept, so tokens survive restarts. */
export class FileKeySource implements KeySource {
  constructor(private readonly path: string) {}

  async read(): Promise<StoredKeys> {
    try {
      return storedKeysSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const keys = await freshStoredKeys();
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(this.path, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' }).catch(async (writeError) => {
        if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      });
      return storedKeysSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
    }
  }
}

/**
 * Key material cached for a few minutes per Lambda instance: rotation is
 * picked up without a deploy, and a cold start pays one secret read.
 */
export class KeyStore {
  private cached: { material: Promise<KeyMaterial>; at: number } | undefined;

  constructor(
    private readonly source: KeySource,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<KeyMaterial> {
    if (!this.cached || this.now() - this.cached.at > this.maxAgeMs) {
      const material = this.source.read().then(toKeyMaterial);
      this.cached = { material, at: this.now() };
      material.catch(() => (this.cached = undefined));
    }
    try {
      return await this.cached.material;
    } catch (error) {
      if (error instanceof KeysNotReadyError) throw new DependencyUnavailableError('signing-keys', 30, { cause: error });
      throw error;
    }
  }
}
