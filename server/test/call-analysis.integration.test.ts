import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CallSummary, LiveCallCreated } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { loadCorpusCall, synthesizeTurns } from './helpers/speech.js';
import { api, settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

interface CallDetail {
  call: { id: string; analysisStatus: string; analysisError: string | null; tags: string[] };
  segments: { text: string }[];
  cards: unknown[];
  analysis: { analyzer: string; category: string; objections: { type: string; quote: string }[]; summary: string } | null;
}

/** A live call that ends is analysed by the in-process worker, and the review API shows it. */
describe('post-call analysis of a live call', () => {
  let app: TestApp;
  let callId: string;
  let detail: CallDetail;

  beforeAll(async () => {
    app = await startTestApp();
    await api(app, 'POST', '/api/talking-points', { title: 'Availability', body: 'Offer the first open slot.', phrases: ['thursday'] });
    // The caller asks about price and books a consult: a short excerpt of a scheduled call.
    const audio = await synthesizeTurns(loadCorpusCall('dev-001').turns.slice(8, 15), 600);
    const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    callId = call.callId;
    const rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${callId}?token=${encodeURIComponent(call.token)}`);
    await rep.opened;
    rep.hello();
    await rep.next('ready');
    await streamRealtime(rep, audio);
    rep.sendJson({ type: 'end' });
    await rep.closed;
    detail = await settledCall<CallDetail>(app, callId);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('completes the analysis with the local analyzer and shows it with the transcript', () => {
    expect(detail.call.analysisStatus).toBe('completed');
    expect(detail.call.analysisError).toBeNull();
    expect(detail.segments.length).toBeGreaterThan(3);
    expect(detail.analysis).toMatchObject({ analyzer: 'local' });
    expect(['consult_scheduled', 'consult_not_scheduled', 'other_question']).toContain(detail.analysis!.category);
    expect(detail.analysis!.summary.length).toBeGreaterThan(0);
  });

  it('lists the call, filters by its category and not by another, and counts it as completed', async () => {
    const category = detail.analysis!.category;
    const other = category === 'other_question' ? 'consult_scheduled' : 'other_question';
    const listed = await api<{ total: number; calls: CallSummary[] }>(app, 'GET', `/api/calls?category=${category}`);
    expect(listed.body.calls.map((c) => c.id)).toEqual([callId]);
    expect(listed.body.calls[0]).toMatchObject({ analysisStatus: 'completed', category, source: 'live' });
    expect((await api<{ total: number }>(app, 'GET', `/api/calls?category=${other}`)).body.total).toBe(0);
    expect((await api<Record<string, number>>(app, 'GET', '/api/calls/stats')).body).toEqual({ pending: 0, processing: 0, completed: 1, failed: 0 });
  });

  it('reports analytics: category, objections, tags and card-to-outcome per talking point', async () => {
    const { body } = await api<{
      totals: { calls: number; analysed: number };
      categories: Record<string, number>;
      objections: Record<string, { count: number; overcome: number }>;
      tags: Record<string, number>;
      talkingPoints: { title: string; cardsFired: number; calls: number; scheduled: number; scheduledShare: number }[];
    }>(app, 'GET', '/api/calls/analytics');
    expect(body.totals).toEqual({ calls: 1, analysed: 1 });
    expect(body.categories).toEqual({ [detail.analysis!.category]: 1 });
    const objectionTypes = detail.analysis!.objections.map((o) => o.type);
    expect(Object.values(body.objections).reduce((sum, o) => sum + o.count, 0)).toBe(objectionTypes.length);
    expect(Object.keys(body.tags).sort()).toEqual([...new Set(detail.call.tags)].sort());
    const booked = detail.analysis!.category === 'consult_scheduled' ? 1 : 0;
    expect(body.talkingPoints).toEqual([{ talkingPointId: expect.any(String), title: 'Availability', cardsFired: 1, calls: 1, scheduled: booked, scheduledShare: booked }]);
    expect((await api(app, 'GET', '/api/calls/analytics?start_date=not-a-date')).status).toBe(400);
  });

  it('searches transcripts by text and refuses invalid queries', async () => {
    const word = detail.segments.map((s) => s.text).join(' ').split(' ').find((w) => w.length > 6)!;
    expect((await api<{ total: number }>(app, 'GET', `/api/calls?q=${encodeURIComponent(word)}`)).body.total).toBe(1);
    expect((await api<{ total: number }>(app, 'GET', '/api/calls?q=xylophonist')).body.total).toBe(0);
    expect((await api(app, 'GET', '/api/calls?limit=5000')).status).toBe(400);
    expect((await api(app, 'GET', '/api/calls?category=booked')).status).toBe(400);
    expect((await api(app, 'GET', '/api/calls/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('overrides tags (and filters by them), exports the call as a JSON download', async () => {
    const tagged = await api<{ tags: string[] }>(app, 'PUT', `/api/calls/${callId}/tags`, { tags: ['vip', 'botox'] });
    expect(tagged).toMatchObject({ status: 200, body: { tags: ['vip', 'botox'] } });
    expect((await api<{ total: number }>(app, 'GET', '/api/calls?tag=vip')).body.total).toBe(1);
    expect((await api(app, 'PUT', `/api/calls/${callId}/tags`, { tags: ['x'.repeat(41)] })).status).toBe(400);

    const response = await app.fetch(`/api/calls/${callId}/export`);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="call-${callId}.json"`);
    const exported = (await response.json()) as CallDetail;
    expect(exported.call.tags).toEqual(['vip', 'botox']);
    expect(exported.analysis?.category).toBe(detail.analysis!.category);
    expect(exported.segments).toEqual(detail.segments);

    await api(app, 'PUT', `/api/calls/${callId}/tags`, { tags: null });
    expect((await api<{ total: number }>(app, 'GET', '/api/calls?tag=vip')).body.total).toBe(0);
  });

  it('reprocesses a call into one analysis again, then deletes it with its recording', async () => {
    expect((await api(app, 'POST', `/api/calls/${callId}/reprocess`)).status).toBe(202);
    const again = await settledCall<CallDetail>(app, callId);
    expect(again.call.analysisStatus).toBe('completed');
    expect(again.analysis?.category).toBe(detail.analysis!.category);

    const wav = (await api<{ call: { audioKey: string } }>(app, 'GET', `/api/calls/${callId}`)).body.call.audioKey;
    expect(existsSync(path.join(app.dataDir, 'blobs', wav))).toBe(true);
    expect((await api(app, 'DELETE', `/api/calls/${callId}`)).status).toBe(204);
    expect((await api(app, 'GET', `/api/calls/${callId}`)).status).toBe(404);
    expect(existsSync(path.join(app.dataDir, 'blobs', wav))).toBe(false);
    expect((await api(app, 'DELETE', `/api/calls/${callId}`)).status).toBe(404);
  });
});
