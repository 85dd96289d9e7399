import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_DELETE_ATTEMPTS, batchDelete } from '../../shared/clients/batch-delete.ts';
import { clientSettings, CONNECTION_TIMEOUT_MS, MAX_ATTEMPTS, REQUEST_TIMEOUT_MS } from '../../shared/clients/client-settings.ts';
import { DependencyUnavailableError } from '../../shared/errors/domain-errors.ts';

const savedAttempts = process.env.AWS_MAX_ATTEMPTS;
afterEach(() => {
  if (savedAttempts === undefined) delete process.env.AWS_MAX_ATTEMPTS;
  else process.env.AWS_MAX_ATTEMPTS = savedAttempts;
});

describe('AWS client settings', () => {
  it('set a connection timeout, a request timeout that throws, and bounded attempts', () => {
    delete process.env.AWS_MAX_ATTEMPTS;
    expect(clientSettings()).toEqual({
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
  });

  it('let AWS_MAX_ATTEMPTS lower the attempts but never raise or remove the bound', () => {
    process.env.AWS_MAX_ATTEMPTS = '2';
    expect(clientSettings().maxAttempts).toBe(2);
    process.env.AWS_MAX_ATTEMPTS = '50';
    expect(clientSettings().maxAttempts).toBe(MAX_ATTEMPTS);
    process.env.AWS_MAX_ATTEMPTS = 'lots';
    expect(clientSettings().maxAttempts).toBe(MAX_ATTEMPTS);
  });
});

describe('batchDelete', () => {
  /** DynamoDB standing in for a throttled partition: every write comes back unprocessed. (A failure injected on purpose.) */
  function alwaysUnprocessed() {
    let calls = 0;
    const db = {
      send: async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
        calls += 1;
        return { UnprocessedItems: command.input.RequestItems };
      },
    } as unknown as DynamoDBDocumentClient;
    return { db, calls: () => calls };
  }

  it('gives up after a bounded number of attempts with a retryable DependencyUnavailableError', async () => {
    const { db, calls } = alwaysUnprocessed();
    const keys = [{ pk: 'USER#1', sk: 'SESSION#a' }];
    const failure = await batchDelete(db, 'kindred', keys).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect(calls()).toBe(BATCH_DELETE_ATTEMPTS);
  });

  it('retries only what DynamoDB left unprocessed, and stops when nothing is left', async () => {
    const sent: unknown[][] = [];
    const db = {
      send: async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
        const requests = command.input.RequestItems.kindred!;
        sent.push(requests);
        return sent.length === 1 ? { UnprocessedItems: { kindred: requests.slice(1) } } : {};
      },
    } as unknown as DynamoDBDocumentClient;
    await batchDelete(db, 'kindred', [
      { pk: 'P', sk: 'a' },
      { pk: 'P', sk: 'b' },
    ]);
    expect(sent.map((requests) => requests.length)).toEqual([2, 1]);
  });
});
