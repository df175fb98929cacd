import type { TranscriptEvent } from '../../stt/streaming-transcriber.js';

/** Call audio past a final's end after which another channel is taken to have reported any earlier utterance. */
const REPORT_SLACK_MS = 600;
/** Longest a final waits for another channel's earlier utterance to end. */
const MAX_HOLD_MS = 4_000;

/**
 * Releases the finals of a call's channels in order of audio time. Each channel's engine reports at
 * its own pace, so a final waits while another channel may still report an earlier one: that channel
 * has an utterance open that began before it, or (nothing open) the audio has not yet run
 * `REPORT_SLACK_MS` past the final's end. It waits at most `MAX_HOLD_MS` of call audio. A one-channel
 * call's finals go at once. Driven by the call's own events and audio, never by a clock.
 */
export class FinalsInOrder {
  /** Per channel: where its open utterance began (a partial with words is showing), else undefined. */
  private readonly open: (number | undefined)[];
  private held: TranscriptEvent[] = [];
  private audioMs = 0;

  constructor(
    private readonly channels: number,
    private readonly release: (final: TranscriptEvent) => void,
  ) {
    this.open = Array.from({ length: channels }, () => undefined);
  }

  partial(event: TranscriptEvent): void {
    const channel = event.channel ?? 0;
    this.open[channel] = event.text === '' ? undefined : (this.open[channel] ?? event.startMs);
    this.check();
  }

  final(event: TranscriptEvent): void {
    this.open[event.channel ?? 0] = undefined;
    if (this.channels === 1) return this.release(event);
    const at = this.held.findIndex((held) => held.startMs > event.startMs);
    this.held.splice(at < 0 ? this.held.length : at, 0, event);
    this.check();
  }

  /** The call's audio reached `ms`. */
  audio(ms: number): void {
    this.audioMs = ms;
    if (this.held.length > 0) this.check();
  }

  /** The call ends (or moves): whatever is held goes, in order. */
  flush(): void {
    const held = this.held;
    this.held = [];
    for (const final of held) this.release(final);
  }

  private check(): void {
    while (this.held.length > 0) {
      const first = this.held[0]!;
      if (!this.mayRelease(first) && this.audioMs < first.endMs + MAX_HOLD_MS) return;
      this.held.shift();
      this.release(first);
    }
  }

  private mayRelease(final: TranscriptEvent): boolean {
    for (let channel = 0; channel < this.channels; channel++) {
      if (channel === (final.channel ?? 0)) continue;
      const openSince = this.open[channel];
      if (openSince !== undefined ? openSince < final.startMs : this.audioMs < final.endMs + REPORT_SLACK_MS) return false;
    }
    return true;
  }
}
