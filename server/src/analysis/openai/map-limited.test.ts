import { describe, expect, it } from 'vitest';
import { mapLimited } from './map-limited.js';

/** A promise the test settles when it chooses, so the order of events is fixed by the test, not by timing. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('mapLimited', () => {
  it('runs at most `limit` calls at once and returns results in input order', async () => {
    const gates = [0, 1, 2, 3, 4].map(() => deferred<void>());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const done = mapLimited([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      most = Math.max(most, ++running);
      await gates[item]!.promise;
      running--;
      return item * 10;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    // Finishing the second item lets exactly one more start.
    gates[1]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await done).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('throws the first failure, aborts the calls in flight and starts no more', async () => {
    const gates = [0, 1, 2, 3].map(() => deferred<void>());
    const started: number[] = [];
    const aborted: number[] = [];
    const done = mapLimited([0, 1, 2, 3], 2, async (item, _index, signal) => {
      started.push(item);
      const onAbort = () => {
        aborted.push(item);
        gates[item]!.reject(new Error(`aborted ${item}`));
      };
      signal.addEventListener('abort', onAbort);
      try {
        await gates[item]!.promise;
        return item;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    });
    await Promise.resolve();
    gates[0]!.reject(new Error('chunk 0 failed'));
    await expect(done).rejects.toThrow('chunk 0 failed');
    expect(started).toEqual([0, 1]);
    expect(aborted).toEqual([1]);
  });
});
