import { randomBytes } from 'node:crypto';
import type { CardFeedbackRecorded, LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';
import { synthesizeTurns } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Two gateway processes' worth of wiring on one PostgreSQL and one Redis: the rep streams to one,
 * a watcher and the admin use the other. A talking point added mid-call reaches the live call's
 * matcher on the other gateway, and its card reaches the watcher across gateways.
 */
describe('two gateways sharing Redis and PostgreSQL', () => {
  let database: TestDatabase;
  let gatewayA: TestApp;
  let gatewayB: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { CALL_TOKEN_SECRET: randomBytes(32).toString('hex') };
    gatewayA = await startTestApp({ redis: true, database, env });
    gatewayB = await startTestApp({ redis: true, database, env });
  });

  afterAll(async () => {
    await gatewayA?.close();
    await gatewayB?.close();
    await database?.drop();
  });

  it('hot-swaps an edited rule into a live call on another gateway and fans its card out', async () => {
    const audio = await synthesizeTurns([
      { speaker: 'agent', text: 'Thank you for calling, this is Jessica.' },
      { speaker: 'caller', text: 'Hi. Can I ask, is it safe?' },
    ]);
    const call = (await api<LiveCallCreated>(gatewayA, 'POST', '/api/live-calls')).body;
    const query = `?token=${encodeURIComponent(call.token)}`;
    const rep = RecordingSocket.connect(`${gatewayB.wsUrl}/ws/calls/${call.callId}${query}`);
    const watcher = RecordingSocket.connect(`${gatewayA.wsUrl}/ws/calls/${call.callId}/watch${query}`);
    await Promise.all([rep.opened, watcher.opened]);
    rep.hello();
    await rep.next('ready');

    // The call started with no talking points at all; the admin adds one on the other gateway.
    const point = (await api<TalkingPoint>(gatewayA, 'POST', '/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe'] })).body;
    await streamRealtime(rep, audio);
    rep.sendJson({ type: 'end' });
    await Promise.all([rep.closed, watcher.closed]);

    expect(rep.messages('card').map((c) => c.talkingPointId)).toEqual([point.id]);
    expect(watcher.messages('card').map((c) => c.cardId)).toEqual(rep.messages('card').map((c) => c.cardId));
    expect(watcher.messages('transcript.final').length).toBeGreaterThan(0);
    expect((await watcher.closed).code).toBe(1000);
  }, 60_000);

  it('applies card feedback given over HTTP on another gateway in the room running the call; the resumed ready shows it', async () => {
    const speech = await synthesizeTurns([{ speaker: 'caller', text: 'Hi. Can I ask, is it safe?' }]);
    const call = (await api<LiveCallCreated>(gatewayA, 'POST', '/api/live-calls')).body;
    const url = `${gatewayA.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`;
    const first = RecordingSocket.connect(url);
    await first.opened;
    first.hello();
    await first.next('ready');
    await streamRealtime(first, speech);
    const card = await first.next('card');
    const final = await first.next('transcript.final');

    // The manager's click on gateway B: answered once gateway A's room applied it.
    const { status, body } = await api<CardFeedbackRecorded>(gatewayB, 'POST', `/api/calls/${call.callId}/cards/${card.cardId}/feedback`, { feedback: 'used' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ callId: call.callId, cardId: card.cardId, feedback: 'used' });
    expect(await first.next('card.feedback')).toMatchObject({ cardId: card.cardId, feedback: 'used', at: body.feedbackAt });

    // The rep's network drops; the pane reconnects from what it holds.
    first.ws.terminate();
    await first.closed;
    const second = RecordingSocket.connect(url);
    await second.opened;
    second.hello({ resume: true, lastSeq: final.seq, lastCardId: card.cardId });
    const ready = await second.next('ready');
    expect(ready).toMatchObject({ resumed: true, cards: [], feedback: [{ cardId: card.cardId, feedback: 'used', at: body.feedbackAt }] });
    expect(ready.finals.filter((f) => f.seq <= final.seq)).toEqual([]);
    second.sendJson({ type: 'end' });
    expect((await second.closed).code).toBe(1000);
  }, 60_000);
});
