import { once, type EventEmitter } from 'node:events';
import { DeepgramClient } from '@deepgram/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger as silent, startLocalEngine, transcriberOf } from '../../../test/helpers/engines.js';
import { startFakeDeepgramServer, type FakeDeepgramOptions, type FakeDeepgramServer } from '../../../test/helpers/fake-deepgram-server.js';
import { synthesizeTurns } from '../../../test/helpers/speech.js';
import type { ProviderError } from '../../lib/errors.js';
import type { LocalEngine } from '../local/local-engine.js';
import { streamThrough, transcriberContract } from '../streaming-transcriber.contract.js';
import type { StreamingTranscriber, TranscriberStreamOptions, TranscriptEvent } from '../streaming-transcriber.js';
import { DeepgramEngine, type DeepgramEngineOptions } from './deepgram-engine.js';

const API_KEY = 'test-deepgram-key';

/** Deepgram as the gateway streams to it; `reconnectAttempts: 0` so each test sees the provider's own errors. */
const deepgram = (options: Partial<DeepgramEngineOptions> & { baseUrl: string }) => {
  const engine = new DeepgramEngine({ apiKey: API_KEY, model: 'nova-3', maxStreams: 4, logger: silent, ...options });
  return { engine, transcriber: transcriberOf(engine, { policy: { reconnectAttempts: 0 } }) };
};

transcriberContract('deepgram protocol', async () => {
  const server = await startFakeDeepgramServer({ apiKey: API_KEY });
  // The fake recognises with PocketSphinx on the test machine's shared cores: after CloseStream it may
  // need far longer than Deepgram to deliver the last words.
  const { engine, transcriber } = deepgram({ baseUrl: server.url, finishTimeoutMs: 30_000 });
  return {
    transcriber,
    close: async () => {
      await engine.close();
      await server.close();
    },
  };
});

/** Collects what a stream reports, and notices anything delivered after an error. */
function recorder() {
  const events: TranscriptEvent[] = [];
  const errors: ProviderError[] = [];
  let afterError = 0;
  let failed!: (error: ProviderError) => void;
  const firstError = new Promise<ProviderError>((resolve) => (failed = resolve));
  const options: TranscriberStreamOptions = {
    sampleRateHz: 16_000,
    keyterms: [],
    onTranscript: (event) => {
      if (errors.length > 0) afterError++;
      events.push(event);
    },
    onError: (error) => {
      errors.push(error);
      failed(error);
    },
  };
  return { options, events, errors, firstError, afterError: () => afterError };
}

/** Resolves once `condition()` holds, checked now and after each `event`. */
async function until(emitter: EventEmitter, event: string, condition: () => boolean): Promise<void> {
  while (!condition()) await once(emitter, event);
}

