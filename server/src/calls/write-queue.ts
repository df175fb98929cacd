import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

const RETRY_DELAYS_MS = [100, 300, 1_000, 3_000, 10_000];

/**
 * Serial writes for one call, each retried with backoff so a database restart mid-call loses
 * nothing; `drain` resolves when everything queued so far is written (or given up on).
 */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  failed = 0;

  constructor(private readonly logger: Logger) {}

  enqueue(what: string, write: () => Promise<unknown>): void {
    this.tail = this.tail.then(() => this.withRetries(what, write));
  }

  drain(): Promise<void> {
    return this.tail;
  }

  private async withRetries(what: string, write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          this.failed++;
          this.logger.error({ err: describeError(error), what }, 'write failed after retries');
          return;
        }
        this.logger.warn({ err: describeError(error), what, attempt }, 'write failed, retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
