import { describeError, ProviderError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics, seconds } from '../lib/metrics.js';
import { AudioClock } from './audio-clock.js';
import type { EngineAvailability } from './engine-availability.js';
import { ReplayBuffer } from './replay-buffer.js';
import type { EngineConnection, SpeechEngine } from './speech-engine.js';
import type { TranscriberStream, TranscriberStreamOptions, TranscriptEvent } from './streaming-transcriber.js';

export interface StreamPolicy {
  /** Drops in a row (no final in between) reconnected to the same engine before failing over to the next. */
  reconnectAttempts: number;
  /** Wait before the n-th reconnect in a row (the first is immediate): base × 2^(n-2). */
  reconnectBackoffMs: number;
  /** Most audio not yet covered by a final that is kept for a replay. */
  replayMaxMs: number;
}

export const DEFAULT_STREAM_POLICY: StreamPolicy = { reconnectAttempts: 1, reconnectBackoffMs: 500, replayMaxMs: 120_000 };

/** Replayed audio goes to a new connection in chunks of this much. */
const REPLAY_CHUNK_MS = 1_000;

/**
 * `connecting` → `streaming` ⇄ `switching` (a new connection, to the same engine or the next) →
 * `finishing` → `closed`.
 */
type State = 'connecting' | 'streaming' | 'switching' | 'finishing' | 'closed';

/** One connection of the stream; callbacks of a connection that is no longer current are ignored. */
interface Link {
  engine: SpeechEngine;
  connection?: EngineConnection;
  /** Call-audio time of the connection's first sample: its event times are shifted by it. */
  offsetMs: number;
}

type Connected = { ok: true } | { ok: false; error: ProviderError };

/**
 * One call's audio into the speech engines, whichever engine serves it: owns the stream's
 * lifecycle, the one replay buffer (audio not yet covered by a final), the call-time offsets of
 * every connection, reconnecting to the same engine (session limit, dropped connection) and
 * failing over to the next available one — each new connection is fed the uncovered audio, so the
 * transcript has no gap and no duplicate — plus the engine metrics. Providers only connect, send
 * and parse (`SpeechEngine`).
 */
export class SpeechStream implements TranscriberStream {
  private state: State = 'connecting';
  private readonly replay: ReplayBuffer;
  private readonly clock: AudioClock;
  /** Interleaved samples per ms of audio. */
  private readonly samplesPerMs: number;
  private readonly channels: number;
  private link: Link | undefined;
  /** The engine of the last connection (the current one's, or the one that just failed). */
  private lastEngine: SpeechEngine;
  private switching: Promise<void> | undefined;
  private finishing: Promise<void> | undefined;
  /** Connections lost in a row without a final in between: past `reconnectAttempts`, the stream fails over. */
  private drops = 0;
  private readonly logger: Logger;

  constructor(
    private readonly availability: EngineAvailability,
    /** Engines in the order this stream prefers them. */
    private readonly engines: readonly SpeechEngine[],
    private readonly options: TranscriberStreamOptions,
    private readonly policy: StreamPolicy,
    logger: Logger,
  ) {
    this.channels = options.channels ?? 1;
    this.samplesPerMs = (options.sampleRateHz / 1000) * this.channels;
    this.replay = new ReplayBuffer(options.sampleRateHz, this.channels, policy.replayMaxMs, options.startAtMs ?? 0);
    this.clock = new AudioClock(options.startAtMs ?? 0);
    this.logger = options.logger ?? logger;
    this.lastEngine = engines[0]!;
  }

  get provider(): string {
    return this.lastEngine.name;
  }

  /** Connects to the first engine that takes the stream, available ones first; rejects if none does. */
  async start(): Promise<void> {
    const connected = await this.connectFirst(this.availability.candidates(this.engines));
    if (!connected.ok) {
      this.state = 'closed';
      throw connected.error;
    }
  }

  write(samples: Int16Array): void {
    if (this.state === 'finishing' || this.state === 'closed' || samples.length === 0) return;
    this.clock.record(samples.length / this.samplesPerMs, performance.now());
    this.replay.append(samples);
    // While switching, audio waits in the replay buffer; the next connection gets it on opening.
    if (this.state === 'streaming') this.link?.connection?.send(samples);
  }

  arrivalOf(ms: number): number | undefined {
    return this.clock.arrivalOf(ms);
  }

  finish(): Promise<void> {
    if (this.state === 'closed') return Promise.resolve();
    this.finishing ??= this.finishAll();
    return this.finishing;
  }

  private async finishAll(): Promise<void> {
    this.state = 'finishing';
    for (;;) {
      await this.switching;
      const link = this.link;
      if (!link?.connection || this.state !== 'finishing') break;
      await link.connection.finish();
      // The connection failed while finishing and the stream is moving on (or has): finish the new one too.
      if (this.switching || (this.link !== link && this.link !== undefined)) continue;
      break;
    }
    this.link = undefined;
    this.state = 'closed';
  }

