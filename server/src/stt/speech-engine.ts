import type { ProviderError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { TranscriptEvent } from './streaming-transcriber.js';

export interface EngineConnectOptions {
  sampleRateHz: number;
  /** Interleaved channels in `send` (1 or 2): the engine recognises each on its own and says which in each event. */
  channels: number;
  keyterms: string[];
  logger: Logger;
  /** The engine's events, in ms of *this connection's* audio (the stream moves them into call time), with their `channel`. */
  onTranscript(event: TranscriptEvent): void;
  /**
   * The connection ended without `finish` or `close` from our side. `error.retryable` says whether a
   * new connection may work; `error.failure` whether the engine is merely full or ended a session.
   */
  onClosed(error: ProviderError): void;
}

/** One connection to an engine: what a provider implements per stream. */
export interface EngineConnection {
  /** Audio (interleaved over the channels), in order; dropped silently once the connection is closing. */
  send(samples: Int16Array): void;
  /** No more audio: resolves once the engine delivered its last results, or the connection is gone (bounded). */
  finish(): Promise<void>;
  /** Drops the connection at once; nothing more is delivered. */
  close(): void;
}

/**
 * A speech-to-text engine as providers implement it (local, Deepgram, WhisperLive): open a
 * connection, send audio, parse its events, map its errors to ProviderErrors. Everything else of a
 * call's stream — lifecycle, call-time offsets, the replay buffer, reconnects, failover, engine
 * availability and metrics — is `SpeechStream`'s, the same for every engine.
 */
export interface SpeechEngine {
  readonly name: string;
  /** Opens a connection; rejects with a ProviderError (`failure: 'capacity'` when full). */
  connect(options: EngineConnectOptions): Promise<EngineConnection>;
  /** Resolves when the engine answers (it was marked unavailable and is probed in the background). */
  probe(): Promise<void>;
  close(): Promise<void>;
}
