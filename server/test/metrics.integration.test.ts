import { randomBytes } from 'node:crypto';
import type { LiveCallCreated } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { synthesizeTurns } from './helpers/speech.js';
import { api, settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

const TOKEN = randomBytes(16).toString('hex');

/** A series' value in a Prometheus text exposition; undefined when absent. */
function metric(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let app: TestApp;
  let plain: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ redis: true, env: { METRICS_TOKEN: TOKEN, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' } });
    plain = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await plain?.close();
  });

  const scrape = async (url = `${app.baseUrl}/metrics`, token: string | null = TOKEN) => {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('is not public: no route without METRICS_TOKEN, 401 without the right bearer token', async () => {
    expect(plain.metricsPort).toBeUndefined();
    expect((await fetch(`${plain.baseUrl}/metrics`)).status).toBe(404);
    expect((await scrape(undefined, null)).status).toBe(401);
    expect((await scrape(undefined, `${TOKEN}x`)).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('is also served, without a token, on METRICS_PORT', async () => {
    expect(app.metricsPort).toBeGreaterThan(0);
    const { status, text } = await scrape(`http://127.0.0.1:${app.metricsPort}/metrics`, null);
    expect(status).toBe(200);
    expect(text).toContain('# TYPE callassist_live_calls gauge');
    expect(metric(text, 'callassist_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${app.metricsPort}/other`)).status).toBe(404);
  });

  it('counts a real call: live calls, audio, engine lag, speech-to-card, bus, close codes, job queue and duration', async () => {
    await api(app, 'POST', '/api/talking-points', { title: 'Safety', body: 'RN injectors.', phrases: ['is it safe'] });
    const audio = await synthesizeTurns([{ speaker: 'caller', text: 'Hi. Can I ask, is it safe?' }]);
    const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    const rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
    await rep.opened;
    rep.hello();
    await rep.next('ready');
    expect(metric((await scrape()).text, 'callassist_live_calls')).toBe(1);
    expect(metric((await scrape()).text, 'callassist_call_sockets{kind="rep"}')).toBe(1);
    await streamRealtime(rep, audio);
    rep.sendJson({ type: 'end' });
    await rep.closed;
    await settledCall(app, call.callId);
    // A socket closed by the server for a protocol error, and an API error.
    const bad = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
    await bad.opened;
    bad.ws.send(Buffer.alloc(320));
    expect((await bad.closed).code).toBe(4400);
    expect((await api(app, 'POST', '/api/talking-points', '{not json')).status).toBe(400);

    const { text } = await scrape();
    expect(metric(text, 'callassist_live_calls')).toBe(0);
    expect(metric(text, 'callassist_call_sockets{kind="rep"}')).toBe(0);
    expect(metric(text, 'callassist_audio_bytes_total')).toBe(audio.byteLength);
    expect(metric(text, 'callassist_audio_frames_total')).toBe(Math.ceil(audio.length / 1600));
    expect(metric(text, 'callassist_stt_latency_seconds_count{provider="local",kind="partial"}')).toBeGreaterThan(0);
    expect(metric(text, 'callassist_stt_latency_seconds_count{provider="local",kind="final"}')).toBeGreaterThan(0);
    const cards = rep.messages('card');
    expect(cards).toHaveLength(1);
    const source = cards[0]!.source;
    expect(metric(text, `callassist_speech_to_card_seconds_count{source="${source}"}`)).toBe(1);
    expect(metric(text, `callassist_speech_to_card_seconds_sum{source="${source}"}`)).toBeCloseTo(cards[0]!.audioToCardMs / 1000, 5);
    expect(metric(text, 'callassist_bus_publish_seconds_count')).toBeGreaterThan(0);
    expect(metric(text, 'callassist_socket_closes_total{kind="rep",code="1000"}')).toBe(1);
    expect(metric(text, 'callassist_socket_closes_total{kind="rep",code="4400"}')).toBe(1);
    expect(metric(text, 'callassist_api_errors_total{code="invalid_json",status="400"}')).toBe(1);
    expect(metric(text, 'callassist_job_queue_depth{queue="analyze-call",state="queued"}')).toBe(0);
    expect(metric(text, 'callassist_job_duration_seconds_count{queue="analyze-call",outcome="completed"}')).toBe(1);
  }, 60_000);
});
