import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(bucket.take(10)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 1_000;
    expect(bucket.take(5)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 100_000;
    expect(bucket.take(10)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });
});
