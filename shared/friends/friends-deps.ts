import * as z from 'zod';
import { dynamo } from '../clients/dynamodb.ts';
import { s3 } from '../clients/s3.ts';
import { sqs } from '../clients/sqs.ts';
import { lazyEnv } from '../config/env.ts';
import { EmailQueue } from '../email/email-queue.ts';
import { presignedMediaUrls } from '../photos/media-urls.ts';
import type { DiscoveryDeps } from './discovery.ts';
import { FriendProfileRepository, type FriendProfileDeps } from './friend-profiles.ts';
import type { MatchDeps } from './matches.ts';

const friendsEnv = lazyEnv({
  TABLE_NAME: z.string().min(1),
  EMAIL_QUEUE_URL: z.url(),
  MEDIA_BUCKET: z.string().min(1),
});

export type FriendsDeps = FriendProfileDeps & DiscoveryDeps & MatchDeps;

let deps: FriendsDeps | undefined;

/** The friends function's dependencies, configured from its environment on first use. */
export function friendsDeps(): FriendsDeps {
  if (!deps) {
    const env = friendsEnv();
    const db = dynamo();
    deps = {
      db,
      tableName: env.TABLE_NAME,
      profiles: new FriendProfileRepository(db, env.TABLE_NAME),
      emails: new EmailQueue(sqs(), env.EMAIL_QUEUE_URL),
      storage: presignedMediaUrls(s3(), env.MEDIA_BUCKET),
    };
  }
  return deps;
}
