/** Why each item of a cancelled transaction failed (`ConditionalCheckFailed`, `TransactionConflict`, `None`), in item order. */
export function cancellationCodes(error: unknown): Array<string | undefined> | undefined {
  return (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons?.map((reason) => reason.Code);
}

/**
 * Retries a DynamoDB transaction that lost a race with another one on the same items
 * (`TransactionConflict` among its cancellation reasons), with a short jittered backoff. Any other
 * failure, and the last conflict, is the caller's to explain.
 */
export async function withConflictRetry<T>(attempt: () => Promise<T>, maxTries = 5): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const conflicted = cancellationCodes(error)?.includes('TransactionConflict') ?? false;
      if (!conflicted || tries >= maxTries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * tries + Math.random() * 30));
    }
  }
}
