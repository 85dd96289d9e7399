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
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      const conflicted = reasons.some((reason) => reason.Code === 'TransactionConflict');
      if (!conflicted || tries >= maxTries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * tries + Math.random() * 30));
    }
  }
}
