import { once } from 'node:events';
import type { LiveCallCreated, ReadyMessage, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall } from '../src/db/calls.js';
import { ensureDefaultOrganisation } from '../src/db/organisations.js';
import { listTranscriptSegments } from '../src/db/transcript-segments.js';
import type { LocalEngine } from '../src/stt/local/local-engine.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { startLocalEngine } from './helpers/engines.js';
import { startFakeWhisperLive } from './helpers/fake-whisperlive-server.js';
import { sentenceTurns, synthesizeTimedTurns, TEST_SENTENCE_PHRASES, transcriptContinuity } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

const READY_TIMEOUT_MS = 5_000;

async function openCall(app: TestApp): Promise<{ rep: RecordingSocket; ready: ReadyMessage; readyAfterMs: number; call: LiveCallCreated }> {
  const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
  const rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
  await rep.opened;
  const sentAt = performance.now();
  rep.hello();
  const ready = await rep.next('ready');
  return { rep, ready, readyAfterMs: performance.now() - sentAt, call };
}

async function endCall(rep: RecordingSocket): Promise<void> {
  rep.sendJson({ type: 'end' });
  expect((await rep.closed).code).toBe(1000);
}

/** STT_PROVIDERS=whisperlive,local against a fake WhisperLive node, recognising with PocketSphinx. */
async function startDeployment(nodeEngine: LocalEngine) {
  const node = await startFakeWhisperLive(nodeEngine);
  const app = await startTestApp({ env: { STT_PROVIDERS: 'whisperlive,local', WHISPERLIVE_URLS: node.url, WHISPERLIVE_READY_TIMEOUT_MS: String(READY_TIMEOUT_MS) } });
  return { node, app, close: async () => (await app.close(), await node.close()) };
}

describe('live call failover between speech engines', () => {
  let nodeEngine: LocalEngine;
  const deployments: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    nodeEngine = await startLocalEngine(4);
  }, 60_000);

  afterAll(async () => {
    for (const deployment of deployments) await deployment.close();
    await nodeEngine?.close();
  });

  it('moves a call whose node dies mid-call to the local engine: the rep is told, the switch recorded, transcript whole, card once', async () => {
    const { app, node, ...deployment } = await startDeployment(nodeEngine);
    deployments.push(deployment);
    const point = (await api<TalkingPoint>(app, 'POST', '/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe', 'registered nurses'] })).body;
    const timed = await synthesizeTimedTurns(sentenceTurns(4));
    // The node goes down 7.5 s into the call and stays down.
    node.faults.dieAfterAudioMs = 7_500;
    const { rep, ready, call } = await openCall(app);
    expect(ready.provider).toBe('whisperlive');
    await streamRealtime(rep, timed.samples);
    await endCall(rep);

    expect(rep.messages('status')).toEqual([expect.objectContaining({ code: 'provider.switched', provider: 'local', message: expect.stringMatching(/whisperlive to local/) })]);
    const text = rep.messages('transcript.final').map((f) => f.text).join(' ');
    const continuity = transcriptContinuity(timed.spans, rep.messages('transcript.final'), TEST_SENTENCE_PHRASES.slice(0, 4));
    expect(continuity).toMatchObject({ uncovered: [], duplicated: [] });
    expect(continuity.recognised).toBeGreaterThanOrEqual(3);
    expect(rep.messages('card').map((c) => c.talkingPointId)).toEqual([point.id]);
    expect(rep.messages('error')).toEqual([]);

    const scope = await ensureDefaultOrganisation(app.database.db);
    const stored = await getCall(app.database.db, scope, call.callId);
    expect(stored).toMatchObject({ status: 'ended', sttProvider: 'local' });
    expect(stored!.providerSwitches).toEqual([expect.objectContaining({ from: 'whisperlive', to: 'local' })]);
    expect(stored!.providerSwitches[0]!.atMs).toBeLessThan(7_500);
    expect((await listTranscriptSegments(app.database.db, scope, call.callId)).map((s) => s.text).join(' ')).toBe(text);
  }, 90_000);

  it('remembers a hung node: later calls start on the local engine at once, and on the node again once it answers', async () => {
    const { app, node, ...deployment } = await startDeployment(nodeEngine);
    deployments.push(deployment);
    const speech = await synthesizeTimedTurns(sentenceTurns(1));
    node.faults.hang = true;

    // The first call after the node hung waits out its timeout, then starts on the next engine.
    const first = await openCall(app);
    expect(first.ready.provider).toBe('local');
    expect(first.readyAfterMs).toBeGreaterThanOrEqual(READY_TIMEOUT_MS);
    // The node is now known to be down: new calls do not wait for it again.
    const later = [await openCall(app), await openCall(app)];
    console.info(`hung node: first call ready after ${Math.round(first.readyAfterMs)} ms, later calls after ${later.map((call) => Math.round(call.readyAfterMs)).join(' and ')} ms`);
    for (const call of later) {
      expect(call.ready.provider).toBe('local');
      expect(call.readyAfterMs).toBeLessThan(READY_TIMEOUT_MS / 2);
      await endCall(call.rep);
    }

    // The node answers again: the next background probe gets a session (and closes it), and new calls go back to it.
    node.faults.hang = false;
    await once(node.events, 'session-end');
    const back = await openCall(app);
    expect(back.ready.provider).toBe('whisperlive');
    await streamRealtime(back.rep, speech.samples);
    await endCall(back.rep);
    expect(back.rep.messages('transcript.final').map((f) => f.text).join(' ')).toMatch(/calling the clinic/);

    // The call that started on the local engine stayed there.
    await streamRealtime(first.rep, speech.samples);
    await endCall(first.rep);
    expect(first.rep.messages('status')).toEqual([]);
    expect(first.rep.messages('transcript.final').map((f) => f.text).join(' ')).toMatch(/calling the clinic/);
    const scope = await ensureDefaultOrganisation(app.database.db);
    expect(await getCall(app.database.db, scope, first.call.callId)).toMatchObject({ sttProvider: 'local' });
    expect((await getCall(app.database.db, scope, back.call.callId))?.sttProvider).toBe('whisperlive');
  }, 120_000);
});
