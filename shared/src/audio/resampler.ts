/**
 * Streaming sample-rate converter for mono audio: band-limited (windowed-sinc) interpolation, so
 * 48 kHz or 44.1 kHz microphone audio becomes 16 kHz without the aliasing plain decimation adds
 * (hiss the speech engine would have to ignore). Pure and allocation-light: it runs in the audio
 * thread, 128 samples at a time.
 */
export class Resampler {
  /** Input samples per output sample. */
  private readonly step: number;
  /** Half the filter's length, in input samples. */
  private readonly halfWidth: number;
  /** Low-pass cutoff as a fraction of the input rate. */
  private readonly cutoff: number;
  /** Input kept for the filter's reach: starts as `halfWidth` samples of silence before the first sample. */
  private buffer: Float32Array;
  /** Position of the next output sample, in input samples from the start of `buffer`. */
  private position: number;
  /** Input samples given so far, and output samples returned: what `flush` still owes. */
  private consumed = 0;
  private produced = 0;

  constructor(
    readonly inputRateHz: number,
    readonly outputRateHz: number,
    /** Filter half-length in output samples: 8 keeps the pass band flat to ~7 kHz at 16 kHz out. */
    halfWidthOutputSamples = 8,
  ) {
    if (!(inputRateHz > 0 && outputRateHz > 0)) throw new RangeError('sample rates must be positive');
    this.step = inputRateHz / outputRateHz;
    // 0.45 of the lower Nyquist rate: a little room for the transition band below Nyquist.
    this.cutoff = (0.9 * Math.min(inputRateHz, outputRateHz)) / 2 / inputRateHz;
    this.halfWidth = Math.ceil(halfWidthOutputSamples * Math.max(1, this.step));
    // The first output sample is centred on the first input sample (no added delay).
    this.buffer = new Float32Array(this.halfWidth);
    this.position = this.halfWidth;
  }

  /** Converts the next block of input; returns the output samples it completes (possibly none). */
  process(input: Float32Array): Float32Array {
    if (this.inputRateHz === this.outputRateHz) return input.slice();
    this.consumed += input.length;
    const output = this.convert(input);
    this.produced += output.length;
    return output;
  }

  /**
   * The end of the stream: the output samples still held back for the filter's look-ahead, so the
   * output is as long as the input (in time). The converter starts again from silence afterwards.
   */
  flush(): Float32Array {
    if (this.inputRateHz === this.outputRateHz) return new Float32Array(0);
    const owed = Math.max(0, Math.ceil(this.consumed / this.step) - this.produced);
    const tail = this.convert(new Float32Array(this.halfWidth + 2)).subarray(0, owed);
    this.buffer = new Float32Array(this.halfWidth);
    this.position = this.halfWidth;
    this.consumed = 0;
    this.produced = 0;
    return tail;
  }

  private convert(input: Float32Array): Float32Array {
    const joined = new Float32Array(this.buffer.length + input.length);
    joined.set(this.buffer);
    joined.set(input, this.buffer.length);
    const available = Math.max(0, Math.floor((joined.length - this.halfWidth - 1 - this.position) / this.step) + 1);
    const output = new Float32Array(available);
    for (let i = 0; i < available; i++) {
      output[i] = this.sampleAt(joined, this.position);
      this.position += this.step;
    }
    // Keep what the next outputs still need: halfWidth samples before the next position.
    const keepFrom = Math.max(0, Math.floor(this.position) - this.halfWidth);
    this.buffer = joined.slice(keepFrom);
    this.position -= keepFrom;
    return output;
  }

  private sampleAt(samples: Float32Array, at: number): number {
    const centre = Math.floor(at);
    let sum = 0;
    let weightSum = 0;
    for (let k = centre - this.halfWidth + 1; k <= centre + this.halfWidth; k++) {
      if (k < 0 || k >= samples.length) continue;
      const distance = at - k;
      const weight = this.kernel(distance);
      sum += samples[k]! * weight;
      weightSum += weight;
    }
    // Normalising by the weights keeps the gain exactly 1 for steady signals whatever the fraction.
    return weightSum === 0 ? 0 : sum / weightSum;
  }

  /** Low-pass sinc at `cutoff`, shaped by a Blackman window over ±halfWidth input samples. */
  private kernel(distance: number): number {
    if (Math.abs(distance) >= this.halfWidth) return 0;
    const x = 2 * this.cutoff * distance;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const phase = (Math.PI * (distance + this.halfWidth)) / this.halfWidth;
    const window = 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    return sinc * window;
  }
}
