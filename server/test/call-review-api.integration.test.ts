import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { CallAnalysis, CallAnalytics, CallCategory, ObjectionType } from '@call-assist/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnalysis } from '../src/db/call-analyses.js';
import { insertUser } from '../src/db/users.js';
import { createLiveCall } from '../src/db/calls.js';
import { ensureDefaultOrganisation, type OrgScope } from '../src/db/organisations.js';
import { calls, organisations } from '../src/db/schema.js';
import { wavHeader } from '../src/lib/audio/wav.js';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

/** 40 s of 16 kHz noise: 1.28 MB, far more than a socket buffer holds, so the stream meets backpressure. */
function noiseWav(seconds: number): Buffer {
  const samples = new Int16Array(seconds * 16_000);
  // Deterministic and never periodic at chunk scale, so a lost or repeated chunk changes the bytes.
  let state = 12345;
  for (let i = 0; i < samples.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    samples[i] = (state >>> 16) - 32768;
  }
  return Buffer.concat([wavHeader(samples.byteLength, 16_000), Buffer.from(samples.buffer)]);
}

async function fetchBytes(app: TestApp, route: string, headers: Record<string, string> = {}) {
  const response = await app.fetch(route, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

function analysis(category: CallCategory, objections: ObjectionType[]): CallAnalysis {
  return {
    category,
    categoryConfidence: 0.8,
    objections: objections.map((type) => ({ type, quote: 'a quote', callerTurn: 0, overcome: type === 'cost-value', how: '' })),
    summary: 'A call.',
    sentiment: 'neutral',
    intent: 'botox',
    tags: [category],
    actionItems: [],
    keyPoints: [],
  };
}

describe('call review API: recordings and analytics over time', () => {
  let app: TestApp;
  let scope: OrgScope;
  let callId: string;
  let stored: Buffer;

  beforeAll(async () => {
    // No analysis worker: this file checks the review endpoints, with analyses it writes itself.
    app = await startTestApp({ env: { ANALYSIS_CONCURRENCY: '0' } });
    scope = await ensureDefaultOrganisation(app.database.db);
    const form = new FormData();
    form.append('file', new Blob([noiseWav(40)]), 'noise.wav');
    const uploaded = await app.fetch('/api/calls', { method: 'POST', body: form });
    expect(uploaded.status).toBe(201);
    callId = ((await uploaded.json()) as { callId: string }).callId;
    const [row] = await app.database.db.select({ audioKey: calls.audioKey }).from(calls).where(eq(calls.id, callId));
    stored = await readFile(path.join(app.dataDir, 'blobs', row!.audioKey!));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('serves the recording whole, byte for byte, as audio/wav that says it takes ranges', async () => {
    const { status, headers, bytes } = await fetchBytes(app, `/api/calls/${callId}/audio`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('audio/wav');
    expect(headers.get('accept-ranges')).toBe('bytes');
    expect(Number(headers.get('content-length'))).toBe(stored.length);
    expect(bytes.equals(stored)).toBe(true);
    const detail = await api<{ call: { hasRecording: boolean } }>(app, 'GET', `/api/calls/${callId}`);
    expect(detail.body.call.hasRecording).toBe(true);
  });

  it('answers byte ranges with 206 and content-range, as a seeking player asks', async () => {
    const size = stored.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000000-', 1_000_000, size - 1],
      ['bytes=-500', size - 500, size - 1],
      ['bytes=640000-640001', 640_000, 640_001],
    ];
    for (const [range, start, end] of cases) {
      const { status, headers, bytes } = await fetchBytes(app, `/api/calls/${callId}/audio`, { range });
      expect(status, range).toBe(206);
      expect(headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(bytes.equals(stored.subarray(start, end + 1)), range).toBe(true);
    }
    const past = await fetchBytes(app, `/api/calls/${callId}/audio`, { range: `bytes=${size}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
  });

  it('survives a client that goes away mid-stream, and keeps serving', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = http.get(`${app.baseUrl}/api/calls/${callId}/audio`, { headers: { cookie: app.admin.cookie } }, (response) => {
        // The recording itself, not a short error answer, is what the client walks away from.
        if (response.statusCode !== 200) reject(new Error(`audio answered ${response.statusCode}`));
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    });
    const again = await fetchBytes(app, `/api/calls/${callId}/audio`, { range: 'bytes=0-43' });
    expect(again.bytes.equals(stored.subarray(0, 44))).toBe(true);
  });

  it('keeps recordings within their organisation, and says when a call has none', async () => {
    const [other] = await app.database.db.insert(organisations).values({ name: 'Another clinic' }).returning();
    const foreignRep = await insertUser(app.database.db, { orgId: other!.id, email: 'rep@another.test', name: 'Rep', role: 'rep', passwordHash: 'x' });
    const foreign = await createLiveCall(app.database.db, { orgId: other!.id }, foreignRep!.id);
    // Even pointing at a real recording, another organisation's call is not found here.
    await app.database.db.update(calls).set({ audioKey: `${scope.orgId}/calls/${callId}.wav` }).where(eq(calls.id, foreign.id));
    expect((await fetchBytes(app, `/api/calls/${foreign.id}/audio`)).status).toBe(404);

    const silent = await createLiveCall(app.database.db, scope, app.admin.user.id);
    const none = await api<{ error: { code: string } }>(app, 'GET', `/api/calls/${silent.id}/audio`);
    expect(none).toMatchObject({ status: 404, body: { error: { code: 'no_recording' } } });
    expect((await api(app, 'GET', '/api/calls/00000000-0000-4000-8000-000000000000/audio')).status).toBe(404);
    await app.database.db.delete(calls).where(eq(calls.id, silent.id));
  });

  it('counts categories and objections per day and per week, with empty buckets, within the range', async () => {
    // Calls on known days: Sun 1 March, Mon 2 March (twice), Thu 5 March, Mon 9 March 2026 (UTC).
    const days: [string, CallCategory, ObjectionType[]][] = [
      ['2026-03-01T10:00:00Z', 'consult_scheduled', ['safety-risk']],
      ['2026-03-02T08:00:00Z', 'consult_not_scheduled', ['cost-value', 'timing']],
      ['2026-03-02T23:30:00Z', 'consult_scheduled', ['cost-value']],
      ['2026-03-05T12:00:00Z', 'other_question', []],
      ['2026-03-09T09:00:00Z', 'consult_not_scheduled', ['cost-value']],
    ];
    for (const [at, category, objections] of days) {
      const call = await createLiveCall(app.database.db, scope, app.admin.user.id);
      await app.database.db.update(calls).set({ createdAt: new Date(at) }).where(eq(calls.id, call.id));
      await saveAnalysis(app.database.db, scope, call.id, 'local', analysis(category, objections));
    }

    const daily = await api<CallAnalytics>(app, 'GET', '/api/calls/analytics?start_date=2026-03-01&end_date=2026-03-05&bucket=day');
    expect(daily.status).toBe(200);
    expect(daily.body.bucket).toBe('day');
    expect(daily.body.timeline).toEqual([
      { start: '2026-03-01', calls: 1, analysed: 1, categories: { consult_scheduled: 1 }, objections: { 'safety-risk': 1 } },
      { start: '2026-03-02', calls: 2, analysed: 2, categories: { consult_scheduled: 1, consult_not_scheduled: 1 }, objections: { 'cost-value': 2, timing: 1 } },
      { start: '2026-03-03', calls: 0, analysed: 0, categories: {}, objections: {} },
      { start: '2026-03-04', calls: 0, analysed: 0, categories: {}, objections: {} },
      { start: '2026-03-05', calls: 1, analysed: 1, categories: { other_question: 1 }, objections: {} },
    ]);
    // The existing totals follow the same range.
    expect(daily.body.totals).toEqual({ calls: 4, analysed: 4 });
    expect(daily.body.objections).toEqual({ 'safety-risk': { count: 1, overcome: 0 }, 'cost-value': { count: 2, overcome: 2 }, timing: { count: 1, overcome: 0 } });

    const weekly = await api<CallAnalytics>(app, 'GET', '/api/calls/analytics?start_date=2026-03-01&end_date=2026-03-15&bucket=week');
    expect(weekly.body.timeline).toEqual([
      { start: '2026-02-23', calls: 1, analysed: 1, categories: { consult_scheduled: 1 }, objections: { 'safety-risk': 1 } },
      { start: '2026-03-02', calls: 3, analysed: 3, categories: { consult_scheduled: 1, consult_not_scheduled: 1, other_question: 1 }, objections: { 'cost-value': 2, timing: 1 } },
      { start: '2026-03-09', calls: 1, analysed: 1, categories: { consult_not_scheduled: 1 }, objections: { 'cost-value': 1 } },
    ]);
  });

  it('picks the bucket by span when none is asked, and refuses bad ones', async () => {
    const recent = await api<CallAnalytics>(app, 'GET', '/api/calls/analytics?start_date=2026-03-01&end_date=2026-03-31');
    expect(recent.body.bucket).toBe('day');
    expect(recent.body.timeline).toHaveLength(31);
    const year = await api<CallAnalytics>(app, 'GET', '/api/calls/analytics?start_date=2025-04-01&end_date=2026-03-31');
    expect(year.body.bucket).toBe('week');
    expect(year.body.timeline.reduce((sum, point) => sum + point.calls, 0)).toBe(5);
    expect((await api(app, 'GET', '/api/calls/analytics?bucket=month')).status).toBe(400);
    const tooLong = await api<{ error: { code: string } }>(app, 'GET', '/api/calls/analytics?start_date=2000-01-01&end_date=2026-01-01&bucket=day');
    expect(tooLong).toMatchObject({ status: 400, body: { error: { code: 'range_too_long' } } });
  });
});
