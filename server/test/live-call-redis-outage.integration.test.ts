import { randomBytes } from 'node:crypto';
import type { LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_MS, RecordingSocket, streamRealtime, type Received } from './helpers/call-client.js';
import { startPrivateRedis, type PrivateRedis } from './helpers/private-redis.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';
import { SAMPLE_RATE_HZ, sentenceTurns, synthesizeTimedTurns, type TimedSpeech } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

/** What a socket received between two moments. */
const between = (socket: RecordingSocket, from: number, to: number) => socket.received.filter((r) => r.at >= from && r.at < to);
const typesOf = (received: Received[]) => received.map((r) => r.message.type);
/** Everything but partials and `ready` (which differ by role). */
const lastingMessages = (socket: RecordingSocket) => socket.received.filter((r) => r.message.type !== 'transcript.partial' && r.message.type !== 'ready').map((r) => r.message);

/**
 * Two gateways on one PostgreSQL and a private Redis that is stopped mid-call and started again: the
 * rep and the watcher on the gateway running the call see every partial, final and card as before —
 * nothing on their path waits for Redis — and a watcher on the other gateway catches up from a
 * snapshot once Redis is back, with no final or card missing or repeated.
 */
describe('a live call while Redis is down', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let gatewayA: TestApp;
  let gatewayB: TestApp;
  let speech: TimedSpeech;

  beforeAll(async () => {
    [database, redis, speech] = await Promise.all([createTestDatabase(), startPrivateRedis(), synthesizeTimedTurns(sentenceTurns(10))]);
    const env = { CALL_TOKEN_SECRET: randomBytes(32).toString('hex'), REDIS_URL: redis.url };
    gatewayA = await startTestApp({ database, env });
    gatewayB = await startTestApp({ database, env });
  }, 120_000);

  afterAll(async () => {
    await gatewayA?.close();
    await gatewayB?.close();
    await redis?.close();
    await database?.drop();
  });

  it('keeps the owning gateway live without delay and catches the other gateway up once Redis is back', async () => {
    const point = async (title: string, phrase: string) => (await api<TalkingPoint>(gatewayA, 'POST', '/api/talking-points', { title, body: `${title}.`, phrases: [phrase] })).body;
    const safety = await point('Safety', 'is it safe');
    const payment = await point('Payment', 'payment plan');
    const booking = await point('Booking', 'can i come in');

    const call = (await api<LiveCallCreated>(gatewayA, 'POST', '/api/live-calls')).body;
    const query = `?token=${encodeURIComponent(call.token)}`;
    const rep = RecordingSocket.connect(`${gatewayA.wsUrl}/ws/calls/${call.callId}${query}`);
    const localWatcher = RecordingSocket.connect(`${gatewayA.wsUrl}/ws/calls/${call.callId}/watch${query}`);
    const remoteWatcher = RecordingSocket.connect(`${gatewayB.wsUrl}/ws/calls/${call.callId}/watch${query}`);
    await Promise.all([rep.opened, localWatcher.opened, remoteWatcher.opened]);
    rep.hello();
    await rep.next('ready');

    // Sentences 0–2 with Redis up, 3–5 ("payment plan") with Redis down, 6–9 ("can I come in") after it is back.
    const at = (sentence: number) => Math.round(((speech.spans[sentence - 1]!.endMs + speech.spans[sentence]!.startMs) / 2) * (SAMPLE_RATE_HZ / 1000));
    const [outageStart, outageEnd] = [at(3), at(6)];
    await streamRealtime(rep, speech.samples.subarray(0, outageStart));
    await remoteWatcher.next('card');

    await redis.stop();
    const stoppedAt = performance.now();
    const sentDuringOutage = await streamRealtime(rep, speech.samples.subarray(outageStart, outageEnd));
    const restartedAt = performance.now();
    await redis.start();
    await streamRealtime(rep, speech.samples.subarray(outageEnd));
    rep.sendJson({ type: 'end' });
    const [repClosed, localClosed, remoteClosed] = await Promise.all([rep.closed, localWatcher.closed, remoteWatcher.closed]);

    // While Redis was down the rep and the local watcher heard the call as it went.
    const heard = between(rep, stoppedAt, restartedAt);
    expect(typesOf(heard).filter((type) => type === 'transcript.partial').length).toBeGreaterThan(10);
    expect(typesOf(heard)).toContain('transcript.final');
    const paymentCard = heard.find((r) => r.message.type === 'card')!;
    expect(paymentCard.message).toMatchObject({ talkingPointId: payment.id });
    // Speech to card as the rep sees it: from the frame holding the phrase's end to the card, with Redis down.
    const cardAudioMs = (paymentCard.message as { audioMs: number }).audioMs - outageStart / (SAMPLE_RATE_HZ / 1000);
    const frameSentAt = sentDuringOutage[Math.min(sentDuringOutage.length - 1, Math.ceil(cardAudioMs / FRAME_MS) - 1)]!;
    const speechToCardMs = Math.round(paymentCard.at - frameSentAt);
    console.info(`Redis down: the payment card reached the rep ${speechToCardMs} ms after its audio was sent (${JSON.stringify(paymentCard.message)})`);
    expect(speechToCardMs).toBeLessThan(1_500);
    expect(lastingMessages(localWatcher)).toEqual(lastingMessages(rep));

    // The other gateway's watcher missed the outage live (the card said then reached it only after the restart),
    // then caught up: every final and card once, in order.
    const remotePaymentCard = remoteWatcher.received.find((r) => r.message.type === 'card' && r.message.talkingPointId === payment.id)!;
    expect(remotePaymentCard.at).toBeGreaterThan(restartedAt);
    const repFinals = rep.messages('transcript.final');
    expect(repFinals.map((final) => final.seq)).toEqual(repFinals.map((_, i) => i));
    expect(remoteWatcher.messages('transcript.final')).toEqual(repFinals);
    expect(remoteWatcher.messages('card').map((card) => card.talkingPointId)).toEqual([safety.id, payment.id, booking.id]);
    expect(remoteWatcher.messages('card')).toEqual(rep.messages('card'));
    expect(remoteWatcher.messages('call.ended')).toHaveLength(1);
    expect([repClosed.code, localClosed.code, remoteClosed.code]).toEqual([1000, 1000, 1000]);
  }, 180_000);
});