describe('DeepgramEngine against a Deepgram-protocol server', () => {
  let engine: LocalEngine;
  let speech: Int16Array;
  const servers: FakeDeepgramServer[] = [];
  const engines: DeepgramEngine[] = [];

  async function setUp(serverOptions: Partial<FakeDeepgramOptions> = {}, options: Partial<DeepgramEngineOptions> = {}): Promise<{ server: FakeDeepgramServer; transcriber: StreamingTranscriber; engine: DeepgramEngine }> {
    const server = await startFakeDeepgramServer({ apiKey: API_KEY, engine, ...serverOptions });
    servers.push(server);
    const made = deepgram({ baseUrl: server.url, ...options });
    engines.push(made.engine);
    return { server, ...made };
  }

  beforeAll(async () => {
    [engine, speech] = await Promise.all([
      // Headroom: the fake server releases a finished test's streams a little after the next test starts.
      startLocalEngine(16),
      synthesizeTurns([{ speaker: 'caller', text: 'Can I ask, is it safe? I have heard some horror stories.' }], 300),
    ]);
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
    await Promise.all(servers.map((s) => s.close()));
    await engine?.close();
  });

  it('sends the stream keyterms to Deepgram once each, capped at 100, and none to models without keyterm support', async () => {
    const { server, transcriber } = await setUp();
    const many = Array.from({ length: 150 }, (_, i) => `phrase ${i}`);
    const { options } = recorder();
    const stream = await transcriber.open({ ...options, keyterms: ['is it safe', 'Is it  safe', ' too expensive ', '', ...many] });
    const sent = server.queries.at(-1)!.getAll('keyterm');
    expect(sent).toHaveLength(100);
    expect(sent.slice(0, 3)).toEqual(['is it safe', 'too expensive', 'phrase 0']);
    expect(server.queries.at(-1)!.get('smart_format')).toBe('false');
    stream.abort();

    // The fake, like Deepgram, refuses keyterms for older models: the stream must still open.
    const { transcriber: nova2 } = await setUp({}, { model: 'nova-2' });
    const older = await nova2.open({ ...options, keyterms: ['is it safe'] });
    older.abort();
  });

  it('keeps a silent stream open with KeepAlive and still transcribes when speech resumes', async () => {
    const { server, transcriber } = await setUp({ noAudioTimeoutMs: 1_500 }, { keepAliveIntervalMs: 500 });
    const heard = recorder();
    const stream = await transcriber.open(heard.options);
    // Four KeepAlives 500 ms apart: silence well past the server's 1.5 s no-audio limit.
    await until(server.events, 'keepalive', () => server.keepAlives >= 4);
    expect(heard.errors).toEqual([]);
    for (let offset = 0; offset < speech.length; offset += 1_600) stream.write(speech.subarray(offset, offset + 1_600));
    await stream.finish();
    expect(heard.errors).toEqual([]);
    expect(heard.events.filter((e) => e.kind === 'final').map((e) => e.text).join(' ')).toMatch(/is it safe/i);
  });

  it('without KeepAlive the same silence ends the stream with one retryable NET-0001 error', async () => {
    const { transcriber } = await setUp({ noAudioTimeoutMs: 1_500 }, { keepAliveIntervalMs: 60_000 });
    const heard = recorder();
    const stream = await transcriber.open(heard.options);
    expect(await heard.firstError).toMatchObject({ code: 'deepgram_no_audio', retryable: true });
    await stream.finish();
    expect(heard.errors).toHaveLength(1);
  });

  it('reports a connection dropped mid-stream exactly once, as retryable, and delivers nothing after it', async () => {
    const { server, transcriber } = await setUp({ closeAbruptlyAfterMs: 1_500 });
    const heard = recorder();
    const stream = await transcriber.open(heard.options);
    for (let offset = 0; offset < speech.length; offset += 1_600) stream.write(speech.subarray(offset, offset + 1_600));
    expect(await heard.firstError).toMatchObject({ code: 'deepgram_disconnected', retryable: true });
    await stream.finish();
    expect(heard.errors).toHaveLength(1);
    expect(heard.afterError()).toBe(0);
    // The SDK did not reconnect behind our back (its default would, losing the audio in flight).
    await until(server.events, 'session-end', () => server.activeStreams === 0);
    expect(server.connections).toBe(1);
  });

  it.each([
    { code: 1011, reason: 'NET-0000', expected: { code: 'deepgram_internal', retryable: true } },
    { code: 1008, reason: 'DATA-0000', expected: { code: 'deepgram_bad_audio', retryable: false } },
  ])('maps a $code $reason close mid-stream to one error ($expected.code)', async ({ code, reason, expected }) => {
    const { transcriber } = await setUp({ closeWithAfterMs: { afterMs: 1_000, code, reason } });
    const heard = recorder();
    const stream = await transcriber.open(heard.options);
    for (let offset = 0; offset < speech.length; offset += 1_600) stream.write(speech.subarray(offset, offset + 1_600));
    expect(await heard.firstError).toMatchObject(expected);
    await stream.finish();
    expect(heard.errors).toHaveLength(1);
    expect(heard.afterError()).toBe(0);
  });

  it('refuses a wrong API key at open with a non-retryable error naming DEEPGRAM_API_KEY', async () => {
    const { server } = await setUp();
    const wrong = transcriberOf(new DeepgramEngine({ apiKey: 'not-the-key', baseUrl: server.url, model: 'nova-3', maxStreams: 4, logger: silent }));
    const error = await wrong.open(recorder().options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'deepgram_unauthorized', retryable: false });
    expect((error as Error).message).toMatch(/DEEPGRAM_API_KEY/);
    expect(server.connections).toBe(0);
  });

  it("reports Deepgram's concurrency limit (429) at open as retryable, naming DEEPGRAM_MAX_STREAMS", async () => {
    const { transcriber } = await setUp({ maxStreams: 1 });
    const first = await transcriber.open(recorder().options);
    const error = await transcriber.open(recorder().options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'deepgram_rate_limited', retryable: true, failure: 'capacity' });
    expect((error as Error).message).toMatch(/DEEPGRAM_MAX_STREAMS/);
    first.abort();
  });

  it('reports an unreachable Deepgram at open as retryable', async () => {
    const { server } = await setUp();
    const url = server.url;
    await server.close();
    const unreachable = deepgram({ baseUrl: url }).transcriber;
    await expect(unreachable.open(recorder().options)).rejects.toMatchObject({ code: 'deepgram_unreachable', retryable: true });
  });

  it('opens at most maxStreams streams, even when asked concurrently, and frees a slot when one ends', async () => {
    const { server, transcriber } = await setUp({}, { maxStreams: 2 });
    const attempts = await Promise.allSettled([1, 2, 3].map(() => transcriber.open(recorder().options)));
    const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(opened).toHaveLength(2);
    expect(attempts.find((a) => a.status === 'rejected')).toMatchObject({ reason: { code: 'engine_busy', retryable: true, failure: 'capacity' } });
    expect(server.connections).toBe(2);
    opened[0]!.abort();
    await opened[1]!.finish();
    const again = await transcriber.open(recorder().options);
    again.abort();
  });

  it('delivers the words spoken right up to finish() as one final before finish() resolves', async () => {
    const { transcriber } = await setUp();
    const words = await synthesizeTurns([{ speaker: 'agent', text: 'All of our injectors are registered nurses.' }], 0);
    const heard = recorder();
    const stream = await transcriber.open(heard.options);
    for (let offset = 0; offset < words.length; offset += 1_600) {
      stream.write(words.subarray(offset, offset + 1_600));
      stream.write(new Int16Array(0)); // to Deepgram an empty frame would mean CloseStream
    }
    await stream.finish();
    expect(heard.errors).toEqual([]);
    const finals = heard.events.filter((e) => e.kind === 'final');
    expect(finals).toHaveLength(1);
    expect(finals[0]!.text).toMatch(/registered nurses/i);
    expect(finals[0]!.words?.length).toBeGreaterThan(3);
  });

  it('stops waiting for a Deepgram that never closes after CloseStream, keeping what it delivered', async () => {
    // Generous: the test server recognises the speech only after it all arrived, and a busy CI machine is slow at it.
    const { transcriber } = await setUp({ ignoreCloseStream: true }, { finishTimeoutMs: 5_000 });
    // The server ignores CloseStream: finish() resolving at all is its timeout at work.
    const { events, errors } = await streamThrough(transcriber, speech, { paceFactor: Infinity });
    expect(errors).toEqual([]);
    expect(events.filter((e) => e.kind === 'final').map((e) => e.text).join(' ')).toMatch(/is it safe/i);
  });

  it('close() ends live streams with one retryable error each and refuses streams still opening or new', async () => {
    const { server, transcriber, engine: closing } = await setUp();
    const live = recorder();
    await transcriber.open(live.options);
    const pending = transcriber.open(recorder().options).catch((e: unknown) => e);
    await closing.close();
    expect(live.errors).toHaveLength(1);
    expect(live.errors[0]).toMatchObject({ code: 'engine_closed', retryable: true });
    expect(await pending).toMatchObject({ code: 'engine_closed' });
    await expect(transcriber.open(recorder().options)).rejects.toMatchObject({ code: 'engine_closed' });
    await until(server.events, 'session-end', () => server.activeStreams === 0);
  });

  it('also serves pre-recorded POST /v1/listen the way the SDK calls it', async () => {
    const { server } = await setUp();
    const client = new DeepgramClient({ apiKey: API_KEY, baseUrl: server.url });
    const body = Buffer.from(speech.buffer, speech.byteOffset, speech.byteLength);
    // transcribeFile has no sample_rate option in SDK 5.13: raw audio needs it as an extra query parameter.
    const response = await client.listen.v1.media.transcribeFile(body, { model: 'nova-3', encoding: 'linear16' }, { queryParams: { sample_rate: 16_000 } });
    const alternative = 'results' in response ? response.results.channels[0]?.alternatives?.[0] : undefined;
    expect(alternative?.transcript).toMatch(/is it safe/);
    expect(alternative?.words?.length).toBeGreaterThan(5);
  });

  it('delivers nothing after abort()', async () => {
    const { server, transcriber } = await setUp();
    const heard = recorder();
    const stream = await transcriber.open(heard.options);
    for (let offset = 0; offset < speech.length / 2; offset += 1_600) stream.write(speech.subarray(offset, offset + 1_600));
    stream.abort();
    const seen = heard.events.length;
    // The server saw the stream go: anything it still sent arrived at a closed stream.
    await until(server.events, 'session-end', () => server.activeStreams === 0);
    expect(heard.events.length).toBe(seen);
    expect(heard.errors).toEqual([]);
  });
});

const REAL_KEY = process.env.DEEPGRAM_API_KEY;

describe.skipIf(!REAL_KEY)('DeepgramEngine against the real Deepgram API', () => {
  transcriberContract('deepgram (api.deepgram.com)', async () => {
    const engine = new DeepgramEngine({ apiKey: REAL_KEY!, model: 'nova-3', maxStreams: 2, logger: silent });
    return { transcriber: transcriberOf(engine), close: () => engine.close() };
  });

  it('refuses a wrong key with a non-retryable error', async () => {
    const wrong = transcriberOf(new DeepgramEngine({ apiKey: 'not-a-real-key', model: 'nova-3', maxStreams: 1, logger: silent }));
    await expect(wrong.open(recorder().options)).rejects.toMatchObject({ code: 'deepgram_unauthorized', retryable: false });
  });
});
