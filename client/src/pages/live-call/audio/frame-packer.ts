/** One frame of audio ready to send, with its level for the meter. */
export interface PackedFrame {
  /** PCM16 little-endian (the platform's byte order; every browser platform is little-endian). */
  pcm: Int16Array;
  /** Root mean square of the frame, 0..1 of full scale. */
  rms: number;
  /** Largest absolute sample, 0..1. */
  peak: number;
}

/** Gathers float samples into fixed-size PCM16 frames (e.g. 1,600 samples = 100 ms at 16 kHz). */
export class FramePacker {
  private frame: Int16Array;
  private filled = 0;
  private sumOfSquares = 0;
  private peak = 0;

  constructor(private readonly frameSamples: number) {
    this.frame = new Int16Array(frameSamples);
  }

  /** Adds samples; returns the frames they complete. */
  push(samples: Float32Array): PackedFrame[] {
    const done: PackedFrame[] = [];
    for (let i = 0; i < samples.length; i++) {
      const sample = Math.max(-1, Math.min(1, samples[i]!));
      this.frame[this.filled++] = sample < 0 ? Math.round(sample * 0x8000) : Math.round(sample * 0x7fff);
      this.sumOfSquares += sample * sample;
      this.peak = Math.max(this.peak, Math.abs(sample));
      if (this.filled === this.frameSamples) {
        done.push({ pcm: this.frame, rms: Math.sqrt(this.sumOfSquares / this.frameSamples), peak: this.peak });
        this.frame = new Int16Array(this.frameSamples);
        this.filled = 0;
        this.sumOfSquares = 0;
        this.peak = 0;
      }
    }
    return done;
  }
}
