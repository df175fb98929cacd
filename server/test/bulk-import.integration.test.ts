import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BulkImportJobStatus, BulkImportStarted } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../src/lib/audio/wav.js';
import { startAudioFileServer, type AudioFileServer } from './helpers/audio-file-server.js';
import { loadCorpusCall, synthesizeTurns } from './helpers/speech.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

const run = promisify(execFile);
const SIZE_CAP = 2_000_000;

async function encode(wav: string, target: string, codec: string): Promise<void> {
  await run('ffmpeg', ['-loglevel', 'error', '-y', '-i', wav, '-codec:a', codec, target]);
}

/** Follows the job's live progress stream (as the import page does) until the server ends it with the job finished; then the job whole. */
async function finishedJob(app: TestApp, jobId: string): Promise<BulkImportJobStatus> {
  const events = await collectEvents(app, jobId);
  expect(['completed', 'completed_with_errors', 'failed', 'cancelled']).toContain(events.at(-1)?.status);
  return (await api<BulkImportJobStatus>(app, 'GET', `/api/bulk-import/status/${jobId}?include_files=true`)).body;
}

/** Every event of the job's live progress stream, until the server ends it. */
async function collectEvents(app: TestApp, jobId: string): Promise<BulkImportJobStatus[]> {
  const response = await app.fetch(`/api/bulk-import/status/${jobId}/events`);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice('data: '.length)) as BulkImportJobStatus);
}