  /** Read through a method: the state changes across awaits, which narrowing does not see. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  abort(): void {
    this.state = 'closed';
    this.link?.connection?.close();
    this.link = undefined;
  }

  private onEngineEvent(link: Link, event: TranscriptEvent): void {
    if (link !== this.link || this.state === 'closed') return;
    const shifted = { ...shift(event, link.offsetMs), channel: event.channel ?? 0 };
    const arrivedAt = this.clock.arrivalOf(shifted.endMs);
    if (arrivedAt !== undefined) metrics.sttLatency.observe({ provider: link.engine.name, kind: event.kind }, seconds(performance.now() - arrivedAt));
    if (shifted.kind === 'final') {
      this.replay.coveredUntil(shifted.endMs, shifted.channel);
      this.drops = 0;
    }
    this.options.onTranscript(shifted);
  }

  private onEngineClosed(link: Link, error: ProviderError): void {
    if (link !== this.link || this.state === 'closed') return;
    this.link = undefined;
    // Finishing with everything transcribed: nothing is left for another connection to do.
    if (this.state === 'finishing' && this.replay.uncoveredMs === 0) return;
    if (this.state === 'streaming') this.state = 'switching';
    this.switching = this.recover(link.engine, error).finally(() => (this.switching = undefined));
  }

  /** A connection ended under the stream: a new one to the same engine, else the next available. */
  private async recover(engine: SpeechEngine, error: ProviderError): Promise<void> {
    const sessionEnded = error.failure === 'session-ended';
    if (!sessionEnded) {
      this.drops++;
      this.logger.warn({ provider: engine.name, err: describeError(error), drops: this.drops }, 'speech engine connection lost mid-stream');
    }
    // A session limit is routine; a drop is retried on the same engine while it keeps making progress.
    const retrySame = sessionEnded || (error.retryable && this.availability.isAvailable(engine) && this.drops <= this.policy.reconnectAttempts);
    if (retrySame && !sessionEnded && this.drops > 1) await new Promise((resolve) => setTimeout(resolve, this.policy.reconnectBackoffMs * 2 ** (this.drops - 2)));
    const order = [...(retrySame ? [engine] : []), ...this.availability.candidates(this.engines).filter((other) => other !== engine)];
    const connected = await this.connectFirst(order, error);
    if (this.isClosed()) return;
    if (!connected.ok) {
      this.state = 'closed';
      this.options.onError(connected.error);
      return;
    }
    const now = this.lastEngine;
    if (now === engine) {
      metrics.sttReconnects.inc({ provider: engine.name, reason: sessionEnded ? 'session-ended' : 'dropped' });
      return;
    }
    this.drops = 0;
    metrics.sttFailovers.inc({ from: engine.name, to: now.name });
    this.options.onStatus?.({ code: 'provider.switched', provider: now.name, previous: engine.name, atMs: Math.round(this.link!.offsetMs), reason: `${engine.name}: ${error.message}` });
  }

  /** Tries `order` until one engine takes the stream, feeding it the uncovered audio; `cause` is reported if none does. */
  private async connectFirst(order: readonly SpeechEngine[], cause?: ProviderError): Promise<Connected> {
    let lastError: ProviderError | undefined = cause;
    for (const engine of order) {
      if (this.isClosed()) break;
      const link: Link = { engine, offsetMs: 0 };
      try {
        const connection = await engine.connect({
          sampleRateHz: this.options.sampleRateHz,
          channels: this.channels,
          keyterms: this.options.keyterms,
          logger: this.logger,
          onTranscript: (event) => this.onEngineEvent(link, event),
          onClosed: (closed) => this.onEngineClosed(link, closed),
        });
        // Aborted while connecting.
        if (this.isClosed()) {
          connection.close();
          break;
        }
        link.connection = connection;
        this.availability.reportSuccess(engine);
        this.begin(link);
        return { ok: true };
      } catch (failure) {
        lastError = failure instanceof ProviderError ? failure : new ProviderError('engine_failed', describeError(failure).message, true);
        this.availability.reportFailure(engine, lastError);
        this.logger.warn({ provider: engine.name, err: describeError(lastError) }, 'speech engine could not take the stream');
      }
    }
    return { ok: false, error: lastError ?? new ProviderError('engine_closed', 'the speech stream was closed', true) };
  }

  /** The connection is current: it gets the audio not yet final (with what arrived while it opened), then the live audio. */
  private begin(link: Link): void {
    const { fromMs, samples } = this.replay.uncovered();
    link.offsetMs = fromMs;
    this.link = link;
    this.lastEngine = link.engine;
    const chunk = REPLAY_CHUNK_MS * this.samplesPerMs;
    // Whole frames of every channel per chunk (samplesPerMs counts all channels).
    for (let at = 0; at < samples.length; at += chunk) link.connection!.send(samples.subarray(at, at + chunk));
    if (this.state === 'connecting' || this.state === 'switching') this.state = 'streaming';
  }
}

function shift(event: TranscriptEvent, offsetMs: number): TranscriptEvent {
  if (offsetMs === 0) return event;
  return {
    ...event,
    startMs: event.startMs + offsetMs,
    endMs: event.endMs + offsetMs,
    ...(event.words && { words: event.words.map((word) => ({ ...word, startMs: word.startMs + offsetMs, endMs: word.endMs + offsetMs })) }),
  };
}
