import { describe, expect, it } from 'vitest';
import { Resampler } from './resampler.js';

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

  it('upsamples telephone audio (8 kHz) to 16 kHz: a 1 kHz tone keeps its shape, no image at 7 kHz', () => {
    const out = resampleInBlocks(new Resampler(8_000, 16_000), sine(1_000, 8_000, 8_000));
    expect(out.length).toBeGreaterThan(16_000 - 40);
    const steady = out.subarray(1_000, 15_000);
    const ideal = sine(1_000, 16_000, 16_000).subarray(1_000, 15_000);
    expect(rms(steady.map((s, i) => s - ideal[i]!))).toBeLessThan(0.01);
    // Sample-and-hold upsampling would leave the 7 kHz image (8 kHz − 1 kHz) at a third of the level.
    const image = sine(7_000, 16_000, 16_000).subarray(1_000, 15_000);
    const correlation = steady.reduce((sum, s, i) => sum + s * image[i]!, 0) / steady.length;
    expect(Math.abs(correlation)).toBeLessThan(0.005);
  });

  it.each([[8_000, 16_000], [48_000, 16_000], [44_100, 16_000]])('flushes the held-back tail: %i Hz in gives exactly the time in at %i Hz', (from, to) => {
    const resampler = new Resampler(from, to);
    const out = resampleInBlocks(resampler, sine(440, from, from));
    expect(out.length + resampler.flush().length).toBe(to);
  });
});
