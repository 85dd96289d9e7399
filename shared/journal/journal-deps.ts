import * as z from 'zod';
import { dynamo } from '../clients/dynamodb.ts';
import { lazyEnv } from '../config/env.ts';
import { EntryRepository } from './entry-repository.ts';
import type { JournalDeps } from './journal-service.ts';

const journalEnv = lazyEnv({ TABLE_NAME: z.string().min(1) });

let deps: JournalDeps | undefined;

export function journalDeps(): JournalDeps {
  deps ??= { entries: new EntryRepository(dynamo(), journalEnv().TABLE_NAME), now: () => new Date() };
  return deps;
}
