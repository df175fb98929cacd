/**
 * The call audio not yet covered by a final transcript, so a new engine connection (after a session
 * limit, a dropped connection or a failover) can be fed exactly what it needs: no gap, and nothing
 * already final transcribed twice. Bounded: beyond `maxMs` the oldest audio is dropped. Positions
 * are in ms of call audio, counted from `startAtMs` (the audio a continued call already had).
 */
export class ReplayBuffer {
  private chunks: Int16Array[] = [];
  /** Call-audio position (ms) of the first sample kept. */
  private startMs: number;
  private keptSamples = 0;
  private totalSamples = 0;
  private readonly samplesPerMs: number;

  constructor(
    sampleRateHz: number,
    private readonly maxMs = 120_000,
    private readonly startAtMs = 0,
  ) {
    this.samplesPerMs = sampleRateHz / 1000;
    this.startMs = startAtMs;
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

  /** Audio not yet covered, in ms. */
  get uncoveredMs(): number {
    return this.keptSamples / this.samplesPerMs;
  }

  /** Everything up to `ms` is transcribed for good: forget it. */
  coveredUntil(ms: number): void {
    let drop = Math.floor((ms - this.startMs) * this.samplesPerMs);
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

  /** The uncovered audio and where it starts in the call. */
  uncovered(): { fromMs: number; samples: Int16Array } {
    const samples = new Int16Array(this.keptSamples);
    let offset = 0;
    for (const chunk of this.chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    return { fromMs: this.startMs, samples };
  }

  private dropFirst(length: number): void {
    this.chunks.shift();
    this.keptSamples -= length;
    this.startMs += length / this.samplesPerMs;
  }
}
