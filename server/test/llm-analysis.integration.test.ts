import type { CallAnalysis } from '@call-assist/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../src/lib/audio/wav.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './helpers/fake-openai-server.js';
import { sentenceTurns, synthesizeTurns } from './helpers/speech.js';
import { settledCall, startTestApp, type TestApp } from './helpers/test-app.js';

interface Detail {
  call: { analysisStatus: string };
  analysis: (CallAnalysis & { analyzer: string }) | null;
}

/** What a model might answer for the short call below (the quote is the caller's own words). */
const ANSWER: CallAnalysis = {
  category: 'other_question',
  categoryConfidence: 0.8,
  objections: [],
  summary: 'The caller asked whether the treatment is safe and what it costs.',
  sentiment: 'neutral',
  intent: 'safety and price questions',
  tags: ['safety'],
  actionItems: [],
  keyPoints: ['asked about safety'],
};

/**
 * ANALYZER=openai through the whole pipeline: an uploaded call is analysed by an OpenAI-compatible
 * server; when that server fails, the local analyzer takes over and the result says so.
 */
describe('LLM analysis with local fallback', () => {
  let llm: FakeOpenAiServer;
  let app: TestApp;
  let recording: Buffer;

  beforeAll(async () => {
    llm = await startFakeOpenAiServer();
    app = await startTestApp({ env: { ANALYZER: 'openai', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: llm.baseURL, OPENAI_MODEL: 'llama-3.1-8b', OPENAI_MAX_RETRIES: '0' } });
    const pcm = await synthesizeTurns(sentenceTurns(4));
    recording = Buffer.concat([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer)]);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await llm?.close();
  });

  async function analyse(): Promise<Detail> {
    const form = new FormData();
    form.append('file', new Blob([recording]), 'call.wav');
    const { callId } = (await (await app.fetch('/api/calls', { method: 'POST', body: form })).json()) as { callId: string };
    return settledCall<Detail>(app, callId);
  }

  it('uses the model’s answer, asking with the configured model and a strict JSON schema', async () => {
    llm.enqueue({ json: ANSWER });
    const detail = await analyse();
    expect(detail.analysis).toMatchObject({ analyzer: 'openai:llama-3.1-8b', summary: ANSWER.summary, category: 'other_question' });
    const request = llm.requests.at(-1)!;
    expect(request.body.model).toBe('llama-3.1-8b');
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    // The transcript went to the model (the recognised speech, not the file).
    expect(JSON.stringify(request.body.messages)).toMatch(/is it safe/);
  }, 120_000);

  it('falls back to the local analyzer when the model server fails, and marks the result', async () => {
    llm.reset(); // empty queue: the fake answers HTTP 500
    const detail = await analyse();
    expect(detail.call.analysisStatus).toBe('completed');
    expect(detail.analysis?.analyzer).toBe('local (fallback from openai:llama-3.1-8b)');
    expect(llm.requests.length).toBeGreaterThan(0);
  }, 120_000);
});
