import { ProviderError, describeError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { ReplayBuffer } from '../replay-buffer.js';
import type { StreamingTranscriber, TranscriberStream, TranscriberStreamOptions, TranscriptEvent } from '../streaming-transcriber.js';

/** Replayed audio goes to the next engine in chunks of this many samples (1 s). */
const REPLAY_CHUNK_SAMPLES = 16_000;

/**
 * An ordered chain of engines (STT_PROVIDERS, e.g. whisperlive,deepgram,local). A call opens on the
 * first that accepts it; when that engine fails mid-call, the call moves to the next one, which is
 * fed the audio not yet covered by a final, so the transcript has no gap and no duplicate. The
 * switch is reported through `onStatus`.
 */
export class FailoverTranscriber implements StreamingTranscriber {
  readonly name: string;

  constructor(
    private readonly providers: readonly StreamingTranscriber[],
    private readonly logger: Logger,
  ) {
    if (providers.length === 0) throw new Error('at least one speech engine is required');
    this.name = providers[0]!.name;
  }

  async open(options: TranscriberStreamOptions): Promise<TranscriberStream> {
    const stream = new FailoverStream(this.providers, options, options.logger ?? this.logger);
    await stream.start();
    return stream;
  }

  async close(): Promise<void> {
    await Promise.all(this.providers.map((provider) => provider.close()));
  }

  /** The configured engine names, in failover order. */
  get providerNames(): string[] {
    return this.providers.map((provider) => provider.name);
  }

  /**
   * The same engines with `name` tried first (a bulk import that asks for one engine); the others
   * stay behind it as failover. Shares the engines: closing this chain is closing the original.
   */
  preferring(name: string): FailoverTranscriber {
    const first = this.providers.find((provider) => provider.name === name);
    if (!first) throw new Error(`speech engine ${name} is not configured`);
    return new FailoverTranscriber([first, ...this.providers.filter((provider) => provider !== first)], this.logger);
  }
}

class FailoverStream implements TranscriberStream {
  private readonly replay = new ReplayBuffer();
  private current: { index: number; stream: TranscriberStream; offsetMs: number } | undefined;
  private switching: Promise<void> | undefined;
  private done = false;

  constructor(
    private readonly providers: readonly StreamingTranscriber[],
    private readonly options: TranscriberStreamOptions,
    private readonly logger: Logger,
  ) {}

  get provider(): string {
    return this.providers[this.current?.index ?? 0]!.name;
  }

  start(): Promise<void> {
    return this.openFrom(0, 'start');
  }

  /** Opens the first engine from `index` on that accepts the stream, and feeds it the uncovered audio. */
  private async openFrom(index: number, reason: string): Promise<void> {
    let lastError: ProviderError | undefined;
    for (let i = index; i < this.providers.length; i++) {
      const provider = this.providers[i]!;
      const { fromMs, samples } = this.replay.uncovered();
      const attempt = { index: i, offsetMs: fromMs };
      try {
        const stream = await provider.open({
          ...this.options,
          onTranscript: (event) => this.onTranscript(attempt, event),
          onError: (error) => this.onEngineError(attempt, error),
          onStatus: (status) => this.options.onStatus?.(status),
        });
        const previous = this.current;
        this.current = { ...attempt, stream };
        // Audio that arrived while this engine was opening is in the buffer too.
        const pending = this.replay.uncovered().samples.subarray(samples.length);
        for (const chunk of [samples, pending]) for (let at = 0; at < chunk.length; at += REPLAY_CHUNK_SAMPLES) stream.write(chunk.slice(at, at + REPLAY_CHUNK_SAMPLES));
        if (previous) {
          this.options.onStatus?.({ code: 'provider.switched', provider: provider.name, previous: this.providers[previous.index]!.name, atMs: Math.round(fromMs), reason });
        }
        return;
      } catch (error) {
        lastError = error instanceof ProviderError ? error : new ProviderError('engine_failed', (error as Error).message, true);
        this.logger.warn({ provider: provider.name, err: describeError(error) }, 'speech engine could not take the stream');
      }
    }
    throw lastError ?? new ProviderError('engine_unavailable', 'no speech engine could take the stream', true);
  }

  private onTranscript(attempt: { index: number; offsetMs: number }, event: TranscriptEvent): void {
    if (this.current?.index !== attempt.index || this.done) return;
    const shifted: TranscriptEvent = {
      ...event,
      startMs: event.startMs + attempt.offsetMs,
      endMs: event.endMs + attempt.offsetMs,
      ...(event.words && { words: event.words.map((w) => ({ ...w, startMs: w.startMs + attempt.offsetMs, endMs: w.endMs + attempt.offsetMs })) }),
    };
    if (shifted.kind === 'final') this.replay.coveredUntil(shifted.endMs);
    this.options.onTranscript(shifted);
  }

  private onEngineError(attempt: { index: number }, error: ProviderError): void {
    if (this.current?.index !== attempt.index || this.done) return;
    const failed = this.providers[attempt.index]!.name;
    this.logger.warn({ provider: failed, err: describeError(error) }, 'speech engine failed mid-call, failing over');
    this.switching = this.openFrom(attempt.index + 1, `${failed}: ${error.message}`)
      .catch((final: unknown) => {
        this.done = true;
        this.options.onError(final instanceof ProviderError ? final : error);
      })
      .finally(() => (this.switching = undefined));
  }

  write(samples: Int16Array): void {
    if (this.done) return;
    this.replay.append(samples);
    // While switching, audio waits in the buffer; the next engine gets it on opening.
    if (!this.switching) this.current?.stream.write(samples);
  }

  async finish(): Promise<void> {
    await this.switching;
    if (this.done) return;
    const current = this.current;
    await current?.stream.finish();
    await this.switching; // the engine may have failed while finishing
    if (this.current !== current && !this.done) await this.current?.stream.finish();
    this.done = true;
  }

  abort(): void {
    this.done = true;
    this.current?.stream.abort();
  }
}
