import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { callAnalysisSchema, objectionSchema, type AnalysisTranscript, type CallAnalysis } from '@call-assist/shared';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../../test/helpers/fake-openai-server.js';
import { ProviderError } from '../../lib/errors.js';
import { analyzerContract, CONTRACT_TRANSCRIPT } from '../call-analyzer.contract.js';
import { ANALYSIS_INSTRUCTIONS } from './analysis-prompt.js';
import { OpenAiAnalyzer, type OpenAiAnalyzerOptions } from './openai-analyzer.js';

/** What a good model answers for CONTRACT_TRANSCRIPT. */
const VALID: CallAnalysis = {
  category: 'consult_scheduled',
  categoryConfidence: 0.95,
  objections: [
    { type: 'cost-value', quote: "Honestly that's more than I can afford right now.", callerTurn: 1, overcome: true, how: 'Offered the first visit discount and payment plans.' },
  ],
  summary: 'The caller asked about Botox pricing, hesitated at the cost, and booked a consultation after hearing about the discount.',
  sentiment: 'positive',
  intent: 'Botox pricing and booking',
  tags: ['botox', 'price'],
  actionItems: ['Text the confirmation for Thursday at two.'],
  keyPoints: ['Booked Thursday at two with Doctor Lin.'],
};
const withObjections = (...objections: CallAnalysis['objections']): CallAnalysis => ({ ...VALID, objections });

let fake: FakeOpenAiServer;
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

function analyzer(options: Partial<OpenAiAnalyzerOptions> = {}): OpenAiAnalyzer {
  return new OpenAiAnalyzer({ apiKey: 'sk-test-secret', baseURL: fake.baseURL, model: 'test-model', maxRetries: 0, timeoutMs: 5_000, logger, ...options });
}

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

analyzerContract('OpenAiAnalyzer (fake OpenAI-compatible server)', async () => {
  const server = await startFakeOpenAiServer();
  server.enqueue({ json: VALID });
  // The contract only needs the one scripted answer; the server stays up until the process ends.
  afterAll(() => server.close());
  return new OpenAiAnalyzer({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'contract-model', maxRetries: 0, logger });
});

