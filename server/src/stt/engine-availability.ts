import { describeError, ProviderError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import type { SpeechEngine } from './speech-engine.js';

/** First probe of an engine marked unavailable, then doubling up to the last. */
const PROBE_DELAYS_MS = { first: 1_000, max: 30_000 } as const;

interface Health {
  available: boolean;
  /** Probing an unavailable engine. */
  timer: NodeJS.Timeout | undefined;
  delayMs: number;
}

/**
 * Which configured engines take new calls. An engine that failed to connect (or dropped a call and
 * refused the reconnect) is marked unavailable: new calls start directly on the next one instead of
 * each waiting out its timeout. It is probed in the background with backoff and restored once it
 * answers. An engine that is merely full (`capacity`) stays available.
 */
export class EngineAvailability {
  private readonly health = new Map<SpeechEngine, Health>();
  private closed = false;

  constructor(
    readonly engines: readonly SpeechEngine[],
    private readonly logger: Logger,
    private readonly probeDelaysMs: { first: number; max: number } = PROBE_DELAYS_MS,
  ) {
    for (const engine of engines) {
      this.health.set(engine, { available: true, timer: undefined, delayMs: probeDelaysMs.first });
      metrics.sttEngineAvailable.set({ provider: engine.name }, 1);
    }
  }

  isAvailable(engine: SpeechEngine): boolean {
    return this.health.get(engine)?.available ?? false;
  }

  /** Engines to try for a stream: the available ones of `order` (all of them if none is). */
  candidates(order: readonly SpeechEngine[] = this.engines): SpeechEngine[] {
    const available = order.filter((engine) => this.isAvailable(engine));
    return available.length > 0 ? available : [...order];
  }

  /** `engine` failed; unless it is only full, stop giving it new calls until a probe succeeds. */
  reportFailure(engine: SpeechEngine, error: unknown): void {
    if (error instanceof ProviderError && error.failure !== 'error') return;
    const health = this.health.get(engine);
    if (!health?.available || this.closed) return;
    health.available = false;
    health.delayMs = this.probeDelaysMs.first;
    metrics.sttEngineAvailable.set({ provider: engine.name }, 0);
    this.logger.warn({ provider: engine.name, err: describeError(error) }, 'speech engine marked unavailable; new calls go to the next engine');
    this.scheduleProbe(engine, health);
  }

  /** `engine` took a stream: it is evidently back. */
  reportSuccess(engine: SpeechEngine): void {
    const health = this.health.get(engine);
    if (!health || health.available) return;
    this.restore(engine, health);
  }

  private scheduleProbe(engine: SpeechEngine, health: Health): void {
    health.timer = setTimeout(() => void this.probe(engine, health), health.delayMs);
    health.timer.unref();
  }

  private async probe(engine: SpeechEngine, health: Health): Promise<void> {
    health.timer = undefined;
    if (this.closed || health.available) return;
    try {
      await engine.probe();
      if (!this.closed) this.restore(engine, health);
    } catch (error) {
      // Full means it answers: it is back.
      if (error instanceof ProviderError && error.failure === 'capacity') return this.restore(engine, health);
      if (this.closed || health.available) return;
      health.delayMs = Math.min(this.probeDelaysMs.max, health.delayMs * 2);
      this.logger.debug({ provider: engine.name, err: describeError(error), nextProbeMs: health.delayMs }, 'speech engine still unavailable');
      this.scheduleProbe(engine, health);
    }
  }

  private restore(engine: SpeechEngine, health: Health): void {
    clearTimeout(health.timer);
    health.timer = undefined;
    health.available = true;
    metrics.sttEngineAvailable.set({ provider: engine.name }, 1);
    this.logger.info({ provider: engine.name }, 'speech engine available again');
  }

  close(): void {
    this.closed = true;
    for (const health of this.health.values()) clearTimeout(health.timer);
  }
}
