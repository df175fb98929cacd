import { describe, expect, it } from 'vitest';
import { FramePacker } from './frame-packer';

describe('FramePacker', () => {
  it('cuts 100 ms PCM16 frames with their level, carrying the rest to the next call', () => {
    const packer = new FramePacker(1_600);
    expect(packer.push(new Float32Array(1_000).fill(0.5))).toEqual([]);
    const frames = packer.push(new Float32Array(2_500).fill(-1));
    expect(frames).toHaveLength(2);
    expect(frames[0]!.pcm[0]).toBe(Math.round(0.5 * 0x7fff));
    expect(frames[0]!.pcm[1_599]).toBe(-0x8000);
    expect(frames[0]!.peak).toEqual([1]);
    expect(frames[1]!.rms).toEqual([1]);
  });

  it('interleaves two channels sample by sample, with a level for each', () => {
    const packer = new FramePacker(3, 2);
    const [frame] = packer.push(Float32Array.from([0.5, 0.5, 0.5]), Float32Array.from([-1, 0, 1]));
    expect(Array.from(frame!.pcm)).toEqual([16_384, -0x8000, 16_384, 0, 16_384, 0x7fff]);
    expect(frame!.peak).toEqual([0.5, 1]);
    expect(frame!.rms[0]).toBeCloseTo(0.5);
    expect(frame!.rms[1]).toBeCloseTo(Math.sqrt(2 / 3));
    expect(() => packer.push(new Float32Array(3))).toThrow(/2 channel blocks/);
  });

  it('clips samples outside -1..1 instead of wrapping around', () => {
    const [frame] = new FramePacker(2).push(Float32Array.from([1.7, -3]));
    expect(Array.from(frame!.pcm)).toEqual([0x7fff, -0x8000]);
  });
});
