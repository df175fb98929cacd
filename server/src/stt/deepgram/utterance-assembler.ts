import type { TranscriptEvent, TranscriptWord } from '../streaming-transcriber.js';
import type { DeepgramResults } from './deepgram-messages.js';

/** A piece of one utterance as Deepgram reported it, in call-audio milliseconds. */
interface Span {
  text: string;
  words: TranscriptWord[];
  startMs: number;
  endMs: number;
}

const toMs = (seconds: number) => Math.round(seconds * 1000);

function toSpan(results: DeepgramResults): Span {
  const alternative = results.channel.alternatives[0];
  const words = (alternative?.words ?? []).map((w) => ({ word: w.word, startMs: toMs(w.start), endMs: toMs(w.end) }));
  return {
    text: alternative?.transcript.trim() ?? '',
    words,
    startMs: words[0]?.startMs ?? toMs(results.start),
    endMs: words.at(-1)?.endMs ?? toMs(results.start + results.duration),
  };
}

const joinText = (spans: Span[]) =>
  spans
    .map((span) => span.text)
    .filter((text) => text !== '')
    .join(' ');

/**
 * Turns Deepgram's Results stream into our utterance model. Deepgram finalises an utterance in
 * several `is_final` spans and only marks the last one (`speech_final`), so a phrase can straddle
 * two spans: the partial we emit is always the whole utterance so far (final spans plus the
 * current interim), and one final closes it on `speech_final`, `UtteranceEnd`, a Finalize result
 * or the end of the stream — never twice, never empty.
 */
export class UtteranceAssembler {
  private finals: Span[] = [];
  private interim: Span | undefined;
  private lastPartial = { text: '', startMs: 0, endMs: 0 };
  /** End of the last final emitted: a span ending before it was already delivered. */
  private committedUntilMs = -1;

  constructor(private readonly emit: (event: TranscriptEvent) => void) {}

  onResults(results: DeepgramResults): void {
    const span = toSpan(results);
    if (!results.is_final) {
      this.interim = span;
      this.emitPartial();
      return;
    }
    this.interim = undefined;
    if (span.text !== '' && span.endMs > this.committedUntilMs) this.finals.push(span);
    if (results.speech_final || results.from_finalize) this.flush();
    else this.emitPartial();
  }

  /** Deepgram heard no word for `utterance_end_ms`: the utterance is over even without an endpoint. */
  onUtteranceEnd(): void {
    this.flush();
  }

  /** The stream ended normally: whatever Deepgram reported is all there will be. */
  end(): void {
    if (this.interim && this.interim.text !== '' && this.interim.endMs > this.committedUntilMs) this.finals.push(this.interim);
    this.interim = undefined;
    this.flush();
  }

  private emitPartial(): void {
    const spans = this.interim ? [...this.finals, this.interim] : this.finals;
    const text = joinText(spans);
    if (text === '' && this.lastPartial.text === '') return;
    const startMs = spans[0]?.startMs ?? this.lastPartial.startMs;
    this.lastPartial = { text, startMs, endMs: Math.max(spans.at(-1)?.endMs ?? 0, this.lastPartial.endMs) };
    this.emit({ kind: 'partial', ...this.lastPartial });
  }

  private flush(): void {
    const spans = this.finals;
    this.finals = [];
    const text = joinText(spans);
    if (text === '') {
      // Deepgram took back what it had shown: clear the partial the rep is looking at.
      if (!this.interim && this.lastPartial.text !== '') this.emitPartial();
      return;
    }
    const words = spans.flatMap((span) => span.words);
    const startMs = spans[0]!.startMs;
    const endMs = Math.max(spans.at(-1)!.endMs, startMs + 1);
    this.committedUntilMs = endMs;
    this.lastPartial = { text: '', startMs: endMs, endMs };
    this.emit({ kind: 'final', text, startMs, endMs, words });
    // Words Deepgram is still unsure of belong to the next utterance: show them again.
    if (this.interim) this.emitPartial();
  }
}
