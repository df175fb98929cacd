const SAMPLES_PER_MS = 16;

/**
 * The call audio not yet covered by a final transcript, so a new engine stream (after a session
 * limit, a dropped connection or a failover) can be fed exactly what it needs: no gap, and nothing
 * already final transcribed twice. Bounded: beyond `maxMs` the oldest audio is dropped.
 */
export class ReplayBuffer {
  private chunks: Int16Array[] = [];
  /** Call-audio position (ms) of the first sample kept. */
  private startMs = 0;
  private keptSamples = 0;
  private totalSamples = 0;

  constructor(private readonly maxMs = 120_000) {}

  append(samples: Int16Array): void {
    this.chunks.push(samples);
    this.keptSamples += samples.length;
    this.totalSamples += samples.length;
    while (this.keptSamples > this.maxMs * SAMPLES_PER_MS && this.chunks.length > 1) this.dropFirst(this.chunks[0]!.length);
  }

  /** Call-audio time received so far. */
  get endMs(): number {
    return this.totalSamples / SAMPLES_PER_MS;
  }

  /** Everything up to `ms` is transcribed for good: forget it. */
  coveredUntil(ms: number): void {
    let drop = Math.floor((ms - this.startMs) * SAMPLES_PER_MS);
    while (drop > 0 && this.chunks.length > 0) {
      const first = this.chunks[0]!;
      if (first.length <= drop) {
        this.dropFirst(first.length);
        drop -= first.length;
      } else {
        this.chunks[0] = first.subarray(drop);
        this.keptSamples -= drop;
        this.startMs += drop / SAMPLES_PER_MS;
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
    this.startMs += length / SAMPLES_PER_MS;
  }
}
