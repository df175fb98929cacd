import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CloseCode, type ApiError, type CardFeedbackRecorded, type LiveCallCreated, type ReadyMessage, type TalkingPoint, type TranscriptFinalMessage } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCardEvent } from '../src/db/card-events.js';
import { insertUser } from '../src/db/users.js';
import { createLiveCall, getCall } from '../src/db/calls.js';
import { ensureDefaultOrganisation } from '../src/db/organisations.js';
import { organisations } from '../src/db/schema.js';
import { parseWavHeader } from '../src/lib/audio/wav.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { durationMs, sentenceTurns, synthesizeTimedTurns, TEST_SENTENCE_PHRASES, TEST_SENTENCES, transcriptContinuity, type TimedSpeech } from './helpers/speech.js';
import { api, settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

interface CallDetail {
  call: { id: string; status: string; audioKey: string | null; audioDurationMs: number | null; analysisStatus: string };
  segments: { seq: number; text: string; startMs: number; endMs: number }[];
  cards: { id: string; talkingPointId: string; feedback: string | null; feedbackAt: string | null }[];
}

const connect = async (app: TestApp, call: LiveCallCreated, suffix = '') => {
  const socket = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}${suffix}?token=${encodeURIComponent(call.token)}`);
  await socket.opened;
  return socket;
};
const newCall = async (app: TestApp) => (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
const silence = (ms: number) => new Int16Array(ms * 16);

async function wavDataBytes(app: TestApp, callId: string): Promise<number> {
  const scope = await ensureDefaultOrganisation(app.database.db);
  const call = await getCall(app.database.db, scope, callId);
  return parseWavHeader(await readFile(path.join(app.dataDir, 'blobs', call!.audioKey!))).dataBytes;
}

/**
 * The rep's page loses its socket mid-call (a reload, a network drop) and reconnects: the same call
 * continues — one call, one recording without duplicated audio, one transcript with continuous
 * `seq`, and cards that already fired never fire again.
 */
describe('a live call resumed after its socket dropped', () => {
  let app: TestApp;
  let safety: TalkingPoint;
  let financing: TalkingPoint;
  let call: LiveCallCreated;
  let partA: TimedSpeech;
  let partB: TimedSpeech;
  let first: RecordingSocket;
  let second: RecordingSocket;
  let watcher: RecordingSocket;
  let ready: ReadyMessage;

  beforeAll(async () => {
    // Part B says "is it safe" again: its card already fired before the drop.
    const turnsB = [{ speaker: 'caller' as const, text: TEST_SENTENCES[1]! }, ...sentenceTurns(5).slice(3)];
    [app, partA, partB] = await Promise.all([startTestApp(), synthesizeTimedTurns(sentenceTurns(3)), synthesizeTimedTurns(turnsB)]);
    const point = async (body: object) => (await api<TalkingPoint>(app, 'POST', '/api/talking-points', body)).body;
    safety = await point({ title: 'Safety', body: 'All injectors are RNs.', phrases: ['is it safe'] });
    financing = await point({ title: 'Financing', body: 'Twelve months at zero percent.', phrases: ['payment plan'] });

    call = await newCall(app);
    watcher = await connect(app, call, '/watch');
    first = await connect(app, call);
    first.hello();
    await first.next('ready');
    await streamRealtime(first, partA.samples);
    await first.next('card');
    // A reload: the page goes away without `end` (every frame sent before the close arrives).
    first.ws.close(1001, 'page reloaded');
    await first.closed;

    second = await connect(app, call);
    second.hello();
    ready = await second.next('ready');
    second.sendJson({ type: 'card.feedback', cardId: first.messages('card')[0]!.cardId, feedback: 'used' });
    await second.next('card.feedback');
    second.sendJson({ type: 'card.feedback', cardId: randomUUID(), feedback: 'dismissed' });
    await second.next('error');
    await streamRealtime(second, partB.samples);
    second.sendJson({ type: 'end' });
    await Promise.all([second.closed, watcher.closed]);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  /** Every final of the call once, in order: the resumed snapshot, then what the second socket heard live. */
  const allFinals = (): TranscriptFinalMessage[] => {
    const bySeq = new Map<number, TranscriptFinalMessage>();
    for (const final of [...(ready.finals ?? []), ...second.messages('transcript.final')]) bySeq.set(final.seq, final);
    return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
  };

  it('answers the new socket with ready resumed: same call, the cards fired so far and the transcript so far', () => {
    expect(ready).toMatchObject({ callId: call.callId, resumed: true, provider: 'local' });
    expect(first.messages('ready')[0]).toMatchObject({ resumed: false });
    expect(ready.cards).toEqual([{ ...first.messages('card')[0]!, feedback: null }]);
    expect(ready.cards![0]!.talkingPointId).toBe(safety.id);
    const heardBeforeDrop = first.messages('transcript.final');
    expect(heardBeforeDrop.length).toBeGreaterThan(0);
    expect(ready.finals!.slice(0, heardBeforeDrop.length)).toEqual(heardBeforeDrop);
    expect(Math.abs(ready.audioMs! - durationMs(partA.samples))).toBeLessThanOrEqual(1);
  });

  it('continues the transcript: seq without a gap or repeat, audio time after the first part, every sentence covered once', async () => {
    const finals = allFinals();
    expect(finals.map((final) => final.seq)).toEqual(finals.map((_, index) => index));
    const resumedLive = second.messages('transcript.final').filter((final) => final.seq >= (ready.finals ?? []).length);
    expect(resumedLive.length).toBeGreaterThan(0);
    for (const final of resumedLive) expect(final.startMs).toBeGreaterThanOrEqual(durationMs(partA.samples) - 1_000);
    const offset = durationMs(partA.samples);
    const spans = [...partA.spans, ...partB.spans.map((span) => ({ startMs: span.startMs + offset, endMs: span.endMs + offset }))];
    // "is it safe" is said in both parts, so it is left out of the once-each phrases.
    const continuity = transcriptContinuity(spans, finals, [0, 2, 3, 4].map((i) => TEST_SENTENCE_PHRASES[i]!));
    expect(continuity).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
    expect(continuity.recognised).toBeGreaterThanOrEqual(3);
    expect(resumedLive.map((final) => final.text).join(' ')).toMatch(/is it safe/);

    const stored = (await api<CallDetail>(app, 'GET', `/api/calls/${call.callId}`)).body;
    expect(stored.segments.map(({ seq, text }) => ({ seq, text }))).toEqual(finals.map(({ seq, text }) => ({ seq, text })));
    // The watcher, connected throughout, saw each final once.
    expect(watcher.messages('transcript.final').map((final) => final.seq)).toEqual(finals.map((final) => final.seq));
  });

  it('never fires a card twice: the phrase said again after the reconnect stays quiet, a new one fires', () => {
    expect(second.messages('card').map((card) => card.talkingPointId)).toEqual([financing.id]);
    expect(watcher.messages('card').map((card) => card.talkingPointId)).toEqual([safety.id, financing.id]);
  });

  it('records one call with one recording holding each part once', async () => {
    const stored = (await api<CallDetail>(app, 'GET', `/api/calls/${call.callId}`)).body;
    expect(stored.call.status).toBe('ended');
    expect(await wavDataBytes(app, call.callId)).toBe((partA.samples.length + partB.samples.length) * 2);
    expect(Math.abs(stored.call.audioDurationMs! - durationMs(partA.samples) - durationMs(partB.samples))).toBeLessThanOrEqual(1);
    expect(second.messages('call.ended')).toEqual([{ type: 'call.ended', callId: call.callId }]);
    expect(watcher.messages('call.ended')).toHaveLength(1);
    expect(await second.closed).toMatchObject({ code: CloseCode.normal });
  });

  it('records card feedback from the socket, tells the watcher, and ignores an unknown card without closing', async () => {
    const safetyCardId = ready.cards![0]!.cardId;
    const notice = { type: 'card.feedback', callId: call.callId, cardId: safetyCardId, feedback: 'used', at: expect.any(String) };
    expect(second.messages('card.feedback')).toEqual([notice]);
    expect(watcher.messages('card.feedback')).toEqual([notice]);
    expect(second.messages('error')).toEqual([{ type: 'error', code: 'unknown_card', message: expect.stringMatching(/no such card/) }]);
    const stored = (await api<CallDetail>(app, 'GET', `/api/calls/${call.callId}`)).body;
    expect(stored.cards.find((card) => card.id === safetyCardId)).toMatchObject({ feedback: 'used', feedbackAt: second.messages('card.feedback')[0]!.at });
  });

  it('records card feedback over HTTP after the call; 404 for a card of another call or organisation', async () => {
    const financingCardId = second.messages('card')[0]!.cardId;
    const route = (callId: string, cardId: string) => `/api/calls/${callId}/cards/${cardId}/feedback`;
    const recorded = await api<CardFeedbackRecorded>(app, 'POST', route(call.callId, financingCardId), { feedback: 'dismissed' });
    expect(recorded).toMatchObject({ status: 200, body: { callId: call.callId, cardId: financingCardId, feedback: 'dismissed', feedbackAt: expect.any(String) } });
    const stored = (await api<CallDetail>(app, 'GET', `/api/calls/${call.callId}`)).body;
    expect(stored.cards.find((card) => card.id === financingCardId)).toMatchObject({ feedback: 'dismissed', feedbackAt: recorded.body.feedbackAt });

    const { db } = app.database;
    const scope = await ensureDefaultOrganisation(db);
    const card = (callId: string) => ({ id: randomUUID(), callId, talkingPointId: null, title: 't', phrase: 'p', source: 'final' as const, audioMs: 0, latencyMs: 0, audioToCardMs: 0 });
    const other = await newCall(app);
    const otherCard = card(other.callId);
    await insertCardEvent(db, scope, otherCard);
    expect((await api<ApiError>(app, 'POST', route(call.callId, otherCard.id), { feedback: 'used' })).status).toBe(404);
    expect((await api(app, 'POST', route(other.callId, otherCard.id), { feedback: 'used' })).status).toBe(200);

    const [otherOrg] = await db.insert(organisations).values({ name: 'Another clinic' }).returning({ id: organisations.id });
    const foreignRep = await insertUser(db, { orgId: otherOrg!.id, email: 'rep@another.test', name: 'Rep', role: 'rep', passwordHash: 'x' });
    const foreignCall = await createLiveCall(db, { orgId: otherOrg!.id }, foreignRep!.id);
    const foreignCard = card(foreignCall.id);
    await insertCardEvent(db, { orgId: otherOrg!.id }, foreignCard);
    expect((await api<ApiError>(app, 'POST', route(foreignCall.id, foreignCard.id), { feedback: 'used' })).body.error.code).toBe('not_found');
    expect((await api(app, 'POST', route(call.callId, randomUUID()), { feedback: 'used' })).status).toBe(404);
    expect((await api(app, 'POST', route(call.callId, 'not-a-uuid'), { feedback: 'used' })).status).toBe(404);
    expect((await api<ApiError>(app, 'POST', route(call.callId, financingCardId), { feedback: 'loved' })).body.error.code).toBe('invalid_body');
  });

  it('a reconnect with resume: true takes the call over from a socket the server still holds', async () => {
    const taken = await newCall(app);
    const stale = await connect(app, taken);
    stale.hello();
    await stale.next('ready');
    await streamRealtime(stale, silence(1_000));
    const fresh = await connect(app, taken);
    fresh.hello({ resume: true });
    expect(await fresh.next('ready')).toMatchObject({ callId: taken.callId, resumed: true, cards: [], finals: [] });
    expect(await stale.closed).toEqual({ code: CloseCode.callBusy, reason: 'another connection resumed this call' });
    await streamRealtime(fresh, silence(500));
    fresh.sendJson({ type: 'end' });
    expect((await fresh.closed).code).toBe(CloseCode.normal);
    expect(await wavDataBytes(app, taken.callId)).toBe(1_500 * 16 * 2);
  });

  it('a socket we close for a protocol violation ends its call at once: nobody reconnects after a non-retryable code', async () => {
    const broken = await newCall(app);
    const socket = await connect(app, broken);
    socket.hello();
    await socket.next('ready');
    socket.sendJson({ type: 'transfer' });
    expect((await socket.closed).code).toBe(CloseCode.invalidMessage);
    const again = await connect(app, broken);
    again.hello();
    expect((await again.closed).code).toBe(CloseCode.callEnded);
  });
});

describe('a dropped live call nobody resumes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { CALL_RESUME_GRACE_MS: '1000' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('ends as interrupted once the grace period passes, is analysed, and cannot be resumed after', async () => {
    const timed = await synthesizeTimedTurns(sentenceTurns(2));
    const call = await newCall(app);
    const watcher = await connect(app, call, '/watch');
    const rep = await connect(app, call);
    rep.hello();
    await rep.next('ready');
    await streamRealtime(rep, timed.samples);
    await rep.next('transcript.final');
    // The network drops: no close handshake.
    rep.ws.terminate();
    expect(await watcher.closed).toMatchObject({ code: CloseCode.normal });
    expect(watcher.messages('call.ended')).toEqual([{ type: 'call.ended', callId: call.callId }]);

    const detail = await settledCall<CallDetail>(app, call.callId);
    expect(detail.call).toMatchObject({ status: 'interrupted', analysisStatus: 'completed' });
    expect(detail.segments.length).toBeGreaterThan(0);

    const late = await connect(app, call);
    late.hello();
    expect((await late.closed).code).toBe(CloseCode.callEnded);
  }, 60_000);
});
