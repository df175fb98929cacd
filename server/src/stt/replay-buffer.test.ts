import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replay-buffer.js';

const ramp = (from: number, count: number) => Int16Array.from({ length: count }, (_, i) => from + i);

describe('ReplayBuffer', () => {
  it('keeps exactly the audio after the last covered position, across chunk boundaries', () => {
    const buffer = new ReplayBuffer(16_000);
    buffer.append(ramp(0, 1_600)); // 0–100 ms
    buffer.append(ramp(1_600, 1_600)); // 100–200 ms
    buffer.coveredUntil(150);
    const { fromMs, samples } = buffer.uncovered();
    expect(fromMs).toBe(150);
    expect(samples.length).toBe(800);
    expect(samples[0]).toBe(2_400);
    expect(buffer.endMs).toBe(200);
  });

  it('drops the oldest audio beyond its bound', () => {
    const buffer = new ReplayBuffer(16_000, 1, 1_000);
    for (let i = 0; i < 30; i++) buffer.append(ramp(i, 1_600));
    const { fromMs, samples } = buffer.uncovered();
    expect(samples.length).toBeLessThanOrEqual(16_000);
    expect(fromMs + samples.length / 16).toBe(3_000);
  });

  it('counts in call time from where a continued call starts, at the stream sample rate', () => {
    const buffer = new ReplayBuffer(8_000, 1, 120_000, 60_000);
    buffer.append(ramp(0, 800)); // 100 ms at 8 kHz
    expect(buffer.endMs).toBe(60_100);
    buffer.coveredUntil(60_050);
    expect(buffer.uncovered()).toMatchObject({ fromMs: 60_050 });
    expect(buffer.uncovered().samples.length).toBe(400);
  });

  it('covers each channel on its own: a replay starts at the least covered one, silent on the other until its coverage', () => {
    const buffer = new ReplayBuffer(16_000, 2);
    // 100 ms of two channels: channel 0 counts up from 0, channel 1 down from -1.
    buffer.append(Int16Array.from({ length: 3_200 }, (_, i) => (i % 2 === 0 ? i / 2 : -1 - (i - 1) / 2)));
    buffer.coveredUntil(75, 1);
    expect(buffer.uncovered().fromMs).toBe(0);
    buffer.coveredUntil(25, 0);
    const { fromMs, samples } = buffer.uncovered();
    expect(fromMs).toBe(25);
    expect(samples.length).toBe(2 * 1_200);
    // Channel 0 from 25 ms on; channel 1 silent up to 75 ms (covered), then its audio.
    expect([samples[0], samples[1]]).toEqual([400, 0]);
    expect([samples[2 * 799], samples[2 * 799 + 1]]).toEqual([1_199, 0]);
    expect([samples[2 * 800], samples[2 * 800 + 1]]).toEqual([1_200, -1_201]);
  });
});
