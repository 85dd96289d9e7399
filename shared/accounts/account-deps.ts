import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamo } from '../clients/dynamodb.ts';
import { secretsManager } from '../clients/secrets-manager.ts';
import { sqs } from '../clients/sqs.ts';
import type { PhotoRepository } from '../photos/photo-repository.ts';
import type { PhotoStorage } from '../photos/photo-storage.ts';
import { lazyEnv } from '../config/env.ts';
import { FileKeySource, KeyStore, SecretsManagerKeySource, type KeySource } from '../auth/key-store.ts';
import type { AccessTokenSettings } from '../auth/token-issuer.ts';
import { EmailQueue } from '../email/email-queue.ts';
import { LoginThrottle, OneTimeClaims, RateLimiter } from './abuse-controls.ts';
import { friendsEraser } from '../friends/friends-eraser.ts';
import type { AccountEraser } from './account-erasure.ts';
import { AuditLog } from './audit-log.ts';
import { SessionRepository } from './session-repository.ts';
import { UserRepository } from './user-repository.ts';

/** Everything the account use cases need, built once per Lambda instance. */
export interface AccountDeps {
  readonly tableName: string;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditLog;
  readonly throttle: LoginThrottle;
  readonly rateLimiter: RateLimiter;
  readonly claims: OneTimeClaims;
  readonly emails: EmailQueue;
  readonly keys: KeyStore;
  readonly tokens: AccessTokenSettings;
  /** Multiplies every per-IP rate limit (load tests raise it; production keeps 1). */
  readonly rateLimitScale: number;
  /** Photos, where the function has the buckets: for avatars in profiles and deleting a person's objects. */
  readonly media?: AccountMedia;
  /** Each area's part of an account deletion (see account-erasure.ts), run by the person's and an administrator's deletion alike. */
  readonly erasers: readonly AccountEraser[];
}

const accountEnv = lazyEnv({
  TABLE_NAME: z.string().min(1),
  EMAIL_QUEUE_URL: z.url(),
  ACCESS_TOKEN_ISSUER: z.url(),
  ACCESS_TOKEN_AUDIENCE: z.string().min(1),
  /** AWS: the Secrets Manager secret holding the signing keys and token secret. */
  KEYS_SECRET_ARN: z.string().min(1).optional(),
  /** Local twin: a JSON file holding the same document. */
  LOCAL_KEYS_FILE: z.string().min(1).optional(),
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  UPLOADS_BUCKET: z.string().min(1).optional(),
  MEDIA_BUCKET: z.string().min(1).optional(),
});

export interface AccountDepsConfig {
  readonly db: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly emailQueueUrl: string;
  readonly keySource: KeySource;
  readonly tokens: AccessTokenSettings;
  readonly rateLimitScale?: number;
  readonly media?: AccountMedia;
}

/** Photos, for areas that show avatars and delete people's objects (built in account-media.ts, so auth bundles no S3 code). */
export interface AccountMedia {
  readonly photos: PhotoRepository;
  readonly storage: PhotoStorage;
}

/** Builds the media dependencies from the function's buckets. */
export type MediaFactory = (where: { tableName: string; uploadsBucket: string; mediaBucket: string }) => AccountMedia;

/** Wires the repositories and ports over the given clients (functions, tests and the admin CLI). */
export function buildAccountDeps(config: AccountDepsConfig): AccountDeps {
  const { db, tableName } = config;
  return {
    tableName,
    users: new UserRepository(db, tableName),
    sessions: new SessionRepository(db, tableName),
    audit: new AuditLog(db, tableName),
    throttle: new LoginThrottle(db, tableName),
    rateLimiter: new RateLimiter(db, tableName),
    claims: new OneTimeClaims(db, tableName),
    emails: new EmailQueue(config.sqs, config.emailQueueUrl),
    keys: new KeyStore(config.keySource),
    tokens: config.tokens,
    rateLimitScale: config.rateLimitScale ?? 1,
    erasers: [friendsEraser(db, tableName)],
    ...(config.media ? { media: config.media } : {}),
  };
}

/** One set per media choice: the twin runs every area in one process, where auth has none and account has photos. */
const built = new Map<MediaFactory | undefined, AccountDeps>();

/**
 * The function's dependencies, configured from its environment on first use.
 * Areas that handle photos pass `media` (see account-media.ts); auth does not.
 */
export function accountDeps(media?: MediaFactory): AccountDeps {
  const cached = built.get(media);
  if (cached) return cached;
  const env = accountEnv();
  const keySource = env.KEYS_SECRET_ARN
    ? new SecretsManagerKeySource(secretsManager(), env.KEYS_SECRET_ARN)
    : env.LOCAL_KEYS_FILE
      ? new FileKeySource(env.LOCAL_KEYS_FILE)
      : undefined;
  if (!keySource) throw new Error('Configuration error: missing environment variable KEYS_SECRET_ARN (or LOCAL_KEYS_FILE locally)');
  const deps = buildAccountDeps({
    db: dynamo(),
    sqs: sqs(),
    tableName: env.TABLE_NAME,
    emailQueueUrl: env.EMAIL_QUEUE_URL,
    keySource,
    tokens: { issuer: env.ACCESS_TOKEN_ISSUER, audience: env.ACCESS_TOKEN_AUDIENCE },
    rateLimitScale: env.RATE_LIMIT_SCALE,
    ...(media && env.UPLOADS_BUCKET && env.MEDIA_BUCKET ? { media: media({ tableName: env.TABLE_NAME, uploadsBucket: env.UPLOADS_BUCKET, mediaBucket: env.MEDIA_BUCKET }) } : {}),
  });
  built.set(media, deps);
  return deps;
}
