import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWavHeader } from '../src/lib/audio/wav.js';
import { RecordingSocket } from './helpers/call-client.js';
import { synthesizeTwoChannelTurns, type TwoChannelSpeech } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

interface CallDetail {
  call: { audioKey: string; audioDurationMs: number };
  segments: { seq: number; speaker: string | null; text: string; startMs: number }[];
  cards: { talkingPointId: string }[];
}

const FRAME_MS = 100;

/** Streams interleaved two-channel audio in 100 ms frames at real-time pace. */
async function streamStereo(socket: RecordingSocket, samples: Int16Array): Promise<void> {
  const frame = 2 * 16 * FRAME_MS;
  const start = performance.now();
  for (let i = 0; i * frame < samples.length; i++) {
    const wait = start + i * FRAME_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const chunk = samples.subarray(i * frame, (i + 1) * frame);
    socket.ws.send(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
}

/**
 * Both sides of a call over the rep's socket (protocol v2, two channels: the rep's microphone and the
 * other party): every line labelled with its speaker, a caller-only talking point firing on the
 * caller's words and not on the rep saying the same, a stereo recording.
 */
describe('a two-channel live call', () => {
  let app: TestApp;
  let speech: TwoChannelSpeech;

  beforeAll(async () => {
    [app, speech] = await Promise.all([
      startTestApp(),
      // The rep says "payment plan" first; only the caller's "payment plan" may fire the caller-only point.
      synthesizeTwoChannelTurns([
        { speaker: 'agent', text: 'Thank you for calling the clinic.' },
        { speaker: 'agent', text: 'We have a payment plan.' },
        { speaker: 'caller', text: 'Can I ask, is it safe?' },
        { speaker: 'agent', text: 'All of our injectors are registered nurses.' },
        { speaker: 'caller', text: 'We have a payment plan.' },
      ]),
    ]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('labels both parties, applies the caller-only filter live, stores speakers and records in stereo', async () => {
    const point = async (body: object) => (await api<TalkingPoint>(app, 'POST', '/api/talking-points', body)).body;
    const financing = await point({ title: 'Financing', body: 'Twelve months at zero percent.', phrases: ['payment plan'], speaker: 'caller' });
    const safety = await point({ title: 'Safety', body: 'RN injectors.', phrases: ['is it safe'], speaker: 'caller' });
    const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    const rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
    await rep.opened;
    rep.hello({ protocolVersion: 2, channels: 2 });
    expect(await rep.next('ready')).toMatchObject({ channels: 2, channelRoles: ['agent', 'caller'] });
    await streamStereo(rep, speech.samples);
    rep.sendJson({ type: 'end' });
    expect((await rep.closed).code).toBe(1000);

    const finals = rep.messages('transcript.final');
    const of = (speaker: string) => finals.filter((final) => final.speaker === speaker).map((final) => final.text).join(' ');
    expect(of('agent')).toMatch(/calling the clinic.*payment plan.*registered nurses/);
    expect(of('caller')).toMatch(/is it safe.*payment plan/);
    expect(finals.every((final) => final.channel === (final.speaker === 'agent' ? 0 : 1))).toBe(true);
    // In audio order across the two channels.
    finals.forEach((final, i) => i > 0 && expect(final.startMs).toBeGreaterThanOrEqual(finals[i - 1]!.startMs));
    expect(rep.messages('transcript.partial').some((partial) => partial.speaker === 'caller')).toBe(true);

    // The rep's "payment plan" came first; the card fired on the caller's, at its time.
    const cards = rep.messages('card');
    expect(cards.map((card) => card.talkingPointId)).toEqual([safety.id, financing.id]);
    const callersPlan = speech.spans[4]!;
    expect(cards[1]!.audioMs).toBeGreaterThan(callersPlan.startMs);

    const detail = (await api<CallDetail>(app, 'GET', `/api/calls/${call.callId}`)).body;
    expect(detail.segments.map(({ speaker }) => speaker)).toEqual(finals.map((final) => final.speaker));
    const wav = parseWavHeader(await readFile(path.join(app.dataDir, 'blobs', detail.call.audioKey)));
    expect(wav).toMatchObject({ channels: 2, sampleRateHz: 16_000 });
    expect(Math.abs(wav.durationMs - speech.samples.length / 32)).toBeLessThanOrEqual(100);
  }, 120_000);
});
