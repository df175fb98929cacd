import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDeepgramServer } from '../../../test/helpers/fake-deepgram-server.js';
import { synthesizeTurns } from '../../../test/helpers/speech.js';
import { DeepgramBatchTranscriber } from './deepgram-batch-transcriber.js';

describe('DeepgramBatchTranscriber against a Deepgram-protocol server', () => {
  let server: Awaited<ReturnType<typeof startFakeDeepgramServer>>;
  beforeAll(async () => {
    server = await startFakeDeepgramServer({ apiKey: 'test-key' });
  }, 60_000);
  afterAll(() => server.close());

  it('turns a recording into ordered utterances with words and diarization labels', async () => {
    const audio = await synthesizeTurns(
      [
        { speaker: 'agent', text: 'Thank you for calling the clinic.' },
        { speaker: 'caller', text: 'Can I ask, is it safe?' },
      ],
      1_500,
    );
    const transcript = await new DeepgramBatchTranscriber({ apiKey: 'test-key', baseUrl: server.url, model: 'nova-3' }).transcribe(audio, { keyterms: ['is it safe'] });
    expect(transcript.provider).toBe('deepgram');
    expect(transcript.segments.length).toBeGreaterThanOrEqual(2);
    expect(transcript.segments.map((s) => s.text).join(' ')).toMatch(/calling the clinic.*is it safe/i);
    expect(transcript.segments.map((s) => s.speakerLabel)).toEqual(transcript.segments.map((_, i) => i % 2));
    transcript.segments.forEach((segment, i) => {
      expect(segment.words!.length).toBeGreaterThan(0);
      expect(segment.endMs).toBeGreaterThan(segment.startMs);
      if (i > 0) expect(segment.startMs).toBeGreaterThanOrEqual(transcript.segments[i - 1]!.endMs);
    });
  });

  it('refuses a wrong key with a non-retryable error', async () => {
    const wrong = new DeepgramBatchTranscriber({ apiKey: 'wrong', baseUrl: server.url, model: 'nova-3' });
    await expect(wrong.transcribe(new Int16Array(16_000))).rejects.toMatchObject({ code: 'engine_refused', retryable: false });
  });
});
