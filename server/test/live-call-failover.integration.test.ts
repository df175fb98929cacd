import type { LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall } from '../src/db/calls.js';
import { ensureDefaultOrganisation } from '../src/db/organisations.js';
import { listTranscriptSegments } from '../src/db/transcript-segments.js';
import { LocalTranscriber } from '../src/stt/local/local-transcriber.js';
import { DEBIAN_MODEL_DIR } from '../src/stt/local/pocketsphinx.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { startFakeWhisperLive, type FakeWhisperLive } from './helpers/fake-whisperlive-server.js';
import { sentenceTurns, synthesizeTimedTurns, TEST_SENTENCE_PHRASES, transcriptContinuity } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * A live call configured with STT_PROVIDERS=whisperlive,local whose WhisperLive node drops the
 * connection mid-call: the rep is told, the call continues on the local engine, and the stored
 * transcript has every sentence once.
 */
describe('live call failover between speech engines', () => {
  let nodeEngine: LocalTranscriber;
  let node: FakeWhisperLive;
  let app: TestApp;

  beforeAll(async () => {
    nodeEngine = await LocalTranscriber.start({ modelDir: DEBIAN_MODEL_DIR, workers: 1, maxStreams: 2, logger: pino({ level: 'silent' }) });
    node = await startFakeWhisperLive(nodeEngine, { faults: { dropAfterAudioMs: 7_500 } });
    app = await startTestApp({ env: { STT_PROVIDERS: 'whisperlive,local', WHISPERLIVE_URLS: node.url } });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await node?.close();
    await nodeEngine?.close();
  });

  it('tells the rep, continues on the next engine and records the switch; transcript whole, card once', async () => {
    const point = (await api<TalkingPoint>(app, 'POST', '/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe', 'registered nurses'] })).body;
    const timed = await synthesizeTimedTurns(sentenceTurns(4));
    const audio = timed.samples;
    const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    const rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
    await rep.opened;
    rep.hello();
    expect((await rep.next('ready')).provider).toBe('whisperlive');
    await streamRealtime(rep, audio);
    rep.sendJson({ type: 'end' });
    expect((await rep.closed).code).toBe(1000);

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
});
