import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCardEvents } from '../src/db/card-events.js';
import { getCall } from '../src/db/calls.js';
import { ensureDefaultOrganisation } from '../src/db/organisations.js';
import { listTranscriptSegments } from '../src/db/transcript-segments.js';
import { parseWavHeader } from '../src/lib/audio/wav.js';
import { FRAME_MS, RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { durationMs, loadCorpusCall, synthesizeTurns } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The live call path end to end, as a rep's pane uses it: talking points created over the API, a
 * corpus call spoken by flite streamed over a real WebSocket at real-time pace, a watcher on the
 * side, then the database and the recording checked.
 */
export function liveCallAcceptance(busName: string, options: { redis: boolean }): void {
  describe(`live call over a real WebSocket (${busName} bus)`, () => {
    let app: TestApp;
    let safety: TalkingPoint;
    let reassurance: TalkingPoint;
    let financing: TalkingPoint;
    let created: LiveCallCreated;
    let rep: RecordingSocket;
    let watcher: RecordingSocket;
    let audio: Int16Array;
    let sentAt: number[];

    beforeAll(async () => {
      [app, audio] = await Promise.all([startTestApp({ redis: options.redis }), synthesizeTurns(loadCorpusCall('dev-001').turns.slice(4, 8))]);
      const point = async (body: object) => (await api<TalkingPoint>(app, 'POST', '/api/talking-points', body)).body;
      safety = await point({ title: 'Safety', body: 'All injectors are RNs; Dr Alvarez reviews every new patient.', phrases: ['is it safe', 'side effects'], speaker: 'any' });
      // Spoken twice in these turns: must still fire once.
      reassurance = await point({ title: 'Natural results', body: 'We start conservative on a first visit.', phrases: ['conservative', 'frozen'] });
      financing = await point({ title: 'Financing', body: 'Twelve months at zero percent.', phrases: ['payment plan', 'financing'] });

      created = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
      const query = `?token=${encodeURIComponent(created.token)}`;
      watcher = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${created.callId}/watch${query}`);
      rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${created.callId}${query}`);
      await Promise.all([watcher.opened, rep.opened]);
      rep.hello();
      await rep.next('ready');
      sentAt = await streamRealtime(rep, audio);
      rep.sendJson({ type: 'end' });
      await Promise.all([rep.closed, watcher.closed]);
    }, 180_000);

    afterAll(async () => {
      await app?.close();
    });

    it('streams partial and final transcripts, then ends the call and closes 1000', async () => {
      expect(rep.messages('ready')[0]).toMatchObject({ callId: created.callId, provider: 'local' });
      expect(rep.messages('transcript.partial').length).toBeGreaterThan(20);
      const finals = rep.messages('transcript.final');
      expect(finals.length).toBeGreaterThanOrEqual(3);
      expect(finals.map((f) => f.text).join(' ')).toMatch(/is it safe/);
      finals.forEach((final, index) => {
        expect(final.seq).toBe(index);
        expect(final.endMs).toBeGreaterThan(final.startMs);
        if (index > 0) expect(final.startMs).toBeGreaterThanOrEqual(finals[index - 1]!.endMs);
      });
      expect(rep.received.at(-1)!.message).toEqual({ type: 'call.ended', callId: created.callId });
      expect(await rep.closed).toMatchObject({ code: 1000 });
    });

    it('fires a spoken talking point exactly once with its latency and audio time; never an unspoken one', () => {
      const cards = rep.messages('card');
      const safetyCards = cards.filter((card) => card.talkingPointId === safety.id);
      expect(safetyCards).toHaveLength(1);
      expect(cards.filter((card) => card.talkingPointId === reassurance.id)).toHaveLength(1);
      expect(cards.filter((card) => card.talkingPointId === financing.id)).toHaveLength(0);
      const card = safetyCards[0]!;
      expect(card).toMatchObject({ title: 'Safety', phrase: 'is it safe', body: safety.body });
      expect(card.latencyMs).toBeGreaterThanOrEqual(0);
      // Its audio reached the gateway before the transcript that completed the phrase did.
      expect(card.audioToCardMs).toBeGreaterThanOrEqual(card.latencyMs);
      // "is it safe" is in the second turn, several seconds into the audio.
      expect(card.audioMs).toBeGreaterThan(5_000);
      expect(card.audioMs).toBeLessThan(durationMs(audio));

    });

    it('measures speech-to-card at the client: from the end of the spoken phrase to the card', async () => {
      const scope = await ensureDefaultOrganisation(app.database.db);
      const segments = await listTranscriptSegments(app.database.db, scope, created.callId);
      const safeWord = segments.flatMap((s) => s.words ?? []).find((w) => w.word === 'safe');
      expect(safeWord).toBeDefined();
      const card = rep.received.find((r) => r.message.type === 'card' && r.message.talkingPointId === safety.id)!;
      // The frame holding the last audio of "safe" was sent at sentAt[frame]: real time on the wire.
      const frameSentAt = sentAt[Math.min(sentAt.length - 1, Math.ceil(safeWord!.endMs / FRAME_MS) - 1)]!;
      const speechToCardMs = Math.round(card.at - frameSentAt);
      console.info(`[${busName}] "is it safe": word ended at ${safeWord!.endMs} ms of audio; card ${speechToCardMs} ms later at the client (${JSON.stringify(card.message)})`);
      expect(speechToCardMs).toBeGreaterThan(0);
      // Live, not after the fact: the card reached the rep while the call was still streaming.
      expect(card.at).toBeLessThan(rep.received.find((r) => r.message.type === 'call.ended')!.at);
      expect(card.at).toBeLessThan(sentAt.at(-1)!);
    });

    it('delivers the same transcript and cards to a watcher socket', async () => {
      expect(watcher.messages('card').map((c) => c.cardId)).toEqual(rep.messages('card').map((c) => c.cardId));
      expect(watcher.messages('transcript.final')).toEqual(rep.messages('transcript.final'));
      expect(await watcher.closed).toMatchObject({ code: 1000 });
    });

    it('persists the call, its final segments and card events in PostgreSQL', async () => {
      const scope = await ensureDefaultOrganisation(app.database.db);
      const segments = await listTranscriptSegments(app.database.db, scope, created.callId);
      expect(segments.map((s) => s.text)).toEqual(rep.messages('transcript.final').map((f) => f.text));
      const events = await listCardEvents(app.database.db, scope, created.callId);
      expect(events.map((e) => e.id).sort()).toEqual(rep.messages('card').map((c) => c.cardId).sort());
      const call = await getCall(app.database.db, scope, created.callId);
      expect(call).toMatchObject({ status: 'ended', source: 'live', sttProvider: 'local' });
      expect(call!.startedAt!.getTime()).toBeLessThanOrEqual(call!.endedAt!.getTime());
    });

    it('records the streamed audio as a WAV of the same duration', async () => {
      const scope = await ensureDefaultOrganisation(app.database.db);
      const call = await getCall(app.database.db, scope, created.callId);
      const wav = await readFile(path.join(app.dataDir, 'blobs', call!.audioKey!));
      const info = parseWavHeader(wav);
      expect(info).toMatchObject({ sampleRateHz: 16_000, channels: 1, bitsPerSample: 16 });
      expect(info.dataBytes).toBe(wav.length - 44);
      expect(Math.abs(info.durationMs - durationMs(audio))).toBeLessThanOrEqual(100);
      expect(Math.abs(call!.audioDurationMs! - durationMs(audio))).toBeLessThanOrEqual(100);
    });
  });
}
