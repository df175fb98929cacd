import type { Speaker } from '@call-assist/shared';
import type { ProviderError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

export interface TranscriptWord {
  word: string;
  startMs: number;
  endMs: number;
}

/**
 * What every speech engine reports, in call-audio milliseconds. A `partial` is the current
 * hypothesis of the utterance in progress (it replaces the previous partial); a `final` closes the
 * utterance, and the next partial belongs to a new one.
 */
export interface TranscriptEvent {
  kind: 'partial' | 'final';
  text: string;
  startMs: number;
  endMs: number;
  words?: TranscriptWord[];
  /** The audio channel it was heard on (0 for one-channel audio); each channel has its own utterances. */
  channel?: number;
  speaker?: Speaker;
}

export interface TranscriberStreamOptions {
  sampleRateHz: number;
  /** Interleaved channels of the audio (default 1): each is recognised on its own. */
  channels?: number;
  /** Phrases worth boosting (engines that support keyterms/hotwords use them). */
  keyterms: string[];
  /** Call audio before this stream's first sample (a call continued from another gateway): event times start there. */
  startAtMs?: number;
  onTranscript(event: TranscriptEvent): void;
  /** The stream failed for good (every engine) and emits nothing more. */
  onError(error: ProviderError): void;
  /** Something the rep should know that does not stop the stream (a switch to another engine). */
  onStatus?(status: TranscriberStatus): void;
  /** The call's logger (it carries the call id), for what happens to this stream; default the engine's. */
  logger?: Logger;
}

export interface TranscriberStatus {
  code: 'provider.switched';
  /** The engine now serving the stream. */
  provider: string;
  previous: string;
  /** Call-audio time of the switch. */
  atMs: number;
  reason: string;
}

/** One call's audio stream into the speech engines (through failovers and reconnects). */
export interface TranscriberStream {
  /** The engine serving the stream now (it changes on failover). */
  readonly provider: string;
  /** PCM16 samples at the negotiated rate, interleaved over the stream's channels, in order. */
  write(samples: Int16Array): void;
  /** When the gateway received the audio at call time `ms` (performance.now()), for latency figures. */
  arrivalOf(ms: number): number | undefined;
  /** No more audio: resolves once the engine delivered its last final. */
  finish(): Promise<void>;
  /** Drops the stream at once; nothing more is delivered. */
  abort(): void;
}

/**
 * The configured speech engines behind one interface (the failover chain). `open` rejects with a
 * ProviderError when no engine can take another stream.
 */
export interface StreamingTranscriber {
  /** The first engine of the chain. */
  readonly name: string;
  open(options: TranscriberStreamOptions): Promise<TranscriberStream>;
  close(): Promise<void>;
}