describe('bulk import from a web source', () => {
  let work: string;
  let files: AudioFileServer;
  let app: TestApp;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'bulk-import-'));
    const root = path.join(work, 'archive');
    await mkdir(path.join(root, 'calls', '2026'), { recursive: true });
    // A real call excerpt (flite, two voices) in every accepted format, spread over nested folders.
    const pcm = await synthesizeTurns(loadCorpusCall('dev-001').turns.slice(5, 7), 400);
    const wav = path.join(root, 'first-call.wav');
    await writeFile(wav, Buffer.concat([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]));
    await encode(wav, path.join(root, 'second call.mp3'), 'libmp3lame');
    await encode(wav, path.join(root, 'calls', 'third.ogg'), 'libvorbis');
    await encode(wav, path.join(root, 'calls', 'fourth.flac'), 'flac');
    await encode(wav, path.join(root, 'calls', '2026', 'fifth.m4a'), 'aac');
    await encode(wav, path.join(root, 'calls', '2026', 'sixth.webm'), 'libopus');
    // The three bad ones: text named .mp3, a WAV header over garbage, and real audio over the size cap.
    await writeFile(path.join(root, 'calls', 'notes.mp3'), 'These are my meeting notes, not a recording.\n');
    await writeFile(path.join(root, 'calls', '2026', 'broken.wav'), Buffer.concat([Buffer.from('RIFF\x24\x00\x10\x00WAVEfmt ', 'latin1'), randomBytes(4000)]));
    const long = new Int16Array(SIZE_CAP / 2 + 16_000);
    await writeFile(path.join(root, 'calls', 'too-long.wav'), Buffer.concat([wavHeader(long.byteLength, 16_000), Buffer.from(long.buffer)]));
    await writeFile(path.join(root, 'readme.txt'), 'not audio, not even named like audio');

    files = await startAudioFileServer(root);
    app = await startTestApp({ env: { IMPORT_ALLOW_PRIVATE: '1', IMPORT_MAX_BYTES: String(SIZE_CAP), IMPORT_CONCURRENCY: '2' } });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await files?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('imports and analyses every real audio file of a nested directory listing; bad files fail with reasons', async () => {
    const started = await api<BulkImportStarted>(app, 'POST', '/api/bulk-import/start', { customer_name: 'Lumina Med Spa', source_url: `${files.url}/` });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ success: true, customer_name: 'Lumina Med Spa', storage_bucket_name: 'customer-lumina-med-spa' });
    const events = collectEvents(app, started.body.job_id);

    const job = await finishedJob(app, started.body.job_id);
    expect(job).toMatchObject({ status: 'completed_with_errors', total_files: 9, processed_files: 9, failed_files: 3, progress_percentage: 100 });
    const byName = new Map(job.files!.map((file) => [file.name, file]));
    expect([...byName.keys()].sort()).toEqual(['broken.wav', 'fifth.m4a', 'first-call.wav', 'fourth.flac', 'notes.mp3', 'second call.mp3', 'sixth.webm', 'third.ogg', 'too-long.wav']);
    expect(byName.get('notes.mp3')).toMatchObject({ status: 'failed', error: expect.stringMatching(/not a recognised audio file/) });
    expect(byName.get('broken.wav')).toMatchObject({ status: 'failed', error: expect.stringMatching(/not a recognised audio file|no audio stream/) });
    expect(byName.get('too-long.wav')).toMatchObject({ status: 'failed', error: expect.stringMatching(/larger than the 1\.9 MB limit/) });

    const formats = { 'first-call.wav': 'wav', 'second call.mp3': 'mp3', 'third.ogg': 'ogg', 'fourth.flac': 'flac', 'fifth.m4a': 'm4a', 'sixth.webm': 'webm' };
    const orgDir = path.join(app.dataDir, 'blobs');
    for (const [name, format] of Object.entries(formats)) {
      const file = byName.get(name)!;
      expect(file, name).toMatchObject({ status: 'completed', format, attempts: 1 });
      expect(file.duration_ms).toBeGreaterThan(3_000);
      const { body: detail } = await api<{ call: { title: string; analysisStatus: string; source: string }; segments: { text: string }[]; analysis: { category: string } | null }>(
        app,
        'GET',
        `/api/calls/${file.call_id}`,
      );
      expect(detail.call).toMatchObject({ title: name, analysisStatus: 'completed', source: 'import' });
      expect(detail.segments.map((segment) => segment.text).join(' '), name).toMatch(/safe/);
      expect(detail.analysis?.category).toBeDefined();
      // The original under the customer's folder, the analysis as JSON under customer-<slug>-analysis.
      const analysisJson = await findFile(orgDir, `customer-lumina-med-spa-analysis/${file.call_id}/analysis.json`);
      expect(JSON.parse(await readFile(analysisJson!, 'utf8'))).toMatchObject({ call_id: file.call_id, category: detail.analysis!.category });
      expect(await findFile(orgDir, `customer-lumina-med-spa/${job.job_id}/${file.id.slice(0, 8)}-`)).toBeDefined();
    }

    // The live stream ended by itself with the final state, after showing progress on the way.
    const streamed = await events;
    expect(streamed.at(-1)).toMatchObject({ status: 'completed_with_errors', progress_percentage: 100 });
    expect(new Set(streamed.map((event) => event.processed_files)).size).toBeGreaterThan(2);

    // Listed newest first with its counts.
    const { body: list } = await api<{ jobs: BulkImportJobStatus[]; total: number }>(app, 'GET', '/api/bulk-import/jobs?limit=50&offset=0');
    expect(list.jobs[0]).toMatchObject({ job_id: job.job_id, failed_files: 3, total_files: 9 });
  }, 300_000);

  it('finds the same audio from an HTML page and from a JSON API', async () => {
    files.route('/recordings.html', 'text/html', `<html><body><h1>Calls</h1>
      <a href="first-call.wav">Monday</a> <a href="/about">About us</a>
      <audio controls src="calls/third.ogg"></audio>
      <audio controls><source src="${files.url}/calls/fourth.flac" type="audio/flac"></audio>
      <a href="first-call.wav#again">Monday again</a></body></html>`);
    files.route('/api/recordings', 'application/json', JSON.stringify({
      data: [{ id: 1, recording: { url: `${files.url}/second%20call.mp3` } }, { id: 2, media: ['/calls/2026/fifth.m4a'], note: 'https://example.com/not-audio' }],
      next: null,
    }));

    for (const [source, expected] of [
      [`${files.url}/recordings.html`, ['first-call.wav', 'fourth.flac', 'third.ogg']],
      [`${files.url}/api/recordings`, ['fifth.m4a', 'second call.mp3']],
    ] as const) {
      const { body } = await api<BulkImportStarted>(app, 'POST', '/api/bulk-import/start', { customer_name: 'Web Sources', source_url: source });
      const job = await finishedJob(app, body.job_id);
      expect(job.files!.map((file) => file.name).sort(), source).toEqual([...expected]);
      expect(job, source).toMatchObject({ status: 'completed', failed_files: 0, progress_percentage: 100 });
    }
  }, 300_000);

  it('retries failed files once the source is fixed, and cancels a job', async () => {
    const { body: list } = await api<{ jobs: BulkImportJobStatus[] }>(app, 'GET', '/api/bulk-import/jobs?limit=50');
    const earlier = list.jobs.find((job) => job.customer_name === 'Lumina Med Spa')!;
    // The customer replaces the text file with the real recording.
    await copyFile(path.join(work, 'archive', 'second call.mp3'), path.join(work, 'archive', 'calls', 'notes.mp3'));
    const retried = await api<{ retried_files: number; job: BulkImportJobStatus }>(app, 'POST', `/api/bulk-import/${earlier.job_id}/retry-failed`);
    expect(retried.status).toBe(200);
    expect(retried.body.retried_files).toBe(3);
    const job = await finishedJob(app, earlier.job_id);
    expect(job).toMatchObject({ status: 'completed_with_errors', total_files: 9, processed_files: 9, failed_files: 2, progress_percentage: 100 });
    expect(job.files!.find((file) => file.name === 'notes.mp3')).toMatchObject({ status: 'completed', format: 'mp3', attempts: 2 });

    const { body: started } = await api<BulkImportStarted>(app, 'POST', '/api/bulk-import/start', { customer_name: 'Changed Mind', source_url: `${files.url}/` });
    const cancelled = await api<{ job: BulkImportJobStatus }>(app, 'POST', `/api/bulk-import/${started.job_id}/cancel`);
    expect(cancelled.body.job.status).toBe('cancelled');
    const after = await finishedJob(app, started.job_id);
    expect(after.status).toBe('cancelled');
    expect(after.files!.filter((file) => file.status === 'completed')).toEqual([]);
  }, 300_000);

  it('refuses bad requests with reasons', async () => {
    const missing = await api<{ error: { code: string; message: string } }>(app, 'POST', '/api/bulk-import/start', { source_url: `${files.url}/` });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/customer_name/);
    const ftp = await api<{ error: { message: string } }>(app, 'POST', '/api/bulk-import/start', { customer_name: 'x', source_url: 'ftp://example.com/a.wav' });
    expect(ftp.status).toBe(400);
    expect(ftp.body.error.message).toMatch(/http/);
    const engine = await api<{ error: { code: string } }>(app, 'POST', '/api/bulk-import/start', { customer_name: 'x', source_url: `${files.url}/`, provider: 'deepgram' });
    expect(engine).toMatchObject({ status: 400, body: { error: { code: 'unknown_provider' } } });
    expect((await api(app, 'GET', '/api/bulk-import/status/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('bulk import without IMPORT_ALLOW_PRIVATE', () => {
  it('refuses a source on a loopback address before fetching a byte from it', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'bulk-import-ssrf-'));
    await writeFile(path.join(work, 'a.wav'), 'x');
    const files = await startAudioFileServer(work);
    const app = await startTestApp();
    try {
      const { body } = await api<BulkImportStarted>(app, 'POST', '/api/bulk-import/start', { customer_name: 'Intranet', source_url: `${files.url}/a.wav` });
      const job = await finishedJob(app, body.job_id);
      expect(job).toMatchObject({ status: 'failed', total_files: 0, error: expect.stringMatching(/loopback|private|not allowed|refused/i) });
      expect(files.hits).toEqual([]);
    } finally {
      await app.close();
      await files.close();
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);
});

/** The stored blob whose key contains `fragment`, if any. */
async function findFile(root: string, fragment: string): Promise<string | undefined> {
  for (const entry of await readdir(root, { recursive: true })) {
    const full = path.join(root, entry);
    if (full.includes(fragment) && existsSync(full)) return full;
  }
  return undefined;
}
