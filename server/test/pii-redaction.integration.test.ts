import type { LiveCallCreated } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../src/lib/audio/wav.js';
import { RecordingSocket, streamRealtime } from './helpers/call-client.js';
import { synthesizeTurns } from './helpers/speech.js';
import { api, settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

interface Detail {
  call: { analysisStatus: string };
  segments: { text: string; words: unknown[] | null }[];
  analysis: Record<string, unknown> | null;
}

const SPOKEN = [
  { speaker: 'agent' as const, text: 'Thank you for calling the clinic.' },
  { speaker: 'caller' as const, text: 'You can call me back at five five five, two one two, three four five six.' },
];

/** REDACT_PII=1: what is stored (transcript, analysis) has no phone number, for live calls and uploads alike. */
describe('PII redaction before storage', () => {
  let app: TestApp;
  let speech: Int16Array;

  beforeAll(async () => {
    app = await startTestApp({ env: { REDACT_PII: '1' } });
    speech = await synthesizeTurns(SPOKEN, 500);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const stored = (detail: Detail) => JSON.stringify({ segments: detail.segments, analysis: detail.analysis });

  it('stores a live call without the phone number the rep saw live', async () => {
    const call = (await api<LiveCallCreated>(app, 'POST', '/api/live-calls')).body;
    const rep = RecordingSocket.connect(`${app.wsUrl}/ws/calls/${call.callId}?token=${encodeURIComponent(call.token)}`);
    await rep.opened;
    rep.hello();
    await rep.next('ready');
    await streamRealtime(rep, speech);
    rep.sendJson({ type: 'end' });
    await rep.closed;
    // Live, the rep needs what was said (to call back).
    expect(rep.messages('transcript.final').map((f) => f.text).join(' ')).toMatch(/five five five/);
    const detail = await settledCall<Detail>(app, call.callId);
    expect(detail.call.analysisStatus).toBe('completed');
    expect(detail.segments.map((s) => s.text).join(' ')).toMatch(/call me back \w+ \[number\]/);
    expect(stored(detail)).not.toMatch(/five five five|two one two|four five six/);
    // Word timings of a redacted segment would spell the number out again.
    expect(detail.segments.find((s) => s.text.includes('[number]'))?.words).toBeNull();
  }, 90_000);

  it('stores an uploaded recording without it either', async () => {
    const form = new FormData();
    form.append('file', new Blob([wavHeader(speech.byteLength, 16_000), Buffer.from(speech.buffer, speech.byteOffset, speech.byteLength)]), 'callback.wav');
    const { callId } = (await (await app.fetch('/api/calls', { method: 'POST', body: form })).json()) as { callId: string };
    const detail = await settledCall<Detail>(app, callId);
    expect(detail.call.analysisStatus).toBe('completed');
    expect(detail.segments.map((s) => s.text).join(' ')).toContain('[number]');
    expect(stored(detail)).not.toMatch(/five five five|two one two|four five six/);
  }, 90_000);
});