describe('OpenAiAnalyzer', () => {
  it('sends the configured model, a strict json_schema generated from the zod schema and the numbered transcript', async () => {
    fake.enqueue({ json: VALID });
    const subject = analyzer();
    expect(subject.name).toBe('openai:test-model');
    expect(await subject.analyze(CONTRACT_TRANSCRIPT)).toEqual(VALID);

    expect(fake.requests).toHaveLength(1);
    const { body, headers, path } = fake.requests[0]!;
    expect(path).toBe('/v1/chat/completions');
    expect(headers.authorization).toBe('Bearer sk-test-secret');
    expect(body.model).toBe('test-model');
    expect(body.response_format?.type).toBe('json_schema');
    const format = body.response_format!.json_schema!;
    expect(format).toMatchObject({ name: 'call_analysis', strict: true });
    const schema = format.schema as { properties: Record<string, { items?: Record<string, unknown> }>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(callAnalysisSchema.shape).sort());
    expect([...schema.required].sort()).toEqual(Object.keys(callAnalysisSchema.shape).sort());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.objections!.items).toMatchObject({ additionalProperties: false, required: Object.keys(objectionSchema.shape) });
    expect(schema.properties.category).toMatchObject({ enum: ['consult_scheduled', 'consult_not_scheduled', 'other_question'] });

    const [system, user] = body.messages!;
    expect(system).toMatchObject({ role: 'system', content: ANALYSIS_INSTRUCTIONS });
    expect(system!.content).toMatch(/explicitly confirms a specific time/);
    expect(system!.content).toMatch(/voicemail/i);
    expect(system!.content).toMatch(/ignored objection has how "" and overcome false/);
    expect(user!.role).toBe('user');
    expect(user!.content).toContain('[0] agent: Thank you for calling Lakeside Skin Clinic');
    expect(user!.content).toContain("[3] caller (caller turn 1): Two hundred forty? Honestly that's more than I can afford right now.");
  });

  it('labels the inferred roles of unknown speakers (mono recordings)', async () => {
    fake.enqueue({ json: VALID });
    const mono: AnalysisTranscript = { turns: CONTRACT_TRANSCRIPT.turns.map((turn) => ({ ...turn, speaker: 'unknown' })) };
    const result = await analyzer().analyze(mono);
    expect(result.objections).toHaveLength(1);
    const user = fake.requests[0]!.body.messages![1]!.content;
    expect(user).toContain('[0] agent: Thank you for calling');
    expect(user).toContain('[1] caller (caller turn 0): Hi, I');
  });

  it('answers invalid JSON with one repair request carrying the problem, then succeeds', async () => {
    fake.enqueue({ content: '{"category": "consult_sched' }, { json: VALID });
    expect(await analyzer().analyze(CONTRACT_TRANSCRIPT)).toEqual(VALID);
    expect(fake.requests).toHaveLength(2);
    const repair = fake.requests[1]!.body.messages!;
    expect(repair).toHaveLength(4);
    expect(repair[2]).toEqual({ role: 'assistant', content: '{"category": "consult_sched' });
    expect(repair[3]!.content).toMatch(/not valid JSON/);
  });

  it('throws a ProviderError after a schema-invalid answer and a schema-invalid repair', async () => {
    fake.enqueue({ json: { ...VALID, category: 'booked' } }, { json: { ...VALID, sentiment: 'happy', tags: 'x' } });
    const error = await providerError(analyzer().analyze(CONTRACT_TRANSCRIPT));
    expect(error.code).toBe('analysis_invalid');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body.messages![3]!.content).toMatch(/- category: /);
  });

  it('repairs quotes to the exact caller words and drops invented ones', async () => {
    fake.enqueue({
      json: withObjections(
        // Paraphrased ("that is"), wrong turn: the caller's sentence, in the right turn.
        { ...VALID.objections[0]!, quote: 'that is more than I can afford right now', callerTurn: 3 },
        // Case and punctuation differ: the same words as the caller said them.
        { type: 'timing', quote: 'two hundred forty honestly', callerTurn: 1, overcome: false, how: '' },
        // Nothing like it was said.
        { type: 'safety-risk', quote: 'I am worried about needles and bruising', callerTurn: 2, overcome: false, how: '' },
      ),
    });
    const result = await analyzer().analyze(CONTRACT_TRANSCRIPT);
    expect(result.objections).toEqual([
      expect.objectContaining({ type: 'cost-value', quote: "Honestly that's more than I can afford right now.", callerTurn: 1 }),
      expect.objectContaining({ type: 'timing', quote: 'Two hundred forty? Honestly', callerTurn: 1 }),
    ]);
  });

  it('lets the SDK retry HTTP 500 (maxRetries), then throws a retryable ProviderError', async () => {
    fake.enqueue({ status: 500 }, { status: 500 });
    const error = await providerError(analyzer({ maxRetries: 1 }).analyze(CONTRACT_TRANSCRIPT));
    expect(error).toMatchObject({ code: 'analysis_http', retryable: true });
    expect(fake.requests).toHaveLength(2);
  });

  it('succeeds when a retry after HTTP 429 is answered', async () => {
    fake.enqueue({ status: 429 }, { json: VALID });
    expect(await analyzer({ maxRetries: 1 }).analyze(CONTRACT_TRANSCRIPT)).toEqual(VALID);
    expect(fake.requests).toHaveLength(2);
  });

  it('does not retry a 400 and reports it as not retryable', async () => {
    fake.enqueue({ status: 400 }, { json: VALID });
    const error = await providerError(analyzer({ maxRetries: 2 }).analyze(CONTRACT_TRANSCRIPT));
    expect(error).toMatchObject({ code: 'analysis_http', retryable: false });
    expect(fake.requests).toHaveLength(1);
    expect(fake.pending).toBe(1);
  });

  it('turns a server slower than timeoutMs into a ProviderError', async () => {
    // The reply would be valid: only the timeout can turn it into this error.
    fake.enqueue({ delayMs: 3_000, then: { json: VALID } });
    const error = await providerError(analyzer({ timeoutMs: 200 }).analyze(CONTRACT_TRANSCRIPT));
    expect(error).toMatchObject({ code: 'analysis_timeout', retryable: true });
  });

  // Calls longer than maxTranscriptChars: chunked-analysis.test.ts.

  it('never logs the transcript, the prompt or the API key', () => {
    // Every test above logged through `logger`; this one reads what they wrote.
    const logged = logLines.join('\n');
    expect(logged).toMatch(/call analysed/);
    expect(logged).toMatch(/analysis answer invalid/);
    for (const turn of CONTRACT_TRANSCRIPT.turns) expect(logged).not.toContain(turn.text.slice(0, 30));
    expect(logged).not.toContain(ANALYSIS_INSTRUCTIONS.slice(0, 40));
    expect(logged).not.toContain('afford');
    expect(logged).not.toContain('sk-test');
  });
});

describe.skipIf(!process.env.OPENAI_API_KEY)('OpenAiAnalyzer against a live server (OPENAI_API_KEY)', () => {
  it('analyses the contract call', async () => {
    const live = new OpenAiAnalyzer({
      apiKey: process.env.OPENAI_API_KEY!,
      ...(process.env.OPENAI_BASE_URL && { baseURL: process.env.OPENAI_BASE_URL }),
      model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
      logger,
    });
    const result = await live.analyze(CONTRACT_TRANSCRIPT);
    expect(result.category).toBe('consult_scheduled');
    const callerTurns = CONTRACT_TRANSCRIPT.turns.filter((turn) => turn.speaker === 'caller').map((turn) => turn.text);
    for (const objection of result.objections) expect(callerTurns[objection.callerTurn!]).toContain(objection.quote);
  }, 120_000);
});
