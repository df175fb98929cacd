import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger as logger, startLocalEngine as startEngine, transcriberOf } from '../../../test/helpers/engines.js';
import { FAKE_NODE_PATIENCE, startFakeWhisperLive, type WhisperLiveFaults } from '../../../test/helpers/fake-whisperlive-server.js';
import { sentenceTurns, synthesizeTimedTurns, TEST_SENTENCE_PHRASES, transcriptContinuity, type TimedSpeech } from '../../../test/helpers/speech.js';
import type { LocalEngine } from '../local/local-engine.js';
import type { StreamPolicy } from '../speech-stream.js';
import { streamThrough, transcriberContract } from '../streaming-transcriber.contract.js';
import { WhisperLiveEngine, type WhisperLiveEngineOptions } from './whisperlive-engine.js';

const client = (urls: string[], extra: Partial<WhisperLiveEngineOptions> = {}, policy: Partial<StreamPolicy> = {}) =>
  transcriberOf(new WhisperLiveEngine({ urls, model: 'small.en', language: 'en', int16: false, logger, ...FAKE_NODE_PATIENCE, ...extra }), { policy });

transcriberContract('WhisperLive protocol', async () => {
  const engine = await startEngine();
  const node = await startFakeWhisperLive(engine);
  return { transcriber: client([node.url]), close: async () => (await node.close(), await engine.close()) };
});

describe('WhisperLive provider faults', () => {
  let engine: LocalEngine;
  let audio: Int16Array;
  let timed: TimedSpeech;
  const stopAfter: (() => Promise<void>)[] = [];
  const node = async (faults: WhisperLiveFaults = {}, apiKey?: string) => {
    const started = await startFakeWhisperLive(engine, { faults, ...(apiKey && { apiKey }) });
    stopAfter.push(started.close);
    return started;
  };

  beforeAll(async () => {
    engine = await startEngine();
    timed = await synthesizeTimedTurns(sentenceTurns());
    audio = timed.samples;
  }, 60_000);
  afterAll(async () => {
    for (const stop of stopAfter) await stop();
    await engine.close();
  });

  const finalsOf = (events: { kind: string; text: string; startMs: number; endMs: number }[]) => events.filter((e) => e.kind === 'final');

  it('rolls over a session time limit of 5 s, hit several times in a 30 s call, into one continuous transcript (slow SERVER_READY too)', async () => {
    const flaky = await node({ disconnectAfterMs: 5_000, readyDelayMs: 500 });
    const { events, errors } = await streamThrough(client([flaky.url]), audio, { paceFactor: 2 });
    expect(errors).toEqual([]);
    expect(flaky.sessions).toBeGreaterThanOrEqual(3);
    const finals = finalsOf(events);
    // No gap: every sentence's time is covered by a final. No duplicate: no phrase twice. (A phrase
    // may be misheard when a session restarts mid-sentence; that is recognition, not continuity.)
    const continuity = transcriptContinuity(timed.spans, finals, TEST_SENTENCE_PHRASES);
    expect(continuity).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
    expect(continuity.recognised).toBeGreaterThanOrEqual(TEST_SENTENCE_PHRASES.length - 2);
  }, 60_000);

  it('skips a node that answers WAIT and lands on the next one', async () => {
    const full = await node({ full: true });
    const free = await node();
    const { events, errors } = await streamThrough(client([full.url, free.url]), audio.subarray(0, 16_000 * 8));
    expect(errors).toEqual([]);
    expect(full.sessions).toBe(0);
    expect(free.sessions).toBe(1);
    expect(finalsOf(events).map((f) => f.text).join(' ')).toMatch(/is it safe/);
  });

  it('refuses to open when every node is full, with a retryable capacity error', async () => {
    const full = await node({ full: true });
    await expect(client([full.url]).open({ sampleRateHz: 16_000, keyterms: [], onTranscript: () => {}, onError: () => {} })).rejects.toMatchObject({
      code: 'engine_busy',
      retryable: true,
      failure: 'capacity',
    });
  });

  it('reports a dropped connection exactly once, as retryable, when the stream may not reconnect', async () => {
    const dropping = await node({ dropAfterAudioMs: 4_000 });
    const { errors } = await streamThrough(client([dropping.url], {}, { reconnectAttempts: 0 }), audio.subarray(0, 16_000 * 8));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'engine_lost', retryable: true });
  });

  it('reconnects to the node after a drop and replays what was not final: one continuous transcript', async () => {
    // Mid-sentence, 9 s in; the reconnected session is left alone.
    const dropping = await node({ dropOnceAfterAudioMs: 9_000 });
    const { events, errors } = await streamThrough(client([dropping.url]), audio, { paceFactor: 2 });
    expect(errors).toEqual([]);
    expect(dropping.sessions).toBe(2);
    const continuity = transcriptContinuity(timed.spans, finalsOf(events), TEST_SENTENCE_PHRASES);
    expect(continuity).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
  }, 60_000);

  it('handles the tensorrt backend’s text-only segments without duplicates', async () => {
    const tensorrt = await node({ textOnly: true });
    const { events, errors } = await streamThrough(client([tensorrt.url]), audio.subarray(0, 16_000 * 12));
    expect(errors).toEqual([]);
    const text = finalsOf(events).map((f) => f.text).join(' ');
    expect(text.split('is it safe').length - 1).toBe(1);
  });

  it('sends int16 audio with audio_format when configured, hotwords from the talking points', async () => {
    const modern = await node();
    const { events } = await streamThrough(client([modern.url], { int16: true }), audio.subarray(0, 16_000 * 8), { keyterms: ['is it safe', 'payment plan'] });
    expect(modern.configs[0]).toMatchObject({ audio_format: 'int16', use_vad: true, model: 'small.en', hotwords: 'is it safe, payment plan' });
    expect(finalsOf(events).map((f) => f.text).join(' ')).toMatch(/is it safe/);
  });

  it('refuses a wrong API key at open without retrying', async () => {
    const guarded = await node({}, 'right-key');
    await expect(client([guarded.url], { apiKey: 'wrong-key' }).open({ sampleRateHz: 16_000, keyterms: [], onTranscript: () => {}, onError: () => {} })).rejects.toMatchObject({ retryable: false });
    const { errors } = await streamThrough(client([guarded.url], { apiKey: 'right-key' }), audio.subarray(0, 16_000 * 3));
    expect(errors).toEqual([]);
  });
});
