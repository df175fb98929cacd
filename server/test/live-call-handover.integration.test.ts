import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LiveCallCreated, ReadyMessage } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWavHeader, WAV_HEADER_BYTES } from '../src/lib/audio/wav.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';
import { durationMs, SAMPLE_RATE_HZ, sentenceTurns, synthesizeTimedTurns, TEST_SENTENCE_PHRASES, transcriptContinuity, type TimedSpeech } from './helpers/speech.js';
import { api, settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

interface CallDetail {
  call: { status: string; analysisStatus: string; audioDurationMs: number; audioKey: string };
  segments: { seq: number; text: string; startMs: number; endMs: number }[];
  cards: { talkingPointId: string; audioMs: number }[];
}

/**
 * A gateway shutting down mid-call (SIGTERM → app.stop) suspends its calls after flushing them; the
 * rep's reconnect continues the call on another gateway of the deployment: same call, one continuous
 * transcript and recording, no card twice.
 */
describe('a gateway shut down mid-call', () => {
  let database: TestDatabase;
  let dataDir: string;
  let speech: TimedSpeech;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Gateways of one deployment share the recordings' storage (a volume in docker-compose).
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handover-'));
    speech = await synthesizeTimedTurns(sentenceTurns(), 700);
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => {});
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ redis: true, database, env: { CALL_TOKEN_SECRET: SECRET, DATA_DIR: dataDir, ...env } });
    apps.push(app);
    return app;
  };
  const SECRET = randomBytes(32).toString('hex');

  it('continues the call on the other gateway with the transcript and recording complete', async () => {
    const [gatewayA, gatewayB] = [await start(), await start()];
    const safety = (await api<{ id: string }>(gatewayB, 'POST', '/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe'] })).body;
    const payment = (await api<{ id: string }>(gatewayB, 'POST', '/api/talking-points', { title: 'Payment', body: 'Plans from 0 %.', phrases: ['payment plan'] })).body;
    const call = (await api<LiveCallCreated>(gatewayA, 'POST', '/api/live-calls')).body;
    const query = `?token=${encodeURIComponent(call.token)}`;
    const watcher = RecordingSocket.connect(`${gatewayB.wsUrl}/ws/calls/${call.callId}/watch${query}`);
    const first = RecordingSocket.connect(`${gatewayA.wsUrl}/ws/calls/${call.callId}${query}`);
    await Promise.all([watcher.opened, first.opened]);
    first.hello();
    await first.next('ready');

    // Four sentences ("is it safe" among them) into gateway A, then A is shut down.
    const splitMs = (speech.spans[3]!.endMs + speech.spans[4]!.startMs) / 2;
    const split = Math.round((splitMs * SAMPLE_RATE_HZ) / 1000);
    await streamRealtime(first, speech.samples.subarray(0, split));
    await gatewayA.stop();
    expect((await first.closed).code).toBe(1001);

    // The rep's pane reconnects (through nginx: to the gateway still up) and resumes the call.
    const second = RecordingSocket.connect(`${gatewayB.wsUrl}/ws/calls/${call.callId}${query}`);
    await second.opened;
    second.hello({ resume: true });
    const ready = (await second.next('ready')) as ReadyMessage;
    expect(ready).toMatchObject({ resumed: true, callId: call.callId });
    expect(Math.abs(ready.audioMs! - durationMs(speech.samples.subarray(0, split)))).toBeLessThan(150);
    expect(ready.cards?.map((card) => card.talkingPointId)).toEqual([safety.id]);
    expect(ready.finals!.length).toBeGreaterThan(0);
    // The client continues from where the server's audio ends, so nothing is lost or sent twice.
    const from = Math.round((ready.audioMs! * SAMPLE_RATE_HZ) / 1000);
    // Said again after the move: the card must not fire twice.
    await streamRealtime(second, speech.samples.subarray(from));
    second.sendJson({ type: 'end' });
    expect((await second.closed).code).toBe(1000);
    expect((await watcher.closed).code).toBe(1000);

    const detail = await settledCall<CallDetail>(gatewayB, call.callId);
    expect(detail.call).toMatchObject({ status: 'ended', analysisStatus: 'completed' });
    expect(detail.segments.map((segment) => segment.seq)).toEqual(detail.segments.map((_, i) => i));
    expect(transcriptContinuity(speech.spans, detail.segments, TEST_SENTENCE_PHRASES)).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
    expect(detail.cards.map((card) => card.talkingPointId)).toEqual([safety.id, payment.id]);
    // The watcher on B saw both cards: the first fired on A, the second on B.
    expect(watcher.messages('card').map((card) => card.talkingPointId)).toEqual([safety.id, payment.id]);
    // One recording, both halves, as long as the audio sent.
    expect(Math.abs(detail.call.audioDurationMs - durationMs(speech.samples))).toBeLessThan(150);
    const wav = await readFile(path.join(dataDir, 'blobs', detail.call.audioKey));
    expect(parseWavHeader(wav).dataBytes).toBe(wav.length - WAV_HEADER_BYTES);
    expect(Math.abs((wav.length - WAV_HEADER_BYTES) / 2 - speech.samples.length)).toBeLessThan(SAMPLE_RATE_HZ * 0.15);
  }, 180_000);

  it('ends a suspended call nobody resumes as interrupted once the grace period passes, and analyses it', async () => {
    const env = { CALL_RESUME_GRACE_MS: '1500' };
    const gateway = await start(env);
    const call = (await api<LiveCallCreated>(gateway, 'POST', '/api/live-calls')).body;
    const rep = RecordingSocket.connect(`${gateway.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
    await rep.opened;
    rep.hello();
    await rep.next('ready');
    await streamRealtime(rep, speech.samples.subarray(0, Math.round((speech.spans[1]!.endMs + 300) * 16)));
    await gateway.stop();
    // Another gateway (or this one restarted) sweeps it.
    const other = await start(env);
    const detail = await settledCall<CallDetail>(other, call.callId);
    expect(detail.call).toMatchObject({ status: 'interrupted', analysisStatus: 'completed' });
    expect(detail.segments.map((segment) => segment.text).join(' ')).toMatch(/is it safe/);
  }, 120_000);
});
