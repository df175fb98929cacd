import type { Speaker } from '@call-assist/shared';
import type { TranscriptWord } from '../streaming-transcriber.js';

/** One utterance of a recorded call. */
export interface TranscriptSegment {
  text: string;
  startMs: number;
  endMs: number;
  words?: TranscriptWord[];
  speaker?: Speaker;
  /**
   * The engine's diarization label (0, 1, …) where it separates voices. Which label is the agent is
   * not known here; analysis decides (e.g. whoever greets with the business name).
   */
  speakerLabel?: number;
}

export interface BatchTranscript {
  /** The engine that produced it. */
  provider: string;
  segments: TranscriptSegment[];
  durationMs: number;
}

/**
 * Transcribes a whole recording (16 kHz mono PCM16) at once: imported calls and finished live calls
 * whose live transcript is not good enough. Implementations: any streaming engine fed faster than
 * real time (local, WhisperLive), or an engine's own pre-recorded API (Deepgram).
 */
export interface BatchTranscriber {
  readonly name: string;
  transcribe(samples: Int16Array, options?: { keyterms?: string[] }): Promise<BatchTranscript>;
}
