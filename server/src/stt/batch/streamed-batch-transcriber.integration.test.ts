import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger as logger, startLocalEngine, transcriberOf } from '../../../test/helpers/engines.js';
import { FAKE_NODE_PATIENCE, startFakeWhisperLive, type FakeWhisperLive } from '../../../test/helpers/fake-whisperlive-server.js';
import { sentenceTurns, synthesizeTurns } from '../../../test/helpers/speech.js';
import type { LocalEngine } from '../local/local-engine.js';
import { WhisperLiveEngine } from '../whisperlive/whisperlive-engine.js';
import { StreamedBatchTranscriber } from './streamed-batch-transcriber.js';

describe('batch transcription through streaming engines', () => {
  let engine: LocalEngine;
  let node: FakeWhisperLive;
  let audio: Int16Array;

  beforeAll(async () => {
    engine = await startLocalEngine();
    node = await startFakeWhisperLive(engine);
    audio = await synthesizeTurns(sentenceTurns(3));
  }, 60_000);
  afterAll(async () => {
    await node.close();
    await engine.close();
  });

  it('local: a recording becomes ordered segments with word times', async () => {
    const transcript = await new StreamedBatchTranscriber(transcriberOf(engine)).transcribe(audio);
    expect(transcript.provider).toBe('local');
    expect(transcript.segments.map((s) => s.text).join(' ')).toMatch(/calling the clinic.*is it safe.*registered nurses/);
    expect(transcript.segments.every((s) => (s.words?.length ?? 0) > 0 && s.endMs > s.startMs)).toBe(true);
    expect(transcript.durationMs).toBe(audio.length / 16);
  });

  it('WhisperLive: the file streamed faster than real time gives the same sentences', async () => {
    const whisperlive = new WhisperLiveEngine({ urls: [node.url], model: 'small.en', language: 'en', int16: false, logger, ...FAKE_NODE_PATIENCE });
    const transcript = await new StreamedBatchTranscriber(transcriberOf(whisperlive), 8).transcribe(audio);
    expect(transcript.provider).toBe('whisperlive');
    expect(transcript.segments.map((s) => s.text).join(' ')).toMatch(/calling the clinic.*is it safe.*registered nurses/);
    transcript.segments.forEach((s, i) => i > 0 && expect(s.startMs).toBeGreaterThanOrEqual(transcript.segments[i - 1]!.endMs - 50));
  });
});
