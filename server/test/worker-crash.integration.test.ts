import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../src/lib/audio/wav.js';
import { startWorker, untilLogged, type Service } from './helpers/processes.js';
import { createTestDatabase, type TestDatabase } from './helpers/services.js';
import { loadCorpusCall, synthesizeTurns } from './helpers/speech.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

async function callStatus(app: TestApp, callId: string): Promise<{ analysisStatus: string; analysisError: string | null }> {
  return ((await (await app.fetch(`/api/calls/${callId}`)).json()) as { call: { analysisStatus: string; analysisError: string | null } }).call;
}

describe('a worker killed in the middle of a job', () => {
  let database: TestDatabase;
  let app: TestApp;
  const workers: Service[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // The gateway only enqueues; separate worker processes do the work.
    app = await startTestApp({ database, env: { ANALYSIS_CONCURRENCY: '0', ANALYSIS_JOB_EXPIRE_S: '4' } });
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.process.kill('SIGKILL');
    await app?.close();
    await database?.drop();
  });

  it('leaves the job to be retried by another worker, which completes it once', async () => {
    const env = { DATABASE_URL: database.url, DATA_DIR: app.dataDir, ANALYSIS_JOB_EXPIRE_S: '4', LOG_LEVEL: 'info', LOCAL_STT_WORKERS: '1' };
    const first = await startWorker(env);
    workers.push(first);

    // An upload long enough that its transcription is still running when the worker dies.
    const pcm = await synthesizeTurns(loadCorpusCall('dev-002').turns.slice(0, 12), 600);
    const form = new FormData();
    form.append('file', new Blob([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer)]), 'call.wav');
    const { callId } = (await (await app.fetch('/api/calls', { method: 'POST', body: form })).json()) as { callId: string };

    // The worker says when it takes the job; the upload's transcription takes seconds after that.
    await untilLogged(first, 'call analysis started');
    first.process.kill('SIGKILL');
    await first.exited;
    expect((await callStatus(app, callId)).analysisStatus).toBe('processing');

    const second = await startWorker(env);
    workers.push(second);
    await untilLogged(second, 'call analysed');
    expect((await callStatus(app, callId)).analysisStatus).toBe('completed');

    const detail = (await (await app.fetch(`/api/calls/${callId}`)).json()) as { segments: { seq: number; text: string }[]; analysis: { analyzer: string } | null };
    expect(detail.analysis?.analyzer).toBe('local');
    expect(detail.segments.map((s) => s.seq)).toEqual(detail.segments.map((_, i) => i));
    expect(detail.segments.map((s) => s.text).join(' ')).toMatch(/money wise/);
    expect(first.output.join('')).not.toContain('call analysed');
    expect(second.output.join('').split('call analysed').length - 1).toBe(1);
  }, 180_000);
});
