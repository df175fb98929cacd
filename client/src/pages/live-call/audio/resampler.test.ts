import { describe, expect, it } from 'vitest';
import { FramePacker } from './frame-packer';
import { Resampler } from './resampler';

const sine = (frequencyHz: number, rateHz: number, samples: number, amplitude = 0.5) =>
  Float32Array.from({ length: samples }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / rateHz));

/** Feeds the input in the audio thread's 128-sample blocks. */
function resampleInBlocks(resampler: Resampler, input: Float32Array): Float32Array {
  const parts: Float32Array[] = [];
  for (let at = 0; at < input.length; at += 128) parts.push(resampler.process(input.subarray(at, at + 128)));
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const rms = (samples: Float32Array) => Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);

describe('Resampler', () => {
  it.each([48_000, 44_100, 16_000])('turns %i Hz into 16 kHz with the right number of samples', (rate) => {
    const out = resampleInBlocks(new Resampler(rate, 16_000), sine(440, rate, rate));
    // One second in gives one second out, less the filter's look-ahead still held back.
    expect(out.length).toBeGreaterThan(16_000 - 40);
    expect(out.length).toBeLessThanOrEqual(16_000);
  });

  it('keeps speech frequencies: a 1 kHz tone comes out at the same level and frequency', () => {
    const out = resampleInBlocks(new Resampler(48_000, 16_000), sine(1_000, 48_000, 48_000));
    const steady = out.subarray(1_000, 15_000);
    expect(rms(steady)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    // Compare with the ideal 16 kHz sine, aligned: the converter adds no delay.
    const ideal = sine(1_000, 16_000, 16_000).subarray(1_000, 15_000);
    const error = rms(steady.map((s, i) => s - ideal[i]!));
    expect(error).toBeLessThan(0.01);
  });

  it('removes what 16 kHz cannot carry: a 12 kHz tone does not fold back into the speech band', () => {
    const out = resampleInBlocks(new Resampler(48_000, 16_000), sine(12_000, 48_000, 48_000));
    // Plain decimation would turn it into a 4 kHz tone at full level.
    expect(rms(out.subarray(1_000, 15_000))).toBeLessThan(0.02);
  });
});

describe('FramePacker', () => {
  it('cuts 100 ms PCM16 frames with their level, carrying the rest to the next call', () => {
    const packer = new FramePacker(1_600);
    expect(packer.push(new Float32Array(1_000).fill(0.5))).toEqual([]);
    const frames = packer.push(new Float32Array(2_500).fill(-1));
    expect(frames).toHaveLength(2);
    expect(frames[0]!.pcm[0]).toBe(Math.round(0.5 * 0x7fff));
    expect(frames[0]!.pcm[1_599]).toBe(-0x8000);
    expect(frames[0]!.peak).toBe(1);
    expect(frames[1]!.rms).toBe(1);
  });

  it('clips samples outside -1..1 instead of wrapping around', () => {
    const [frame] = new FramePacker(2).push(Float32Array.from([1.7, -3]));
    expect(Array.from(frame!.pcm)).toEqual([0x7fff, -0x8000]);
  });
});
