import type { TranscriptEvent } from '../streaming-transcriber.js';
import type { PocketSphinxDecoder } from './pocketsphinx.js';

/** The PocketSphinx US English model decodes 16 kHz audio (the engine refuses other rates). */
export const MODEL_SAMPLE_RATE_HZ = 16_000;
const MODEL_SAMPLES_PER_MS = MODEL_SAMPLE_RATE_HZ / 1000;
/** Audio per decoding step: a fresh partial at most every 100 ms while speech continues. */
const STEP_SAMPLES = 1_600;
/**
 * An unchanged hypothesis is sent again after this much more speech: clients see progress at least
 * every 250 ms of audio, and a phrase that stays put is confirmed without waiting for the next word.
 */
const REPEAT_PARTIAL_AFTER_MS = 200;

/**
 * Runs one call's audio through a PocketSphinx decoder: partials as the hypothesis changes, a final
 * whenever the decoder's voice activity detector sees the utterance end.
 */
export class UtteranceDecoder {
  private pending = new Int16Array(0);
  private samplesDone = 0;
  private inUtterance = false;
  private utteranceStartMs = 0;
  private lastPartial = '';
  private lastPartialAtMs = 0;

  constructor(
    private readonly decoder: PocketSphinxDecoder,
    private readonly emit: (event: TranscriptEvent) => void,
  ) {
    decoder.startStream();
    decoder.startUtterance();
  }

  write(samples: Int16Array): void {
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    let offset = 0;
    for (; offset + STEP_SAMPLES <= joined.length; offset += STEP_SAMPLES) this.step(joined.subarray(offset, offset + STEP_SAMPLES));
    this.pending = joined.slice(offset);
  }

  /** Decodes what is left and emits the last final. The decoder is then free for another call. */
  finish(): void {
    if (this.pending.length > 0) this.step(this.pending);
    this.pending = new Int16Array(0);
    this.decoder.endUtterance();
    this.emitFinal();
  }

  /** Stops mid-call without a final, leaving the decoder reusable. */
  abandon(): void {
    this.decoder.endUtterance();
  }

  private step(samples: Int16Array): void {
    this.decoder.process(samples);
    this.samplesDone += samples.length;
    const inSpeech = this.decoder.inSpeech();
    if (inSpeech && !this.inUtterance) {
      this.inUtterance = true;
      this.utteranceStartMs = Math.max(0, this.nowMs() - 300);
    }
    if (!this.inUtterance) return;
    if (!inSpeech) {
      this.decoder.endUtterance();
      this.emitFinal();
      this.decoder.startUtterance();
      return;
    }
    const hypothesis = this.decoder.hypothesis();
    const now = this.nowMs();
    if (hypothesis !== '' && (hypothesis !== this.lastPartial || now - this.lastPartialAtMs >= REPEAT_PARTIAL_AFTER_MS)) {
      this.lastPartial = hypothesis;
      this.lastPartialAtMs = now;
      this.emit({ kind: 'partial', text: hypothesis, startMs: this.utteranceStartMs, endMs: now });
    }
  }

  private emitFinal(): void {
    const text = this.decoder.hypothesis();
    const words = this.decoder.words();
    if (text !== '') {
      this.emit({
        kind: 'final',
        text,
        startMs: words[0]?.startMs ?? this.utteranceStartMs,
        endMs: words.at(-1)?.endMs ?? this.nowMs(),
        words,
      });
    } else if (this.lastPartial !== '') {
      // The engine took everything back (noise): clear the partial the client is showing.
      this.emit({ kind: 'partial', text: '', startMs: this.utteranceStartMs, endMs: this.nowMs() });
    }
    this.inUtterance = false;
    this.lastPartial = '';
  }

  private nowMs(): number {
    return Math.round(this.samplesDone / MODEL_SAMPLES_PER_MS);
  }
}
