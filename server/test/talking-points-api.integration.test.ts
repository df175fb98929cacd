import type { ApiError, TalkingPoint } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from './helpers/test-app.js';

describe('talking-points API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates, lists, reads, replaces and deletes a talking point', async () => {
    const created = await api<TalkingPoint>(app, 'POST', '/api/talking-points', { title: ' Price ', body: 'Financing from $99/mo.', phrases: ['too expensive', 'price'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Price', phrases: ['too expensive', 'price'], speaker: 'any', cooldownMs: null, priority: 0, enabled: true });
    const id = created.body.id;

    expect((await api<TalkingPoint[]>(app, 'GET', '/api/talking-points')).body.map((p) => p.id)).toContain(id);
    expect((await api<TalkingPoint>(app, 'GET', `/api/talking-points/${id}`)).body.title).toBe('Price');

    const replaced = await api<TalkingPoint>(app, 'PUT', `/api/talking-points/${id}`, {
      title: 'Price', body: 'b', phrases: ['cost'], speaker: 'caller', cooldownMs: 60_000, priority: 3, enabled: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ phrases: ['cost'], speaker: 'caller', cooldownMs: 60_000, priority: 3, enabled: false });

    expect((await api(app, 'DELETE', `/api/talking-points/${id}`)).status).toBe(204);
    expect((await api(app, 'GET', `/api/talking-points/${id}`)).status).toBe(404);
    expect((await api(app, 'DELETE', `/api/talking-points/${id}`)).status).toBe(404);
  });

  it('refuses invalid bodies with 400 and one issue per field', async () => {
    const missing = await api<ApiError>(app, 'POST', '/api/talking-points', { title: '', phrases: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_body');
    expect(missing.body.error.issues!.map((i) => i.path).sort()).toEqual(['body', 'phrases', 'title']);

    const badJson = await api<ApiError>(app, 'POST', '/api/talking-points', '{"title": ');
    expect(badJson).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_json' } } });

    const punctuationOnly = await api<ApiError>(app, 'POST', '/api/talking-points', { title: 't', body: 'b', phrases: ['?!'] });
    expect(punctuationOnly.status).toBe(400);
    const badSpeaker = await api<ApiError>(app, 'POST', '/api/talking-points', { title: 't', body: 'b', phrases: ['x'], speaker: 'boss' });
    expect(badSpeaker.body.error.issues![0]!.path).toBe('speaker');
  });

  it('refuses oversized bodies with 413 and answers unknown ids and routes with 404', async () => {
    const huge = await api<ApiError>(app, 'POST', '/api/talking-points', { title: 't', body: 'x'.repeat(300_000), phrases: ['x'] });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
    expect((await api(app, 'GET', '/api/talking-points/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api(app, 'PUT', '/api/talking-points/not-a-uuid', { title: 't', body: 'b', phrases: ['x'] })).status).toBe(404);
    expect((await api<ApiError>(app, 'GET', '/api/nothing-here')).body.error.code).toBe('not_found');
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });
});
