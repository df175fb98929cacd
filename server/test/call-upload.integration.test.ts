import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ApiError } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interleave, wavHeader } from '../src/lib/audio/wav.js';
import { loadCorpusCall, synthesizeTimedTurns, synthesizeTurns } from './helpers/speech.js';
import { settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

interface Uploaded {
  callId: string;
  audioDurationMs: number;
  analysisStatus: string;
  channels: number;
}

interface CallDetail {
  call: { source: string; analysisStatus: string; sttProvider: string | null };
  segments: { text: string; speaker: string | null }[];
  analysis: { analyzer: string; category: string } | null;
}

/** Uploads a file the way a browser form does. */
async function upload(app: TestApp, bytes: Buffer, filename: string, field = 'file'): Promise<{ status: number; body: Uploaded & ApiError }> {
  const form = new FormData();
  form.append(field, new Blob([bytes]), filename);
  const response = await app.fetch('/api/calls', { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as Uploaded & ApiError };
}

describe('uploading recorded calls', () => {
  let app: TestApp;
  let work: string;
  let wav: Buffer;
  let mp3: Buffer;
  let durationMs: number;

  beforeAll(async () => {
    app = await startTestApp({ env: { UPLOAD_MAX_BYTES: String(4 * 1024 * 1024) } });
    work = await mkdtemp(path.join(os.tmpdir(), 'upload-test-'));
    // A corpus call's opening (price objection, spouse) spoken by flite, as a phone system would export it.
    const pcm = await synthesizeTurns(loadCorpusCall('dev-002').turns.slice(3, 12), 600);
    durationMs = pcm.length / 16;
    wav = Buffer.concat([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer)]);
    await writeFile(path.join(work, 'call.wav'), wav);
    await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-i', path.join(work, 'call.wav'), '-codec:a', 'libmp3lame', '-b:a', '64k', path.join(work, 'call.mp3')]);
    mp3 = await readFile(path.join(work, 'call.mp3'));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await rm(work, { recursive: true, force: true });
  });

  it.each([
    ['WAV', () => wav, 'call.wav'],
    ['MP3', () => mp3, 'call.mp3'],
  ])('a %s recording becomes a call: transcribed, analysed, reviewable', async (_format, bytes, filename) => {
    const { status, body } = await upload(app, bytes(), filename);
    expect(status).toBe(201);
    expect(body.analysisStatus).toBe('pending');
    expect(Math.abs(body.audioDurationMs - durationMs)).toBeLessThan(200);
    const detail = await settledCall<CallDetail>(app, body.callId);
    expect(detail.call).toMatchObject({ source: 'import', analysisStatus: 'completed', sttProvider: 'local' });
    expect(detail.segments.map((s) => s.text).join(' ')).toMatch(/money wise/);
    expect(detail.analysis).toMatchObject({ analyzer: 'local' });
  }, 120_000);

  it('a stereo recording (agent left, caller right) gets each segment’s speaker from its channel', async () => {
    const turns = loadCorpusCall('dev-002').turns.slice(3, 8);
    const timed = await synthesizeTimedTurns(turns, 600);
    const left = new Int16Array(timed.samples.length);
    const right = new Int16Array(timed.samples.length);
    timed.spans.forEach((span, i) => {
      const part = timed.samples.subarray(span.startMs * 16, span.endMs * 16);
      (turns[i]!.speaker === 'agent' ? left : right).set(part, span.startMs * 16);
    });
    const stereo = interleave([left, right]);
    const { status, body } = await upload(app, Buffer.concat([wavHeader(stereo.byteLength, 16_000, 2), Buffer.from(stereo.buffer)]), 'stereo.wav');
    expect(status).toBe(201);
    expect(body).toMatchObject({ channels: 2 });
    const detail = await settledCall<CallDetail>(app, body.callId);
    expect(detail.call.analysisStatus).toBe('completed');
    expect(detail.segments.every((s) => s.speaker === 'agent' || s.speaker === 'caller')).toBe(true);
    expect(detail.segments.find((s) => /money wise/.test(s.text))?.speaker).toBe('caller');
    expect(detail.segments.find((s) => /consultation/.test(s.text))?.speaker).toBe('agent');
  }, 120_000);

  it('refuses bad uploads with 400 and a reason', async () => {
    const cases: [string, Promise<{ status: number; body: ApiError }>][] = [
      ['missing_file', upload(app, wav, 'call.wav', 'notes')],
      ['empty_file', upload(app, Buffer.alloc(0), 'call.wav')],
      ['not_audio', upload(app, Buffer.from('these are my meeting notes, not a recording\n'.repeat(50)), 'call.wav')],
      ['file_too_large', upload(app, Buffer.concat([wav, wav, wav, wav, wav]), 'long.wav')],
    ];
    for (const [code, pending] of cases) {
      const { status, body } = await pending;
      expect({ code, status, error: body.error.code }).toEqual({ code, status: 400, error: code });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    const json = await app.fetch('/api/calls', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as ApiError).error.code).toBe('not_multipart');
  }, 60_000);
});
