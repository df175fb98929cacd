import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BulkImportJobStatus, BulkImportStarted } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../src/lib/audio/wav.js';
import { startAudioFileServer, type AudioFileServer } from './helpers/audio-file-server.js';
import { logLines, startWorker, untilLogged, type Service } from './helpers/processes.js';
import { createTestDatabase, testRedisUrl, type TestDatabase } from './helpers/services.js';
import { loadCorpusCall, synthesizeTurns } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

const FILES = 4;

const doneFileIds = (worker: Service) => logLines(worker, 'bulk import file done').map((line) => line.fileId as string);

async function jobStatus(app: TestApp, jobId: string): Promise<BulkImportJobStatus> {
  return (await api<BulkImportJobStatus>(app, 'GET', `/api/bulk-import/status/${jobId}?include_files=true`)).body;
}

describe('a bulk import whose worker is killed mid-job', () => {
  let database: TestDatabase;
  let app: TestApp;
  let work: string;
  let files: AudioFileServer;
  const workers: Service[] = [];

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'bulk-restart-'));
    const call = loadCorpusCall('dev-002').turns;
    for (let i = 0; i < FILES; i++) {
      const pcm = await synthesizeTurns(call.slice(i * 3, i * 3 + 4), 500);
      await writeFile(path.join(work, `call-${i + 1}.wav`), Buffer.concat([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]));
    }
    files = await startAudioFileServer(work);
    database = await createTestDatabase();
    // The gateway only takes requests; the worker processes do the imports (their progress reaches it through Redis).
    app = await startTestApp({ database, redis: true, env: { IMPORT_CONCURRENCY: '0', IMPORT_ALLOW_PRIVATE: '1' } });
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) worker.process.kill('SIGKILL');
    await app?.close();
    await database?.drop();
    await files?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('finishes after a restart with every file processed exactly once', async () => {
    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: app.dataDir,
      LOG_LEVEL: 'info',
      LOCAL_STT_WORKERS: '1',
      IMPORT_CONCURRENCY: '1',
      IMPORT_ALLOW_PRIVATE: '1',
      IMPORT_STALE_AFTER_S: '3',
      REDIS_URL: testRedisUrl(),
    };
    const first = await startWorker(env);
    workers.push(first);
    const { body: started } = await api<BulkImportStarted>(app, 'POST', '/api/bulk-import/start', { customer_name: 'Restart Clinic', source_url: `${files.url}/` });

    // Kill it once one file is done and the next one is under way (one file at a time: IMPORT_CONCURRENCY=1).
    await untilLogged(first, 'bulk import file done');
    await untilLogged(first, 'bulk import file started', 2);
    first.process.kill('SIGKILL');
    await first.exited;
    const killedAt = await jobStatus(app, started.job_id);
    expect(killedAt.processed_files).toBeLessThan(FILES);

    const second = await startWorker(env);
    workers.push(second);
    // The job's live progress stream, as the import page follows it, ends when the job is finished.
    await (await app.fetch(`/api/bulk-import/status/${started.job_id}/events`)).text();
    const job = await jobStatus(app, started.job_id);

    expect(job).toMatchObject({ status: 'completed', total_files: FILES, processed_files: FILES, failed_files: 0, progress_percentage: 100 });
    // One call per file, no more: the file interrupted by the kill did not leave a second call behind.
    const callIds = job.files!.map((file) => file.call_id);
    expect(new Set(callIds).size).toBe(FILES);
    const { body: list } = await api<{ total: number }>(app, 'GET', '/api/calls?limit=100');
    expect(list.total).toBe(FILES);
    // Each file finished exactly once across both workers; the first worker's finished files were not redone.
    const firstDone = doneFileIds(first);
    const secondDone = doneFileIds(second);
    expect(firstDone.length).toBeGreaterThanOrEqual(1);
    expect([...firstDone, ...secondDone].sort()).toEqual(job.files!.map((file) => file.id).sort());
    for (const id of firstDone) expect(job.files!.find((file) => file.id === id)?.attempts).toBe(1);
  }, 300_000);
});
