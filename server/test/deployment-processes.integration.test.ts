import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LiveCallCreated, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/lib/free-port.js';
import { wavHeader } from '../src/lib/audio/wav.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { startNginx, type RunningNginx } from './helpers/nginx.js';
import { logLines, startService, startWorker, TEST_ADMIN_ENV, type Service } from './helpers/processes.js';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './helpers/services.js';
import { sentenceTurns, synthesizeTimedTurns, synthesizeTurns, TEST_SENTENCE_PHRASES, transcriptContinuity } from './helpers/speech.js';
import { login, TEST_ADMIN, type UserSession } from './helpers/test-app.js';

const METRICS_TOKEN = randomBytes(16).toString('hex');

/**
 * The deployment as docker-compose runs it, minus Docker: Debian nginx in front of two gateway
 * processes and two worker processes, on one PostgreSQL, Redis and recordings directory.
 */
describe('a deployment of separate processes behind nginx', () => {
  let database: TestDatabase;
  let dataDir: string;
  let nginx: RunningNginx;
  const services: Service[] = [];
  let gateways: Service[] = [];
  let env: Record<string, string>;
  /** Logged in through nginx: the session is in PostgreSQL, so either gateway honours it. */
  let admin: UserSession;

  const post = async <T>(route: string, body: unknown) => {
    const response = await admin.fetch(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as T;
  };
  const liveCalls = async (gateway: Service) => {
    const text = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(text.split('\n').find((line) => line.startsWith('callassist_live_calls '))?.split(' ')[1] ?? 0);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'deploy-processes-'));
    const clientRoot = await mkdtemp(path.join(os.tmpdir(), 'deploy-client-'));
    await chmod(clientRoot, 0o755);
    await writeFile(path.join(clientRoot, 'index.html'), '<!doctype html><title>Call Assist</title>');
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      DATA_DIR: dataDir,
      CALL_TOKEN_SECRET: randomBytes(32).toString('hex'),
      METRICS_TOKEN,
      LOG_LEVEL: 'info',
      LOCAL_STT_WORKERS: '1',
      HOST: '127.0.0.1',
    };
    // Gateways only enqueue; the two workers do every job.
    const gatewayEnv = { ...env, ...TEST_ADMIN_ENV, ANALYSIS_CONCURRENCY: '0', IMPORT_CONCURRENCY: '0' };
    const ports = [await freePort(), await freePort()];
    gateways = await Promise.all(ports.map((port, i) => startService(`gateway ${i + 1}`, 'main', { ...gatewayEnv, PORT: String(port) }, 'Call Assist is running')));
    services.push(...gateways);
    services.push(...(await Promise.all([1, 2].map((i) => startWorker(env, `worker ${i}`)))));
    nginx = await startNginx({ gateways: ports.map((port) => `127.0.0.1:${port}`), clientRoot, uploadMaxBytes: 50 * 1024 * 1024 });
    admin = await login(nginx.url, TEST_ADMIN);
    await rm(clientRoot, { recursive: true, force: true }).catch(() => {});
  }, 180_000);

  afterAll(async () => {
    await nginx?.close();
    for (const service of services) service.process.kill('SIGKILL');
    await Promise.all(services.map((service) => service.exited));
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('two workers on one queue analyse every upload exactly once', async () => {
    const uploads = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const pcm = await synthesizeTurns(sentenceTurns(3 + (i % 3)), 500);
        const form = new FormData();
        form.append('file', new Blob([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]), `call-${i}.wav`);
        const response = await admin.fetch('/api/calls', { method: 'POST', body: form });
        expect(response.status).toBe(201);
        return ((await response.json()) as { callId: string }).callId;
      }),
    );
    for (const callId of uploads) {
      for (;;) {
        const { call } = (await (await admin.fetch(`/api/calls/${callId}`)).json()) as { call: { analysisStatus: string } };
        if (call.analysisStatus === 'completed') break;
        expect(call.analysisStatus).not.toBe('failed');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
    const workers = services.filter((service) => service.name.startsWith('worker'));
    const analysed = workers.flatMap((worker) => logLines(worker, 'call analysed').map((line) => line.callId as string));
    expect(analysed.sort()).toEqual([...uploads].sort());
  }, 240_000);

  it('SIGTERM to the gateway holding a call: the call continues through nginx on the other, transcript complete', async () => {
    const point = await post<TalkingPoint>('/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe'] });
    const payment = await post<TalkingPoint>('/api/talking-points', { title: 'Payment', body: 'Plans from 0 %.', phrases: ['payment plan'] });
    const speech = await synthesizeTimedTurns(sentenceTurns(), 700);
    const split = Math.round(((speech.spans[3]!.endMs + speech.spans[4]!.startMs) / 2) * 16);
    const call = await post<LiveCallCreated>('/api/live-calls', {});
    const query = `?token=${encodeURIComponent(call.token)}`;

    const rep = RecordingSocket.connect(`${nginx.wsUrl}/ws/calls/${call.callId}${query}`);
    await rep.opened;
    rep.hello();
    await rep.next('ready');
    const holder = (await liveCalls(gateways[0]!)) === 1 ? gateways[0]! : gateways[1]!;
    const other = holder === gateways[0] ? gateways[1]! : gateways[0]!;
    expect(await liveCalls(holder)).toBe(1);
    // Watching through the other gateway: the cards cross over Redis.
    const watcher = RecordingSocket.connect(`ws://127.0.0.1:${other.port}/ws/calls/${call.callId}/watch${query}`);
    await watcher.opened;
    await streamRealtime(rep, speech.samples.subarray(0, split));
    await watcher.next('card');

    holder.process.kill('SIGTERM');
    expect((await rep.closed).code).toBe(1001);
    expect(await holder.exited).toBe(0);
    expect(logLines(holder, 'shutting down')).toHaveLength(1);

    const again = RecordingSocket.connect(`${nginx.wsUrl}/ws/calls/${call.callId}${query}`);
    await again.opened;
    again.hello({ resume: true });
    const ready = await again.next('ready');
    expect(ready.resumed).toBe(true);
    expect(await liveCalls(other)).toBe(1);
    await streamRealtime(again, speech.samples.subarray(Math.round(ready.audioMs! * 16)));
    again.sendJson({ type: 'end' });
    expect((await again.closed).code).toBe(1000);
    expect((await watcher.closed).code).toBe(1000);

    let detail: { call: { status: string; analysisStatus: string }; segments: { seq: number; text: string; startMs: number; endMs: number }[]; cards: { talkingPointId: string }[] };
    do {
      await new Promise((resolve) => setTimeout(resolve, 300));
      detail = (await (await admin.fetch(`/api/calls/${call.callId}`)).json()) as typeof detail;
    } while (detail.call.analysisStatus !== 'completed' && detail.call.analysisStatus !== 'failed');
    expect(detail.call).toMatchObject({ status: 'ended', analysisStatus: 'completed' });
    expect(detail.segments.map((segment) => segment.seq)).toEqual(detail.segments.map((_, i) => i));
    expect(transcriptContinuity(speech.spans, detail.segments, TEST_SENTENCE_PHRASES)).toMatchObject({ uncovered: [], duplicated: [], outOfOrder: [] });
    expect(detail.cards.map((card) => card.talkingPointId)).toEqual([point.id, payment.id]);
    expect(watcher.messages('card').map((card) => card.talkingPointId)).toEqual([point.id, payment.id]);
  }, 240_000);
});
