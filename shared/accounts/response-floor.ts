/**
 * Waits until `floorMs` have passed since `startedAt` (a performance.now()
 * reading). Answers that must not tell a known address from an unknown one
 * (a failed login, a reset request, a resend) do different work for each;
 * a floor above the slower path's usual time makes them take the same time.
 */
export async function noSoonerThan(floorMs: number, startedAt: number): Promise<void> {
  const remaining = floorMs - (performance.now() - startedAt);
  if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
}
