import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_NODE_PATIENCE, startFakeWhisperLive, type FakeWhisperLive } from '../../../test/helpers/fake-whisperlive-server.js';
import { sentenceTurns, synthesizeTimedTurns, TEST_SENTENCE_PHRASES, transcriptContinuity, type TimedSpeech } from '../../../test/helpers/speech.js';
import { LocalTranscriber } from '../local/local-transcriber.js';
import { DEBIAN_MODEL_DIR } from '../local/pocketsphinx.js';
import { streamThrough } from '../streaming-transcriber.contract.js';
import type { TranscriberStatus } from '../streaming-transcriber.js';
import { WhisperLiveTranscriber } from '../whisperlive/whisperlive-transcriber.js';
import { FailoverTranscriber } from './failover-transcriber.js';

const logger = pino({ level: 'silent' });
const PHRASES = TEST_SENTENCE_PHRASES.slice(0, 6);

describe('FailoverTranscriber', () => {
  let engine: LocalTranscriber;
  let fallback: LocalTranscriber;
  let audio: Int16Array;
  let timed: TimedSpeech;
  let node: FakeWhisperLive;

  beforeAll(async () => {
    [engine, fallback, audio] = await Promise.all([
      LocalTranscriber.start({ modelDir: DEBIAN_MODEL_DIR, workers: 1, maxStreams: 4, logger }),
      LocalTranscriber.start({ modelDir: DEBIAN_MODEL_DIR, workers: 1, maxStreams: 4, logger }),
      synthesizeTimedTurns(sentenceTurns(6)).then((speech) => (timed = speech).samples),
    ]);
  }, 60_000);
  afterAll(async () => {
    await node?.close();
    await Promise.all([engine.close(), fallback.close()]);
  });

  it('moves a call to the next engine when WhisperLive drops mid-utterance: no gap, no duplicate, switch reported', async () => {
    // "All of our injectors are registered nurses" is being spoken at 7.5 s.
    node = await startFakeWhisperLive(engine, { faults: { dropAfterAudioMs: 7_500 } });
    const whisperlive = new WhisperLiveTranscriber({ urls: [node.url], model: 'small.en', language: 'en', int16: false, readyTimeoutMs: 5_000, logger, ...FAKE_NODE_PATIENCE });
    const chain = new FailoverTranscriber([whisperlive, fallback], logger);
    const statuses: TranscriberStatus[] = [];
    const events: { kind: string; text: string; startMs: number; endMs: number }[] = [];
    const stream = await chain.open({ sampleRateHz: 16_000, keyterms: [], onTranscript: (e) => events.push(e), onError: (e) => expect.fail(e.message), onStatus: (s) => statuses.push(s) });
    expect(stream.provider).toBe('whisperlive');
    for (let at = 0; at < audio.length; at += 1_600) {
      stream.write(audio.slice(at, at + 1_600));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await stream.finish();

    expect(stream.provider).toBe('local');
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ code: 'provider.switched', provider: 'local', previous: 'whisperlive' });
    expect(statuses[0]!.atMs).toBeLessThan(7_500);
    // No gap (every sentence's time covered by a final), no duplicate (no phrase twice), in order.
    const continuity = transcriptContinuity(timed.spans, events.filter((e) => e.kind === 'final'), PHRASES);
    expect(continuity).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
    expect(continuity.recognised).toBeGreaterThanOrEqual(PHRASES.length - 1);
  }, 60_000);

  it('opens on the next engine when the first refuses the call, and reports the last error when all fail', async () => {
    const full = await startFakeWhisperLive(engine, { faults: { full: true } });
    try {
      const whisperlive = new WhisperLiveTranscriber({ urls: [full.url], model: 'small.en', language: 'en', int16: false, readyTimeoutMs: 5_000, logger, ...FAKE_NODE_PATIENCE });
      const { events, errors } = await streamThrough(new FailoverTranscriber([whisperlive, fallback], logger), audio.subarray(0, 16_000 * 6));
      expect(errors).toEqual([]);
      expect(events.filter((e) => e.kind === 'final').map((e) => e.text).join(' ')).toMatch(/is it safe/);
      await expect(new FailoverTranscriber([whisperlive], logger).open({ sampleRateHz: 16_000, keyterms: [], onTranscript: () => {}, onError: () => {} })).rejects.toMatchObject({ code: 'engine_busy' });
    } finally {
      await full.close();
    }
  }, 60_000);
});
