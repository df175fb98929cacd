import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardTrigger, RuleSet } from '@call-assist/shared';
import type { ProviderError } from '../lib/errors.js';
import { synthesizeTurns, synthesizeTwoChannelTurns } from '../../test/helpers/speech.js';
import type { StreamingTranscriber, TranscriptEvent } from './streaming-transcriber.js';

/** What a contract run needs: a transcriber and a way to release whatever backs it. */
export interface TranscriberUnderTest {
  transcriber: StreamingTranscriber;
  close(): Promise<void>;
}

const TURNS = [
  { speaker: 'agent' as const, text: 'Thank you for calling, this is Jessica. How can I help you today?' },
  { speaker: 'caller' as const, text: 'Okay. Can I ask, is it safe? Because I have heard some horror stories.' },
  { speaker: 'agent' as const, text: 'Totally fair question. All of our injectors are registered nurses.' },
];

const FRAME_SAMPLES = 1_600;

/** Streams samples (interleaved over `channels`) in 100 ms frames, `paceFactor` times faster than real time (Infinity: at once). */
export async function streamThrough(
  transcriber: StreamingTranscriber,
  samples: Int16Array,
  options: { paceFactor?: number; keyterms?: string[]; channels?: number } = {},
): Promise<{ events: TranscriptEvent[]; errors: ProviderError[] }> {
  const events: TranscriptEvent[] = [];
  const errors: ProviderError[] = [];
  const channels = options.channels ?? 1;
  const stream = await transcriber.open({
    sampleRateHz: 16_000,
    channels,
    keyterms: options.keyterms ?? [],
    onTranscript: (event) => events.push(event),
    onError: (error) => errors.push(error),
  });
  const pace = options.paceFactor ?? Infinity;
  const start = performance.now();
  const frameSamples = FRAME_SAMPLES * channels;
  for (let frame = 0; frame * frameSamples < samples.length; frame++) {
    const wait = start + (frame * 100) / pace - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    stream.write(samples.slice(frame * frameSamples, (frame + 1) * frameSamples));
  }
  await stream.finish();
  return { events, errors };
}

/**
 * The behaviour every speech engine adapter must have, run against real speech (flite) through
 * each implementation: partials as speech goes, finals with monotonic times, and the matcher
 * firing the spoken talking point exactly once and the unspoken one never.
 */
export function transcriberContract(name: string, create: () => Promise<TranscriberUnderTest>, options: { paceFactor?: number } = {}): void {
  describe(`StreamingTranscriber contract: ${name}`, () => {
    let underTest: TranscriberUnderTest;
    let result: { events: TranscriptEvent[]; errors: ProviderError[] };
    let audioMs = 0;

    beforeAll(async () => {
      const [created, audio] = await Promise.all([create(), synthesizeTurns(TURNS)]);
      underTest = created;
      audioMs = audio.length / 16;
      result = await streamThrough(underTest.transcriber, audio, { paceFactor: options.paceFactor ?? 4, keyterms: ['is it safe'] });
    }, 120_000);

    afterAll(async () => {
      await underTest?.close();
    });

    it('reports no error and streams partials before the finals they lead to', () => {
      expect(result.errors).toEqual([]);
      const firstFinal = result.events.findIndex((e) => e.kind === 'final');
      expect(result.events.slice(0, firstFinal).filter((e) => e.kind === 'partial').length).toBeGreaterThan(0);
    });

    it('gives finals in order, with monotonic times inside the audio, covering every sentence once', () => {
      const finals = result.events.filter((e) => e.kind === 'final');
      expect(finals.length).toBeGreaterThanOrEqual(2);
      finals.forEach((final, index) => {
        expect(final.endMs).toBeGreaterThan(final.startMs);
        expect(final.endMs).toBeLessThanOrEqual(audioMs + 100);
        if (index > 0) expect(final.startMs).toBeGreaterThanOrEqual(finals[index - 1]!.endMs - 50);
      });
      const text = finals.map((f) => f.text).join(' ');
      expect(text).toMatch(/is it safe/);
      expect(text).toMatch(/registered nurses/);
      expect(text.match(/is it safe/g)).toHaveLength(1);
    });

    it('recognises a two-channel call on each channel: every turn once, on its own channel', async () => {
      const call = await synthesizeTwoChannelTurns(TURNS);
      const { events, errors } = await streamThrough(underTest.transcriber, call.samples, { paceFactor: options.paceFactor ?? 4, channels: 2 });
      expect(errors).toEqual([]);
      const finals = events.filter((e) => e.kind === 'final');
      const on = (channel: number) =>
        finals
          .filter((f) => f.channel === channel)
          .map((f) => f.text.toLowerCase())
          .join(' ');
      // Agent turns (0 and 2) on channel 0, the caller's (1) on channel 1; each phrase once, nowhere else.
      expect(on(0)).toMatch(/thank you for calling/);
      expect(on(0)).toMatch(/registered nurses/);
      expect(on(1)).toMatch(/is it safe/);
      expect(on(0)).not.toMatch(/is it safe/);
      expect(on(1)).not.toMatch(/registered nurses|thank you for calling/);
      expect(finals.map((f) => f.text.toLowerCase()).join(' ').match(/is it safe/g)).toHaveLength(1);
      for (const final of finals) {
        const spoken = call.spans.filter((span) => span.channel === final.channel);
        expect(spoken.some((span) => final.startMs < span.endMs + 300 && final.endMs > span.startMs - 300)).toBe(true);
      }
    }, 120_000);

    it('fires the spoken talking point exactly once and an unspoken one never', () => {
      const points = [
        { id: 'safety', title: 'Safety', body: '', phrases: ['is it safe'], speaker: 'any' as const, cooldownMs: null, priority: 0, enabled: true },
        { id: 'price', title: 'Price', body: '', phrases: ['too expensive'], speaker: 'any' as const, cooldownMs: null, priority: 0, enabled: true },
      ];
      const trigger = new CardTrigger(new RuleSet(1, points), 'next-update');
      const fired = result.events.flatMap((event) => {
        const heard = { text: event.text, audioMs: event.endMs, speaker: event.speaker };
        return event.kind === 'partial' ? trigger.onPartial(heard) : trigger.onFinal(heard);
      });
      expect(fired.map((t) => t.talkingPoint.id)).toEqual(['safety']);
    });
  });
}
