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
    const buffer = new ReplayBuffer(16_000, 1_000);
    for (let i = 0; i < 30; i++) buffer.append(ramp(i, 1_600));
    const { fromMs, samples } = buffer.uncovered();
    expect(samples.length).toBeLessThanOrEqual(16_000);
    expect(fromMs + samples.length / 16).toBe(3_000);
  });

  it('counts in call time from where a continued call starts, at the stream sample rate', () => {
    const buffer = new ReplayBuffer(8_000, 120_000, 60_000);
    buffer.append(ramp(0, 800)); // 100 ms at 8 kHz
    expect(buffer.endMs).toBe(60_100);
    buffer.coveredUntil(60_050);
    expect(buffer.uncovered()).toMatchObject({ fromMs: 60_050 });
    expect(buffer.uncovered().samples.length).toBe(400);
  });
});
