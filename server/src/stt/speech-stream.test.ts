import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../test/helpers/engines.js';
import { ProviderError } from '../lib/errors.js';
import type { EngineConnectOptions, EngineConnection, SpeechEngine } from './speech-engine.js';
import { SpeechTranscriber } from './speech-transcriber.js';
import type { TranscriberStatus, TranscriptEvent } from './streaming-transcriber.js';

/** One connection of a fake engine: what it received, and a way to speak or fail as the engine. */
class FakeConnection implements EngineConnection {
  readonly received: Int16Array[] = [];
  closed = false;
  finished = false;

  constructor(readonly options: EngineConnectOptions) {}

  get receivedMs(): number {
    return this.received.reduce((sum, chunk) => sum + chunk.length, 0) / 16;
  }

  /** The first sample value received (the tests write ramps, so it says where the audio started). */
  get firstSample(): number | undefined {
    return this.received.find((chunk) => chunk.length > 0)?.[0];
  }

  send(samples: Int16Array): void {
    this.received.push(samples.slice());
  }

  async finish(): Promise<void> {
    this.finished = true;
  }

  close(): void {
    this.closed = true;
  }

  final(text: string, startMs: number, endMs: number): void {
    this.options.onTranscript({ kind: 'final', text, startMs, endMs });
  }

  lose(error = new ProviderError('engine_lost', 'connection dropped', true)): void {
    this.options.onClosed(error);
  }
}

class FakeEngine implements SpeechEngine {
  readonly connections: FakeConnection[] = [];
  attempts = 0;
  probes = 0;
  /** The next connects fail with this (undefined: they succeed). */
  refuse: ProviderError | undefined;
  /** Connects wait for this first (a slow network). */
  gate: Promise<void> | undefined;
  probeAnswers = false;

  constructor(readonly name: string) {}

  async connect(options: EngineConnectOptions): Promise<EngineConnection> {
    this.attempts++;
    await this.gate;
    if (this.refuse) throw this.refuse;
    const connection = new FakeConnection(options);
    this.connections.push(connection);
    return connection;
  }

  async probe(): Promise<void> {
    this.probes++;
    if (!this.probeAnswers) throw new ProviderError('unreachable', 'still down', true);
  }

  async close(): Promise<void> {}

  get last(): FakeConnection {
    return this.connections.at(-1)!;
  }
}

/** 100 ms of audio whose samples count up from `fromMs * 16`, so a replay's start can be read off it. */
const frame = (fromMs: number) => Int16Array.from({ length: 1_600 }, (_, i) => (fromMs * 16 + i) % 32_000);

function open(transcriber: SpeechTranscriber, startAtMs?: number) {
  const events: TranscriptEvent[] = [];
  const statuses: TranscriberStatus[] = [];
  const errors: ProviderError[] = [];
  const opened = transcriber.open({
    sampleRateHz: 16_000,
    keyterms: [],
    ...(startAtMs !== undefined && { startAtMs }),
    onTranscript: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    onError: (error) => errors.push(error),
  });
  return { opened, events, statuses, errors };
}

const chain = (engines: FakeEngine[], policy: { reconnectAttempts?: number } = {}) =>
  SpeechTranscriber.of(engines, silentLogger, { policy: { reconnectBackoffMs: 0, ...policy }, probeDelaysMs: { first: 1_000, max: 4_000 } });

