import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JSONWebKeySet } from 'jose';
import { DependencyUnavailableError } from '../errors/domain-errors.ts';

/** The partition of the published public keys; IAM lets only key rotation write it (infra/stateless-stack.ts). */
export const JWKS_PARTITION_KEY = 'KEYS';
const JWKS_KEY = { pk: JWKS_PARTITION_KEY, sk: 'JWKS' } as const;
const MIN_REFRESH_INTERVAL_MS = 5_000;

/**
 * The public signing keys, published in the table so every API function can
 * verify access tokens without being able to read the private keys. The
 * key-rotation function (AWS) or the twin (locally) publishes them.
 */
export class JwksStore {
  private cached: { jwks: Promise<JSONWebKeySet>; at: number } | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly maxAgeMs = 5 * 60_000,
  ) {}

  async publish(jwks: JSONWebKeySet): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...JWKS_KEY, keys: jwks.keys, publishedAt: new Date().toISOString() } }));
    this.cached = undefined;
  }

  /**
   * The published keys. `refresh` re-reads them (a token names a kid not seen
   * yet), at most every few seconds, so forged kids cannot hammer the table.
   */
  async load(options: { refresh?: boolean } = {}): Promise<JSONWebKeySet> {
    const age = this.cached ? Date.now() - this.cached.at : Infinity;
    if (age > this.maxAgeMs || (options.refresh && age > MIN_REFRESH_INTERVAL_MS)) {
      const jwks = this.read();
      this.cached = { jwks, at: Date.now() };
      jwks.catch(() => (this.cached = undefined));
    }
    return this.cached!.jwks;
  }

  private async read(): Promise<JSONWebKeySet> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: JWKS_KEY, ConsistentRead: true }));
    if (!Item || !Array.isArray(Item.keys) || Item.keys.length === 0) throw new DependencyUnavailableError('signing-keys', 30);
    return { keys: Item.keys as JSONWebKeySet['keys'] };
  }
}
