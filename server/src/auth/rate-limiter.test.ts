import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  let limiter: RateLimiter | undefined;
  afterEach(() => limiter?.stop());

  it('allows the burst, then one per refill interval, per key', () => {
    let now = 0;
    limiter = new RateLimiter(3, 0.5, () => now);
    expect([1, 2, 3, 4].map(() => limiter!.take('a').ok)).toEqual([true, true, true, false]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterS: 2 });
    // Another key has its own budget.
    expect(limiter.take('b').ok).toBe(true);
    now += 2_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('charges by cost (bytes) and says how long a large request must wait', () => {
    limiter = new RateLimiter(100, 10, () => 0);
    expect(limiter.take('a', 60).ok).toBe(true);
    expect(limiter.take('a', 60)).toEqual({ ok: false, retryAfterS: 6 });
  });
});
