import { TokenBucket } from '../calls/token-bucket.js';

/**
 * One token bucket per key (a user, an address): `take` says whether the key may go on and, if not,
 * in how many seconds. Buckets idle long enough to be full again are dropped, so memory follows the
 * active keys, not every key ever seen. Per process: each gateway limits what it serves.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    const refillMs = (burst / perSecond) * 1000;
    this.sweeper = setInterval(() => this.sweep(refillMs), Math.max(10_000, Math.min(refillMs, 300_000)));
    this.sweeper.unref();
  }

  take(key: string, cost = 1): { ok: true } | { ok: false; retryAfterS: number } {
    let entry = this.buckets.get(key);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.burst, this.perSecond, this.now), usedAt: 0 };
      this.buckets.set(key, entry);
    }
    entry.usedAt = this.now();
    if (entry.bucket.take(cost)) return { ok: true };
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(cost / this.perSecond)) };
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private sweep(refillMs: number): void {
    const now = this.now();
    for (const [key, entry] of this.buckets) if (now - entry.usedAt > refillMs) this.buckets.delete(key);
  }
}
