import { CloseCode } from '@call-assist/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus } from '../../bus/bus.js';
import { InProcessHub } from '../../bus/in-process-bus.js';
import { MemoryCallStore } from '../testing/memory-call-store.js';
import { ORG, point, startTestGateway } from '../testing/test-gateway.js';

type Gateway = Awaited<ReturnType<typeof startTestGateway>>;

const SAFETY = point('safety', 'is it safe');
const PRICE = point('price', 'too expensive');
/** Fires only when the caller says it. */
const CALLER_PRICE = { ...point('caller-price', 'the price'), speaker: 'caller' as const };
const final = (text: string, startMs: number, endMs: number) => ({ kind: 'final' as const, text, startMs, endMs });
const partial = (text: string, startMs: number, endMs: number) => ({ kind: 'partial' as const, text, startMs, endMs });

/**
 * The live call as a room, in memory: the real rooms, protocol state machines, relay and remote
 * feeds over an in-process bus, a fake engine the test speaks for and fake sockets — deterministic,
 * no network, no timers waited on.
 */
describe('the live call as a room', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function deployment(gateways: number, options: { bus?: (bus: Bus) => Bus } = {}) {
    const hub = new InProcessHub();
    const store = new MemoryCallStore();
    const started: Gateway[] = [];
    for (let i = 0; i < gateways; i++) {
      const bus = hub.createBus();
      const gateway = await startTestGateway({ bus: options.bus?.(bus) ?? bus, store, points: [SAFETY, PRICE, CALLER_PRICE] });
      stops.push(gateway.stop);
      started.push(gateway);
    }
    return { store, gateways: started };
  }

  it('sends every socket on the call its messages directly, in order, each once, then ends the call', async () => {
    const { gateways: [a], store } = await deployment(1);
    const callId = await a!.newCall();
    const watcher = await a!.watch(callId);
    const rep = await a!.rep(callId);
    const engine = a!.transcriber.last;

    engine.hear(partial('hello can i ask', 0, 900));
    engine.hear(partial('hello can i ask is it safe', 0, 1_500));
    engine.hear(final('hello can i ask is it safe', 0, 1_600));
    rep.send({ type: 'end' });
    await rep.socket.closed();

    const expected = ['ready', 'transcript.partial', 'transcript.partial', 'card', 'transcript.final', 'call.ended'];
    expect(rep.socket.types()).toEqual(expected);
    expect(watcher.types()).toEqual(expected);
    expect(watcher.received.slice(1)).toEqual(rep.socket.received.slice(1));
    expect(rep.socket.messages('ready')[0]).toMatchObject({ role: 'rep', resumed: false, provider: 'fake', finals: [], cards: [] });
    expect(watcher.messages('ready')[0]).toMatchObject({ role: 'watch', resumed: false });
    expect(rep.socket.messages('card')[0]).toMatchObject({ talkingPointId: 'safety', phrase: 'is it safe', source: 'partial' });
    expect(rep.socket.closedWith).toEqual({ code: CloseCode.normal, reason: 'call ended' });
    expect(watcher.closedWith?.code).toBe(CloseCode.normal);
    expect(store.calls.get(callId)).toMatchObject({ status: 'ended', segments: [expect.objectContaining({ seq: 0, text: 'hello can i ask is it safe' })] });
    expect(a!.analysed).toEqual([callId]);
  });

  it('resumes a dropped rep from its position: ready carries only the finals and cards after it, nothing repeats', async () => {
    const { gateways: [a] } = await deployment(1);
    const callId = await a!.newCall();
    const first = await a!.rep(callId);
    const engine = a!.transcriber.last;
    engine.hear(final('is it safe', 0, 1_000));
    engine.hear(final('thank you', 1_200, 2_000));
    const seenCard = first.socket.messages('card')[0]!;
    first.socket.drop();
    // Said while nobody was connected: the call goes on, the next socket gets it.
    engine.hear(final('that is too expensive', 2_500, 4_000));

    const second = await a!.rep(callId, { resume: true, lastSeq: 1, lastCardId: seenCard.cardId });
    const ready = second.socket.messages('ready')[0]!;
    expect(ready).toMatchObject({ resumed: true, audioMs: 0 });
    expect(ready.finals.map((f) => [f.seq, f.text])).toEqual([[2, 'that is too expensive']]);
    expect(ready.cards.map((c) => c.talkingPointId)).toEqual(['price']);
    // One stream for the whole call: the resume did not open another.
    expect(a!.transcriber.streams).toHaveLength(1);

    // A page reloaded from scratch asks with no position: everything so far.
    second.socket.drop();
    const reloaded = await a!.rep(callId, { resume: true });
    const all = reloaded.socket.messages('ready')[0]!;
    expect(all.finals.map((f) => f.seq)).toEqual([0, 1, 2]);
    expect(all.cards.map((c) => c.talkingPointId)).toEqual(['safety', 'price']);
    engine.hear(final('okay', 4_200, 4_500));
    expect(reloaded.socket.messages('transcript.final').map((f) => f.seq)).toEqual([3]);
    reloaded.send({ type: 'end' });
    await reloaded.socket.closed();
  });

  it('takes the call over from a socket the server still holds only when asked to, closing that one 4423', async () => {
    const { gateways: [a] } = await deployment(1);
    const callId = await a!.newCall();
    const first = await a!.rep(callId);
    const refused = await a!.rep(callId);
    expect(refused.socket.closedWith?.code).toBe(CloseCode.callBusy);
    const taker = await a!.rep(callId, { resume: true });
    expect(taker.socket.messages('ready')[0]).toMatchObject({ resumed: true });
    expect(first.socket.closedWith).toEqual({ code: CloseCode.callBusy, reason: 'another connection resumed this call' });
    a!.transcriber.last.hear(final('is it safe', 0, 900));
    expect(taker.socket.messages('card')).toHaveLength(1);
    expect(first.socket.messages('card')).toHaveLength(0);
    taker.send({ type: 'end' });
    await taker.socket.closed();
  });

  it('forwards card feedback given on another gateway to the room that runs the call; a resumed socket shows it', async () => {
    const { gateways: [a, b], store } = await deployment(2);
    const callId = await a!.newCall();
    const rep = await a!.rep(callId);
    const remoteWatcher = await b!.watch(callId);
    a!.transcriber.last.hear(final('is it safe', 0, 900));
    const card = rep.socket.messages('card')[0]!;
    await remoteWatcher.next('card');

    // What POST /api/calls/:id/cards/:cardId/feedback does on gateway B.
    const recorded = await b!.calls.recordFeedback(ORG, callId, card.cardId, 'used');
    expect(recorded).toMatchObject({ type: 'card.feedback', cardId: card.cardId, feedback: 'used' });
    // Applied by the room on A before B answered: written, and every socket told.
    expect(store.calls.get(callId)!.cards[0]).toMatchObject({ id: card.cardId, feedback: 'used' });
    expect(rep.socket.messages('card.feedback')).toEqual([recorded]);
    await remoteWatcher.next('card.feedback');
    expect(remoteWatcher.messages('card.feedback')).toEqual([recorded]);
    expect(await b!.calls.recordFeedback(ORG, callId, '00000000-0000-4000-8000-000000000000', 'used')).toBeUndefined();

    rep.socket.drop();
    const resumed = await a!.rep(callId, { resume: true, lastSeq: 0, lastCardId: card.cardId });
    const ready = resumed.socket.messages('ready')[0]!;
    expect(ready.cards).toEqual([]);
    expect(ready.feedback).toEqual([{ cardId: card.cardId, feedback: 'used', at: recorded!.at }]);
    resumed.send({ type: 'end' });
    await remoteWatcher.closed();
    expect(remoteWatcher.types()).toEqual(['ready', 'transcript.final', 'card', 'card.feedback', 'call.ended']);
  });

  it('keeps delivering while the call ends: finals and feedback during the engine flush, then call.ended', async () => {
    const { gateways: [a] } = await deployment(1);
    const callId = await a!.newCall();
    const rep = await a!.rep(callId);
    const watcher = await a!.watch(callId);
    const engine = a!.transcriber.last;
    engine.holdFinish = true;
    engine.hear(final('is it safe', 0, 900));
    rep.send({ type: 'end' });
    // The engine is flushing: its last words still reach everyone, feedback still counts.
    engine.hear(final('goodbye', 1_000, 1_500));
    const card = rep.socket.messages('card')[0]!;
    const recorded = await a!.calls.recordFeedback(ORG, callId, card.cardId, 'dismissed');
    expect(recorded?.feedback).toBe('dismissed');
    // Audio after `end` is not taken; a second end changes nothing.
    rep.audio(new Int16Array(1_600));
    expect(engine.samplesWritten).toBe(0);
    const joined = await a!.rep(callId, { resume: true });
    expect(joined.socket.closedWith?.code).toBe(CloseCode.callEnded);
    expect(rep.socket.closedWith).toBeUndefined();

    engine.completeFinish();
    await rep.socket.closed();
    for (const socket of [rep.socket, watcher]) expect(socket.types()).toEqual(['ready', 'transcript.final', 'card', 'transcript.final', 'card.feedback', 'call.ended']);
    expect(watcher.closedWith?.code).toBe(CloseCode.normal);
  });

  it('drops a watcher whose socket fails under a send; the rep and the other watchers never notice', async () => {
    const { gateways: [a] } = await deployment(1);
    const callId = await a!.newCall();
    const rep = await a!.rep(callId);
    const broken = await a!.watch(callId);
    const healthy = await a!.watch(callId);
    const engine = a!.transcriber.last;
    broken.breakOnSend = true;
    engine.hear(partial('is it', 0, 500));
    broken.breakOnSend = false;
    engine.hear(final('is it safe', 0, 900));
    expect(rep.socket.types()).toEqual(['ready', 'transcript.partial', 'transcript.final', 'card']);
    expect(healthy.types()).toEqual(rep.socket.types());
    // Gone after the failed send: nothing more is tried on it.
    expect(broken.types()).toEqual(['ready']);
    rep.send({ type: 'end' });
    await healthy.closed();
  });

  it('mutes: the recording and the engine get silence, the span is stored and shown to every socket', async () => {
    const { gateways: [a, b], store } = await deployment(2);
    const callId = await a!.newCall();
    const rep = await a!.rep(callId);
    const remote = await b!.watch(callId);
    const engine = a!.transcriber.last;
    const speech = new Int16Array(1_600).fill(1_000);
    rep.audio(speech);
    rep.send({ type: 'mute', muted: true });
    rep.audio(speech);
    rep.audio(speech);
    rep.send({ type: 'mute', muted: false });
    rep.audio(speech);
    expect(engine.written.map((chunk) => chunk[0])).toEqual([1_000, 0, 0, 1_000]);
    expect(rep.socket.messages('call.muted')).toEqual([
      { type: 'call.muted', callId, muted: true, atMs: 100 },
      { type: 'call.muted', callId, muted: false, atMs: 300 },
    ]);
    await remote.next('call.muted', 2);
    rep.send({ type: 'end' });
    await rep.socket.closed();
    expect(store.calls.get(callId)!.mutedSpans).toEqual([{ startMs: 100, endMs: 300 }]);
    const wav = a!.blobs.bytes(`${ORG.orgId}/calls/${callId}.wav`)!;
    const samples = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
    expect([samples[0], samples[1_600], samples[3_200], samples[4_800]]).toEqual([1_000, 0, 0, 1_000]);
  });

  it('catches a watcher on another gateway up after missed bus messages: no gap, no repeat', async () => {
    // Gateway B's subscription loses the envelopes while `lossy` is on (the bus was down).
    let lossy = false;
    let busIndex = 0;
    const { gateways: [a, b] } = await deployment(2, {
      bus: (bus) => {
        if (busIndex++ !== 1) return bus;
        return {
          publish: (channel, payload) => bus.publish(channel, payload),
          subscribe: (channel, handler) => bus.subscribe(channel, (payload) => !(lossy && channel.startsWith('call:')) && handler(payload)),
          close: () => bus.close(),
        };
      },
    });
    const callId = await a!.newCall();
    const remote = await b!.watch(callId);
    const rep = await a!.rep(callId);
    const engine = a!.transcriber.last;
    engine.hear(final('first words', 0, 500));
    await remote.next('transcript.final');
    lossy = true;
    engine.hear(final('is it safe', 600, 1_000));
    engine.hear(partial('and', 1_100, 1_200));
    lossy = false;
    // The next envelope shows the gap: B asks A for the call so far and sends the watcher what it lacks.
    engine.hear(final('and the cost', 1_100, 1_800));
    await remote.next('transcript.final', 3);
    expect(remote.messages('transcript.final').map((f) => f.seq)).toEqual([0, 1, 2]);
    expect(remote.messages('card').map((c) => c.talkingPointId)).toEqual(['safety']);
    rep.send({ type: 'end' });
    await remote.closed();
    expect(remote.messages('call.ended')).toHaveLength(1);
  });

  it('labels a two-channel call by channel, sends finals in audio order, applies the caller-only filter and mutes the rep only', async () => {
    const { gateways: [a], store } = await deployment(1);
    const callId = await a!.newCall();
    const rep = await a!.rep(callId, { protocolVersion: 2, channels: 2 });
    expect(rep.socket.messages('ready')[0]).toMatchObject({ channels: 2, channelRoles: ['agent', 'caller'], maxFrameBytes: 128 * 1024 });
    const engine = a!.transcriber.last;
    expect(engine.options.channels).toBe(2);
    // 100 ms of audio: the rep's channel at 1,000, the caller's at 2,000.
    const frame = () => Int16Array.from({ length: 3_200 }, (_, i) => (i % 2 === 0 ? 1_000 : 2_000));
    const audioTo = (ms: number) => {
      while ((engine.samplesWritten / 32) < ms) rep.audio(frame());
    };

    // The rep says "the price" (agent: the caller-only point stays quiet); the caller answers, overlapping.
    engine.hear({ kind: 'partial', text: 'so the price', startMs: 0, endMs: 800, channel: 0 });
    engine.hear({ kind: 'partial', text: 'what is', startMs: 600, endMs: 900, channel: 1 });
    engine.hear({ kind: 'final', text: 'so the price is', startMs: 0, endMs: 1_000, channel: 0 });
    engine.hear({ kind: 'final', text: 'what is the price', startMs: 600, endMs: 1_500, channel: 1 });
    audioTo(2_200);
    // The caller reports an utterance that began before the rep's next one, but later.
    engine.hear({ kind: 'final', text: 'okay then', startMs: 2_600, endMs: 3_000, channel: 0 });
    engine.hear({ kind: 'final', text: 'hmm', startMs: 2_400, endMs: 2_500, channel: 1 });
    audioTo(4_000);

    const partials = rep.socket.messages('transcript.partial');
    expect(partials.map((p) => [p.channel, p.speaker])).toEqual([
      [0, 'agent'],
      [1, 'caller'],
    ]);
    const finals = rep.socket.messages('transcript.final');
    expect(finals.map((f) => [f.seq, f.speaker, f.text])).toEqual([
      [0, 'agent', 'so the price is'],
      [1, 'caller', 'what is the price'],
      [2, 'caller', 'hmm'],
      [3, 'agent', 'okay then'],
    ]);
    expect(rep.socket.messages('card').map((c) => c.talkingPointId)).toEqual(['caller-price']);

    // Muted: the rep's channel is silent, the caller's goes on.
    rep.send({ type: 'mute', muted: true });
    const before = engine.written.length;
    rep.audio(frame());
    const muted = engine.written.at(-1)!;
    expect(engine.written.length).toBe(before + 1);
    expect([muted[0], muted[1], muted[2], muted[3]]).toEqual([0, 2_000, 0, 2_000]);

    // A socket that resumes the call must say the same channels.
    rep.socket.drop();
    const mono = await a!.rep(callId, { resume: true });
    expect(mono.socket.closedWith?.code).toBe(CloseCode.invalidMessage);
    expect(mono.socket.closedWith?.reason).toMatch(/2 channels/);
    const again = await a!.rep(callId, { resume: true, protocolVersion: 2, channels: 2 });
    again.send({ type: 'end' });
    await again.socket.closed();
    expect(store.calls.get(callId)!.segments.map((segment) => [segment.seq, segment.speaker, segment.channel])).toEqual([
      [0, 'agent', 0],
      [1, 'caller', 1],
      [2, 'caller', 1],
      [3, 'agent', 0],
    ]);
    const wav = a!.blobs.bytes(`${ORG.orgId}/calls/${callId}.wav`)!;
    expect(wav.readUInt16LE(22)).toBe(2);
  });

  it('refuses a two-channel hello on protocol 1, and frames that are not whole interleaved frames', async () => {
    const { gateways: [a] } = await deployment(1);
    const v1 = await a!.rep(await a!.newCall(), { protocolVersion: 1, channels: 2 });
    expect(v1.socket.closedWith).toMatchObject({ code: CloseCode.invalidMessage, reason: expect.stringMatching(/protocol version 2/) });
    const stereo = await a!.rep(await a!.newCall(), { protocolVersion: 2, channels: 2 });
    stereo.audio(new Int16Array(3));
    expect(stereo.socket.closedWith).toMatchObject({ code: CloseCode.invalidMessage, reason: expect.stringMatching(/interleaved/) });
  });
});
