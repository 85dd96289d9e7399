import * as z from 'zod';
import { dynamo } from '../clients/dynamodb.ts';
import { s3 } from '../clients/s3.ts';
import { lazyEnv } from '../config/env.ts';
import { EntryRepository } from './entry-repository.ts';
import { MediaLinks } from './media-links.ts';
import type { JournalDeps } from './journal-service.ts';

const journalEnv = lazyEnv({ TABLE_NAME: z.string().min(1), MEDIA_BUCKET: z.string().min(1) });

let deps: JournalDeps | undefined;

export function journalDeps(): JournalDeps {
  if (!deps) {
    const env = journalEnv();
    deps = { entries: new EntryRepository(dynamo(), env.TABLE_NAME), media: new MediaLinks(s3(), env.MEDIA_BUCKET), now: () => new Date() };
  }
  return deps;
}
