import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallAnalysis } from '@call-assist/shared';
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeReply, type RecordedRequest } from '../../../test/helpers/fake-openai-server.js';
import { sentenceTurns, synthesizeTurns } from '../../../test/helpers/speech.js';
import { settledCall, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { wavHeader } from '../../lib/audio/wav.js';
import type { ChunkAnalysis } from './chunk-schemas.js';

interface Detail {
  call: { analysisStatus: string };
  analysis: (CallAnalysis & { analyzer: string }) | null;
}

const CHUNK: ChunkAnalysis = {
  objections: [],
  booking: { status: 'discussed', turn: null, evidence: '' },
  callerIntent: 'safety and price questions',
  partSummary: 'The caller asked questions.',
  sentiment: 'neutral',
  actionItems: [],
  keyPoints: [],
};
const SUMMARY = {
  category: 'consult_not_scheduled',
  categoryConfidence: 0.7,
  summary: 'The caller asked about safety, cost and how long it lasts.',
  sentiment: 'neutral',
  intent: 'treatment questions',
  tags: ['safety'],
  actionItems: [],
  keyPoints: [],
} satisfies Omit<CallAnalysis, 'objections'>;

const schemaName = (request: RecordedRequest) => request.body.response_format?.json_schema?.name;
const partOf = (request: RecordedRequest) => Number(/^Part (\d+) of/.exec(request.body.messages?.[1]?.content ?? '')?.[1]);

/**
 * ANALYZER=openai through the whole pipeline with a budget far smaller than the call, so that an
 * uploaded recording is analysed in chunks; when one chunk fails, the job falls back to the local
 * analyzer.
 */
describe('chunked LLM analysis of an uploaded call', () => {
  let llm: FakeOpenAiServer;
  let app: TestApp;
  let recording: Buffer;

  beforeAll(async () => {
    llm = await startFakeOpenAiServer();
    app = await startTestApp({
      env: { ANALYZER: 'openai', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: llm.baseURL, OPENAI_MODEL: 'small-model', OPENAI_MAX_RETRIES: '0', OPENAI_MAX_TRANSCRIPT_CHARS: '500' },
    });
    // Twenty short turns: over 500 characters of numbered lines once recognised.
    const pcm = await synthesizeTurns([...sentenceTurns(), ...sentenceTurns()]);
    recording = Buffer.concat([wavHeader(pcm.byteLength, 16_000), Buffer.from(pcm.buffer)]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await llm?.close();
  });

  async function analyse(chunkReply: (request: RecordedRequest) => FakeReply): Promise<Detail> {
    llm.reset();
    const reply: FakeReply = { reply: (request) => (schemaName(request) === 'chunk_analysis' ? chunkReply(request) : { json: SUMMARY }) };
    llm.enqueue(...Array.from({ length: 30 }, () => reply));
    const form = new FormData();
    form.append('file', new Blob([recording]), 'call.wav');
    const { callId } = (await (await app.fetch(`/api/calls`, { method: 'POST', body: form })).json()) as { callId: string };
    return settledCall<Detail>(app, callId);
  }

  it('maps the chunks, reduces once and stores the merged analysis', async () => {
    const detail = await analyse(() => ({ json: CHUNK }));
    expect(detail.analysis).toMatchObject({ analyzer: 'openai:small-model', summary: SUMMARY.summary, category: 'consult_not_scheduled' });
    const chunks = llm.requests.filter((request) => schemaName(request) === 'chunk_analysis');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.map(partOf).sort((a, b) => a - b)).toEqual(chunks.map((_, i) => i + 1));
    expect(llm.requests.map(schemaName)).toEqual([...chunks.map(() => 'chunk_analysis'), 'call_summary']);
    // The recognised speech went to the model in pieces.
    expect(JSON.stringify(chunks.map((request) => request.body.messages))).toMatch(/is it safe/);
  }, 120_000);

  it('falls back to the local analyzer when one chunk fails', async () => {
    const detail = await analyse((request) => (partOf(request) === 2 ? { status: 503 } : { json: CHUNK }));
    expect(detail.call.analysisStatus).toBe('completed');
    expect(detail.analysis?.analyzer).toBe('local (fallback from openai:small-model)');
    expect(llm.requests.some((request) => partOf(request) === 2)).toBe(true);
    expect(llm.requests.filter((request) => schemaName(request) === 'call_summary')).toHaveLength(0);
  }, 120_000);
});
