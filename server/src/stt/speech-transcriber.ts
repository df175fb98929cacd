import type { Logger } from '../lib/logger.js';
import { EngineAvailability } from './engine-availability.js';
import type { SpeechEngine } from './speech-engine.js';
import { DEFAULT_STREAM_POLICY, SpeechStream, type StreamPolicy } from './speech-stream.js';
import type { StreamingTranscriber, TranscriberStream, TranscriberStreamOptions } from './streaming-transcriber.js';

/**
 * The configured engines in failover order (STT_PROVIDERS, e.g. whisperlive,deepgram,local) as one
 * StreamingTranscriber: a stream opens on the first available engine that takes it and moves on
 * (reconnect, failover) as `SpeechStream` decides; engines that fail are skipped by new streams
 * until their background probe succeeds (`EngineAvailability`).
 */
export class SpeechTranscriber implements StreamingTranscriber {
  readonly name: string;

  private constructor(
    private readonly order: readonly SpeechEngine[],
    private readonly availability: EngineAvailability,
    private readonly logger: Logger,
    private readonly policy: StreamPolicy,
    /** A `preferring` view shares the engines and does not close them. */
    private readonly owner: boolean,
  ) {
    if (order.length === 0) throw new Error('at least one speech engine is required');
    this.name = order[0]!.name;
  }

  static of(engines: readonly SpeechEngine[], logger: Logger, options: { policy?: Partial<StreamPolicy>; probeDelaysMs?: { first: number; max: number } } = {}): SpeechTranscriber {
    const availability = new EngineAvailability(engines, logger, options.probeDelaysMs);
    return new SpeechTranscriber(engines, availability, logger, { ...DEFAULT_STREAM_POLICY, ...options.policy }, true);
  }

  async open(options: TranscriberStreamOptions): Promise<TranscriberStream> {
    const stream = new SpeechStream(this.availability, this.order, options, this.policy, this.logger);
    await stream.start();
    return stream;
  }

  /** The configured engine names, in failover order. */
  get providerNames(): string[] {
    return this.order.map((engine) => engine.name);
  }

  /** Whether an engine takes new streams now (false while it is marked unavailable). */
  isAvailable(name: string): boolean {
    const engine = this.order.find((candidate) => candidate.name === name);
    return engine !== undefined && this.availability.isAvailable(engine);
  }

  /** The same engines with `name` tried first (a bulk import that asks for one engine); the others stay behind it. */
  preferring(name: string): SpeechTranscriber {
    const first = this.order.find((engine) => engine.name === name);
    if (!first) throw new Error(`speech engine ${name} is not configured`);
    return new SpeechTranscriber([first, ...this.order.filter((engine) => engine !== first)], this.availability, this.logger, this.policy, false);
  }

  async close(): Promise<void> {
    if (!this.owner) return;
    this.availability.close();
    await Promise.all(this.order.map((engine) => engine.close()));
  }
}