describe('SpeechStream: one lifecycle for every engine', () => {
  afterEach(() => vi.useRealTimers());

  it('moves every event into call time, from where a continued call starts', async () => {
    const engine = new FakeEngine('a');
    const { opened, events } = open(chain([engine]), 60_000);
    const stream = await opened;
    stream.write(frame(0));
    engine.last.final('hello', 10, 90);
    expect(events).toEqual([{ kind: 'final', text: 'hello', startMs: 60_010, endMs: 60_090, channel: 0 }]);
    await stream.finish();
    expect(engine.last.finished).toBe(true);
  });

  it('reconnects a dropped connection to the same engine, replaying exactly the audio after the last final', async () => {
    const engine = new FakeEngine('a');
    const { opened, events, statuses } = open(chain([engine]));
    const stream = await opened;
    for (let ms = 0; ms < 1_000; ms += 100) stream.write(frame(ms));
    engine.last.final('first part', 0, 400);
    engine.last.lose();
    // Audio arriving while the new connection opens is kept for it too.
    stream.write(frame(1_000));
    await vi.waitUntil(() => engine.connections.length === 2);
    const second = engine.last;
    expect(second.firstSample).toBe(frame(400)[0]);
    expect(second.receivedMs).toBe(700);
    second.final('second part', 50, 500);
    expect(events.map((e) => [e.text, e.startMs, e.endMs])).toEqual([
      ['first part', 0, 400],
      ['second part', 450, 900],
    ]);
    expect(statuses).toEqual([]);
    expect(stream.provider).toBe('a');
  });

  it('continues on a new session at once when the engine ends one at its limit, whatever the reconnect policy', async () => {
    const engine = new FakeEngine('a');
    const { opened, errors } = open(chain([engine], { reconnectAttempts: 0 }));
    const stream = await opened;
    stream.write(frame(0));
    engine.last.lose(new ProviderError('session_limit', 'session time limit', true, 'session-ended'));
    await vi.waitUntil(() => engine.connections.length === 2);
    engine.last.lose(new ProviderError('session_limit', 'session time limit', true, 'session-ended'));
    await vi.waitUntil(() => engine.connections.length === 3);
    expect(errors).toEqual([]);
  });

  it('fails over to the next engine after drops in a row without progress, reporting the switch once', async () => {
    const [a, b] = [new FakeEngine('a'), new FakeEngine('b')];
    const { opened, statuses, errors } = open(chain([a, b], { reconnectAttempts: 1 }));
    const stream = await opened;
    stream.write(frame(0));
    a.last.lose();
    await vi.waitUntil(() => a.connections.length === 2);
    a.last.lose();
    await vi.waitUntil(() => statuses.length > 0);
    expect(stream.provider).toBe('b');
    expect(b.last.receivedMs).toBe(100);
    expect(statuses).toEqual([expect.objectContaining({ code: 'provider.switched', previous: 'a', provider: 'b', atMs: 0 })]);
    expect(errors).toEqual([]);
  });

  it('reports the error once when no engine is left to take the stream', async () => {
    const engine = new FakeEngine('a');
    const { opened, errors } = open(chain([engine], { reconnectAttempts: 0 }));
    const stream = await opened;
    engine.last.lose(new ProviderError('bad_audio', 'cannot decode', false));
    await vi.waitUntil(() => errors.length > 0);
    expect(errors).toEqual([expect.objectContaining({ code: 'bad_audio' })]);
    stream.write(frame(0));
    expect(engine.connections).toHaveLength(1);
  });

  it('finishes the new connection when the engine fails during the finish with audio still untranscribed', async () => {
    const [a, b] = [new FakeEngine('a'), new FakeEngine('b')];
    const { opened } = open(chain([a, b], { reconnectAttempts: 0 }));
    const stream = await opened;
    stream.write(frame(0));
    const first = a.last;
    first.finish = async () => first.lose();
    // The next engine takes its time to connect: the finish must wait for it, not end without it.
    let connected!: () => void;
    b.gate = new Promise((resolve) => (connected = resolve));
    const finished = stream.finish();
    await vi.waitUntil(() => b.attempts === 1);
    connected();
    await finished;
    expect(b.connections).toHaveLength(1);
    expect(b.last).toMatchObject({ finished: true, receivedMs: 100 });
  });

  it('remembers a failed engine: new streams skip it until a background probe finds it back', async () => {
    vi.useFakeTimers();
    const [a, b] = [new FakeEngine('a'), new FakeEngine('b')];
    const transcriber = chain([a, b]);
    a.refuse = new ProviderError('unreachable', 'connect ECONNREFUSED', true);
    expect((await open(transcriber).opened).provider).toBe('b');
    expect(a.attempts).toBe(1);
    // The second and later streams go straight to b.
    expect((await open(transcriber).opened).provider).toBe('b');
    expect(a.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.probes).toBe(1);
    expect(transcriber.isAvailable('a')).toBe(false);
    a.refuse = undefined;
    a.probeAnswers = true;
    // Backoff: the next probe comes 2 s after the failed one.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(a.probes).toBe(2);
    expect(transcriber.isAvailable('a')).toBe(true);
    expect((await open(transcriber).opened).provider).toBe('a');
  });

  it('does not hold a full engine against it: a capacity refusal moves the stream on but keeps the engine available', async () => {
    const [a, b] = [new FakeEngine('a'), new FakeEngine('b')];
    const transcriber = chain([a, b]);
    a.refuse = new ProviderError('engine_busy', 'full', true, 'capacity');
    expect((await open(transcriber).opened).provider).toBe('b');
    expect(transcriber.isAvailable('a')).toBe(true);
    a.refuse = undefined;
    expect((await open(transcriber).opened).provider).toBe('a');
  });

  it('replays a two-channel call from the least covered channel, silent on the other up to its own final', async () => {
    const engine = new FakeEngine('a');
    const { opened } = open2(chain([engine]));
    const stream = await opened;
    // 1 s of two channels: channel 0 counts up, channel 1 is constant 7.
    for (let ms = 0; ms < 1_000; ms += 100) stream.write(Int16Array.from({ length: 3_200 }, (_, i) => (i % 2 === 0 ? ms * 16 + i / 2 : 7)));
    engine.last.options.onTranscript({ kind: 'final', text: 'caller', startMs: 0, endMs: 800, channel: 1 });
    engine.last.options.onTranscript({ kind: 'final', text: 'agent', startMs: 0, endMs: 200, channel: 0 });
    engine.last.lose();
    await vi.waitUntil(() => engine.connections.length === 2);
    const replay = engine.last.received.flatMap((chunk) => [...chunk]);
    expect(replay.length).toBe(2 * 800 * 16);
    // From 200 ms (channel 0's final): channel 0's audio; channel 1 silent until 800 ms, then its audio.
    expect([replay[0], replay[1]]).toEqual([200 * 16, 0]);
    expect([replay[2 * 600 * 16 - 1], replay[2 * 600 * 16 + 1]]).toEqual([0, 7]);
  });
});

function open2(transcriber: SpeechTranscriber) {
  const opened = transcriber.open({ sampleRateHz: 16_000, channels: 2, keyterms: [], onTranscript: () => {}, onError: () => {} });
  return { opened };
}
