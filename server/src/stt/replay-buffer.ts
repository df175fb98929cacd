/**
 * The call audio not yet covered by a final transcript, so a new engine connection (after a session
 * limit, a dropped connection or a failover) can be fed exactly what it needs: no gap, and nothing
 * already final transcribed twice. Audio is interleaved over `channels`; each channel is covered on
 * its own, so a replay starts where the least covered channel is and is silent, on the others, up
 * to where they are covered. Bounded: beyond `maxMs` the oldest audio is dropped. Positions are in ms
 * of call audio, counted from `startAtMs` (the audio a continued call already had).
 */
export class ReplayBuffer {
  private chunks: Int16Array[] = [];
  /** Call-audio position (ms) of the first frame kept. */
  private startMs: number;
  private keptSamples = 0;
  private totalSamples = 0;
  /** Interleaved samples per ms of audio. */
  private readonly samplesPerMs: number;
  private readonly covered: number[];

  constructor(
    sampleRateHz: number,
    private readonly channels = 1,
    private readonly maxMs = 120_000,
    private readonly startAtMs = 0,
  ) {
    this.samplesPerMs = (sampleRateHz / 1000) * channels;
    this.startMs = startAtMs;
    this.covered = Array.from({ length: channels }, () => startAtMs);
  }

  append(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.chunks.push(samples);
    this.keptSamples += samples.length;
    this.totalSamples += samples.length;
    while (this.keptSamples > this.maxMs * this.samplesPerMs && this.chunks.length > 1) this.dropFirst(this.chunks[0]!.length);
  }

  /** Call-audio time received so far. */
  get endMs(): number {
    return this.startAtMs + this.totalSamples / this.samplesPerMs;
  }

  /** Audio not yet covered on some channel, in ms. */
  get uncoveredMs(): number {
    return this.keptSamples / this.samplesPerMs;
  }

  /** Everything up to `ms` on `channel` is transcribed for good: audio no channel still needs is forgotten. */
  coveredUntil(ms: number, channel = 0): void {
    this.covered[channel] = Math.max(this.covered[channel] ?? ms, ms);
    const until = Math.min(...this.covered);
    // Whole frames only: every channel's sample of a moment goes together.
    let drop = Math.floor((until - this.startMs) * (this.samplesPerMs / this.channels)) * this.channels;
    while (drop > 0 && this.chunks.length > 0) {
      const first = this.chunks[0]!;
      if (first.length <= drop) {
        this.dropFirst(first.length);
        drop -= first.length;
      } else {
        this.chunks[0] = first.subarray(drop);
        this.keptSamples -= drop;
        this.startMs += drop / this.samplesPerMs;
        drop = 0;
      }
    }
  }

  /** The uncovered audio and where it starts in the call; silent on each channel where that channel is covered. */
  uncovered(): { fromMs: number; samples: Int16Array } {
    const samples = new Int16Array(this.keptSamples);
    let offset = 0;
    for (const chunk of this.chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    for (let channel = 0; channel < this.channels; channel++) {
      const coveredFrames = Math.min(samples.length / this.channels, Math.max(0, Math.round((this.covered[channel]! - this.startMs) * (this.samplesPerMs / this.channels))));
      for (let frame = 0; frame < coveredFrames; frame++) samples[frame * this.channels + channel] = 0;
    }
    return { fromMs: this.startMs, samples };
  }

  private dropFirst(length: number): void {
    this.chunks.shift();
    this.keptSamples -= length;
    this.startMs += length / this.samplesPerMs;
  }
}
