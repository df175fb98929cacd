/**
 * `fn` over `items` with at most `limit` calls running at once; results in input order. The first
 * failure aborts the shared signal (so requests in flight stop), starts nothing new, and is thrown
 * once every running call has settled — nothing keeps running after this returns.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number, signal: AbortSignal) => Promise<R>): Promise<R[]> {
  const controller = new AbortController();
  const results: R[] = [];
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index, controller.signal);
      } catch (error) {
        if (failure === null) {
          failure = { error };
          controller.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
