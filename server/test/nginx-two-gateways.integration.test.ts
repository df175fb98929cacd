import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BulkImportJobStatus, BulkImportStarted, LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../src/lib/audio/wav.js';
import { startAudioFileServer, type AudioFileServer } from './helpers/audio-file-server.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { startNginx, type RunningNginx } from './helpers/nginx.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';
import { loadCorpusCall, sentenceTurns, synthesizeTimedTurns, synthesizeTurns, TEST_SENTENCE_PHRASES, transcriptContinuity } from './helpers/speech.js';
import { login, startTestApp, TEST_ADMIN, type TestApp, type UserSession } from './helpers/test-app.js';

const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
const METRICS_TOKEN = randomBytes(16).toString('hex');
const FINISHED = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

const wav = (pcm: Int16Array) => Buffer.concat([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]);

/** A value of a Prometheus text exposition (0 when the series is absent). */
function metric(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * The deployment's nginx configuration (nginx/*.conf, only addresses, ports and paths changed) run
 * by Debian's nginx in front of two gateways on one PostgreSQL and Redis; one of them runs the
 * analysis and import workers. Everything a browser does goes through nginx.
 */
describe('nginx in front of two gateways', () => {
  let database: TestDatabase;
  let dataDir: string;
  let clientRoot: string;
  let gatewayA: TestApp;
  let gatewayB: TestApp;
  let nginx: RunningNginx;
  let archive: AudioFileServer | undefined;
  /** Logged in through nginx, as the browser is; the session cookie reaches either gateway. */
  let admin: UserSession;

  /** Without a session: pages, assets, health and metrics. */
  const http = (route: string, init?: RequestInit) => fetch(nginx.url + route, init);
  /** The API, as the logged-in admin. */
  const json = async <T>(route: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const response = await admin.fetch(route, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  const post = <T>(route: string, body: unknown) => json<T>(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    database = await createTestDatabase();
    // DATA_DIR is the recordings volume every gateway and worker of a deployment shares.
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'nginx-deploy-data-'));
    clientRoot = await mkdtemp(path.join(os.tmpdir(), 'nginx-client-'));
    // nginx's workers run unprivileged (nobody, when the tests run as root): they must read it.
    await chmod(clientRoot, 0o755);
    await writeFile(path.join(clientRoot, 'index.html'), '<!doctype html><title>Call Assist</title><p>served by nginx</p>');
    await mkdir(path.join(clientRoot, 'assets'));
    await writeFile(path.join(clientRoot, 'assets', 'app-1234.js'), 'console.log("hi")');
    const env = {
      CALL_TOKEN_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      IMPORT_ALLOW_PRIVATE: '1',
      METRICS_TOKEN,
      UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
    };
    gatewayA = await startTestApp({ redis: true, database, env });
    // Gateway B only enqueues: the jobs run in A's in-process worker.
    gatewayB = await startTestApp({ redis: true, database, env: { ...env, ANALYSIS_CONCURRENCY: '0', IMPORT_CONCURRENCY: '0' } });
    nginx = await startNginx({ gateways: [gatewayA.port, gatewayB.port].map((port) => `127.0.0.1:${port}`), clientRoot, uploadMaxBytes: UPLOAD_MAX_BYTES });
    admin = await login(nginx.url, TEST_ADMIN);
  }, 120_000);

  afterAll(async () => {
    await nginx?.close();
    await archive?.close();
    await gatewayA?.close();
    await gatewayB?.close();
    await database?.drop();
    await Promise.all([dataDir, clientRoot].map((dir) => dir && rm(dir, { recursive: true, force: true })));
  });

  it('serves the built client itself, with client-side routes falling back to index.html', async () => {
    for (const route of ['/', '/review/calls/123']) {
      const response = await http(route);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('served by nginx');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(await (await http('/assets/app-1234.js')).text()).toContain('console.log');
    expect((await http('/assets/missing.js')).status).toBe(404);
    expect(await (await http('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('streams a live call through /ws; watchers on both gateways get its cards; a dropped rep resumes through nginx', async () => {
    const point = await post<TalkingPoint>('/api/talking-points', { title: 'Safety', body: 'All injectors are RNs.', phrases: ['is it safe'] });
    expect(point.status).toBe(201);
    const before = await synthesizeTurns([{ speaker: 'agent', text: 'Thank you for calling, this is Jessica.' }]);
    const after = await synthesizeTurns([{ speaker: 'caller', text: 'Hi. Can I ask, is it safe?' }]);

    const call = (await post<LiveCallCreated>('/api/live-calls', {})).body;
    const query = `?token=${encodeURIComponent(call.token)}`;
    // One watcher through nginx, and one straight on each gateway: whichever gateway nginx chose for
    // the call, one of them watches from the other.
    const watchers = [nginx.wsUrl, gatewayA.wsUrl, gatewayB.wsUrl].map((base) => RecordingSocket.connect(`${base}/ws/calls/${call.callId}/watch${query}`));
    const rep = RecordingSocket.connect(`${nginx.wsUrl}/ws/calls/${call.callId}${query}`);
    await Promise.all([rep.opened, ...watchers.map((w) => w.opened)]);
    rep.hello();
    expect((await rep.next('ready')).resumed).toBe(false);
    await streamRealtime(rep, before);
    // The first sentence is final on the first socket before it drops (on a busy machine the engine
    // can be a second or two behind the audio).
    await rep.next('transcript.final');

    // The network drops (no close frame); the pane reconnects through nginx, which must route it to
    // the gateway holding the call (hash by call id), or the call could not be resumed.
    rep.ws.terminate();
    await rep.closed;
    const again = RecordingSocket.connect(`${nginx.wsUrl}/ws/calls/${call.callId}${query}`);
    await again.opened;
    again.hello({ resume: true });
    const ready = await again.next('ready');
    expect(ready.resumed).toBe(true);
    await streamRealtime(again, after);
    again.sendJson({ type: 'end' });
    await again.next('call.ended');
    expect((await again.closed).code).toBe(1000);
    const closes = await Promise.all(watchers.map((w) => w.closed));

    const cards = again.messages('card');
    expect(cards.map((card) => card.talkingPointId)).toEqual([point.body.id]);
    for (const watcher of watchers) {
      expect(watcher.messages('card').map((card) => card.cardId)).toEqual([cards[0]!.cardId]);
      expect(watcher.messages('transcript.final').length).toBeGreaterThan(0);
    }
    expect(closes.map((c) => c.code)).toEqual([1000, 1000, 1000]);
    // The resumed transcript continues the first socket's: seq numbers go on without a gap.
    const resumedFinals = ready.finals ?? [];
    const seqs = [...resumedFinals, ...again.messages('transcript.final').filter((f) => f.seq >= resumedFinals.length)].map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const firstSocketSeqs = rep.messages('transcript.final').map((f) => f.seq);
    expect(firstSocketSeqs.length).toBeGreaterThan(0);
    expect(seqs.slice(0, firstSocketSeqs.length)).toEqual(firstSocketSeqs);

    // REST through nginx sees the call, its transcript and its card, whichever gateway answers.
    const list = await json<{ calls: { id: string }[] }>('/api/calls');
    expect(list.body.calls.map((c) => c.id)).toContain(call.callId);
    const detail = await json<{ segments: unknown[]; cards: { id: string }[] }>(`/api/calls/${call.callId}`);
    expect(detail.body.cards.map((c) => c.id)).toEqual([cards[0]!.cardId]);
    expect(detail.body.segments.length).toBe(seqs.length);
  }, 90_000);

  it('takes an upload through nginx (streamed, within UPLOAD_MAX_BYTES) and the worker analyses it', async () => {
    const pcm = await synthesizeTurns(loadCorpusCall('dev-001').turns.slice(5, 7), 400);
    const form = new FormData();
    form.append('file', new Blob([wav(pcm)], { type: 'audio/wav' }), 'front-desk.wav');
    const uploaded = await json<{ callId: string; analysisStatus: string }>('/api/calls', { method: 'POST', body: form });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.analysisStatus).toBe('pending');
    let call: { analysisStatus: string; hasRecording: boolean };
    for (;;) {
      call = (await json<{ call: typeof call }>(`/api/calls/${uploaded.body.callId}`)).body.call;
      if (call.analysisStatus === 'completed' || call.analysisStatus === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(call.analysisStatus).toBe('completed');

    // Over UPLOAD_MAX_BYTES but within nginx's margin: the gateway refuses it with its own JSON error.
    const big = new FormData();
    big.append('file', new Blob([wav(new Int16Array(UPLOAD_MAX_BYTES / 2 + 1000))], { type: 'audio/wav' }), 'too-long.wav');
    const refused = await json<{ error: { code: string } }>('/api/calls', { method: 'POST', body: big });
    expect(refused.body.error.code).toBe('file_too_large');
  }, 60_000);

  it('passes bulk-import progress events through as they happen (not buffered until the job ends)', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'nginx-archive-'));
    try {
      const turns = loadCorpusCall('dev-001').turns;
      for (const [index, slice] of [turns.slice(0, 2), turns.slice(2, 4), turns.slice(4, 6)].entries()) {
        await writeFile(path.join(work, `call-${index}.wav`), wav(await synthesizeTurns(slice, 400)));
      }
      archive = await startAudioFileServer(work);
      const started = await post<BulkImportStarted>('/api/bulk-import/start', { customer_name: 'Lumina Med Spa', source_url: `${archive.url}/` });
      expect(started.status).toBe(202);

      const response = await admin.fetch(`/api/bulk-import/status/${started.body.job_id}/events`);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const events: BulkImportJobStatus[] = [];
      let statusWhenFirstArrived: string | undefined;
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const blocks = buffered.split('\n\n');
        buffered = blocks.pop()!;
        for (const block of blocks.filter((b) => b.startsWith('data: '))) {
          events.push(JSON.parse(block.slice('data: '.length)) as BulkImportJobStatus);
          // The moment the first event is readable, the job must still be running: a buffering
          // proxy would hold every event back until the stream ends with the job.
          if (events.length === 1) statusWhenFirstArrived = (await json<BulkImportJobStatus>(`/api/bulk-import/status/${started.body.job_id}`)).body.status;
        }
      }
      expect(FINISHED).not.toContain(statusWhenFirstArrived);
      expect(events.length).toBeGreaterThan(2);
      expect(events.at(-1)).toMatchObject({ status: 'completed', total_files: 3, processed_files: 3, failed_files: 0 });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves /metrics only with the token, and the metrics show what went through', async () => {
    expect((await http('/metrics')).status).toBe(401);
    expect((await http('/metrics', { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    const response = await http('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    // One process runs both gateways here, so these are both gateways' counts.
    const text = await response.text();
    expect(metric(text, 'callassist_audio_frames_total')).toBeGreaterThan(0);
    expect(metric(text, 'callassist_speech_to_card_seconds_count', 'source="partial"') + metric(text, 'callassist_speech_to_card_seconds_count', 'source="final"')).toBe(1);
    expect(metric(text, 'callassist_socket_closes_total', 'kind="watch",code="1000"')).toBe(3);
    expect(metric(text, 'callassist_bulk_import_files_total', 'status="completed"')).toBe(3);
    expect(metric(text, 'callassist_job_duration_seconds_count', 'queue="analyze-call",outcome="completed"')).toBeGreaterThanOrEqual(2);
    expect(metric(text, 'callassist_live_calls')).toBe(0);
    expect((await nginx.errorLog()).split('\n').filter((line) => /\[(emerg|alert|crit)\]/.test(line))).toEqual([]);
  });
  // Last: it stops one of the gateways.
  it('moves a live call to the other gateway when its gateway is shut down (SIGTERM), transcript complete', async () => {
    const point = await post<TalkingPoint>('/api/talking-points', { title: 'Payment', body: 'Plans from 0 %.', phrases: ['payment plan'] });
    const speech = await synthesizeTimedTurns(sentenceTurns(), 700);
    const splitMs = (speech.spans[2]!.endMs + speech.spans[3]!.startMs) / 2;
    const split = Math.round(splitMs * 16);
    const call = (await post<LiveCallCreated>('/api/live-calls', {})).body;
    const query = `?token=${encodeURIComponent(call.token)}`;
    const rep = RecordingSocket.connect(`${nginx.wsUrl}/ws/calls/${call.callId}${query}`);
    await rep.opened;
    rep.hello();
    await rep.next('ready');
    await streamRealtime(rep, speech.samples.subarray(0, split));
    // The gateway nginx chose for the call gets SIGTERM (app.stop is what the signal handler runs);
    // a watcher on the other one follows the call throughout.
    const [holder, other] = gatewayA.liveCallIds().includes(call.callId) ? [gatewayA, gatewayB] : [gatewayB, gatewayA];
    expect(holder.liveCallIds()).toEqual([call.callId]);
    const watcher = RecordingSocket.connect(`${other.wsUrl}/ws/calls/${call.callId}/watch${query}`);
    await watcher.opened;
    await holder.stop();
    expect((await rep.closed).code).toBe(1001);

    // The pane reconnects through nginx, which now reaches only the other gateway.
    const again = RecordingSocket.connect(`${nginx.wsUrl}/ws/calls/${call.callId}${query}`);
    await again.opened;
    again.hello({ resume: true });
    const ready = await again.next('ready');
    expect(ready.resumed).toBe(true);
    expect(other.liveCallIds()).toEqual([call.callId]);
    await streamRealtime(again, speech.samples.subarray(Math.round(ready.audioMs! * 16)));
    again.sendJson({ type: 'end' });
    expect((await again.closed).code).toBe(1000);
    expect((await watcher.closed).code).toBe(1000);

    const detail = await json<{ segments: { seq: number; text: string; startMs: number; endMs: number }[]; cards: { talkingPointId: string }[] }>(`/api/calls/${call.callId}`);
    const segments = detail.body.segments;
    expect(segments.map((segment) => segment.seq)).toEqual(segments.map((_, i) => i));
    expect(transcriptContinuity(speech.spans, segments, TEST_SENTENCE_PHRASES)).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
    // "is it safe" (the earlier test's talking point) fired before the move, "payment plan" after; each once.
    const fired = detail.body.cards.map((card) => card.talkingPointId);
    expect(fired).toHaveLength(2);
    expect(fired.at(-1)).toBe(point.body.id);
    expect(new Set(fired).size).toBe(2);
    expect(watcher.messages('card').map((card) => card.talkingPointId)).toEqual([point.body.id]);
  }, 120_000);
});
