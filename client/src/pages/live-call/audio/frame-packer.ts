/** One frame of audio ready to send, with each channel's level for the meters. */
export interface PackedFrame {
  /** PCM16 little-endian (the platform's byte order; every browser platform is little-endian), interleaved over the channels. */
  pcm: Int16Array;
  /** Root mean square of each channel, 0..1 of full scale. */
  rms: number[];
  /** Largest absolute sample of each channel, 0..1. */
  peak: number[];
}

/**
 * Gathers float samples of one or more channels into fixed-size PCM16 frames (e.g. 1,600 samples per
 * channel = 100 ms at 16 kHz), interleaved as the protocol wants them: sample i of channel c at
 * i × channels + c.
 */
export class FramePacker {
  private frame: Int16Array;
  private filled = 0;
  private sumOfSquares: number[];
  private peak: number[];

  constructor(
    private readonly frameSamples: number,
    private readonly channels = 1,
  ) {
    this.frame = new Int16Array(frameSamples * channels);
    this.sumOfSquares = new Array<number>(channels).fill(0);
    this.peak = new Array<number>(channels).fill(0);
  }

  /** Adds the same number of samples for every channel (one block each); returns the frames they complete. */
  push(...blocks: Float32Array[]): PackedFrame[] {
    if (blocks.length !== this.channels) throw new RangeError(`expected ${this.channels} channel blocks, got ${blocks.length}`);
    const length = blocks[0]!.length;
    const done: PackedFrame[] = [];
    for (let i = 0; i < length; i++) {
      for (let c = 0; c < this.channels; c++) {
        const sample = Math.max(-1, Math.min(1, blocks[c]![i] ?? 0));
        this.frame[this.filled * this.channels + c] = sample < 0 ? Math.round(sample * 0x8000) : Math.round(sample * 0x7fff);
        this.sumOfSquares[c]! += sample * sample;
        this.peak[c] = Math.max(this.peak[c]!, Math.abs(sample));
      }
      if (++this.filled === this.frameSamples) {
        done.push({ pcm: this.frame, rms: this.sumOfSquares.map((sum) => Math.sqrt(sum / this.frameSamples)), peak: this.peak });
        this.frame = new Int16Array(this.frameSamples * this.channels);
        this.filled = 0;
        this.sumOfSquares = new Array<number>(this.channels).fill(0);
        this.peak = new Array<number>(this.channels).fill(0);
      }
    }
    return done;
  }
}
