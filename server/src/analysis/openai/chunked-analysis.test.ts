import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { callAnalysisSchema, type AnalysisTranscript, type CallAnalysis, type Objection } from '@call-assist/shared';
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeReply, type RecordedRequest } from '../../../test/helpers/fake-openai-server.js';
import { ProviderError } from '../../lib/errors.js';
import { CONTRACT_TRANSCRIPT } from '../call-analyzer.contract.js';
import { loadLabeledCorpus, resolveCallerTurn } from '../eval/labeled-corpus.js';
import { ANALYSIS_INSTRUCTIONS, formatTranscript, promptTurns, TRANSCRIPT_HEADING } from './analysis-prompt.js';
import { CHUNK_INSTRUCTIONS, REDUCE_INSTRUCTIONS } from './chunk-prompts.js';
import { callSummarySchema, chunkAnalysisSchema, type ChunkAnalysis } from './chunk-schemas.js';
import { OpenAiAnalyzer, type OpenAiAnalyzerOptions } from './openai-analyzer.js';

const DEV_CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/calls-dev.json', import.meta.url));
/** Four unbooked corpus calls, then the contract call, which ends with a confirmed time. */
const UNBOOKED_CALLS = ['dev-002', 'dev-005', 'dev-010', 'dev-013'];
const BUDGET = 2_000;
const CONFIRMATION = "you're all set for your consultation Thursday at two";

/** A reference objection of the long call, its caller turn numbered for the whole call. */
interface Expected extends Objection {
  callerTurn: number;
  /** Whole-call turn number of the quote's turn. */
  turn: number;
}

let long: AnalysisTranscript;
let expected: Expected[];
let callerTexts: string[];
let fake: FakeOpenAiServer;
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });

beforeAll(async () => {
  const corpus = await loadLabeledCorpus(DEV_CORPUS);
  const calls = [...UNBOOKED_CALLS.map((id) => corpus.find((call) => call.id === id)!), { turns: CONTRACT_TRANSCRIPT.turns, labels: { objections: [] } }];
  long = { turns: [] };
  expected = [];
  let callers = 0;
  for (const call of calls) {
    for (const label of call.labels.objections) {
      const local = resolveCallerTurn(call, label)!;
      const turn = long.turns.length + call.turns.findIndex((t, i) => t.speaker === 'caller' && call.turns.slice(0, i).filter((e) => e.speaker === 'caller').length === local);
      expected.push({ type: label.type, quote: label.quote, callerTurn: callers + local, turn, overcome: label.overcome, how: label.how });
    }
    long.turns.push(...call.turns.map((turn) => ({ speaker: turn.speaker, text: turn.text })));
    callers += call.turns.filter((turn) => turn.speaker === 'caller').length;
  }
  // The contract call's handled price objection.
  const price = CONTRACT_TRANSCRIPT.turns[3]!;
  expected.push({ type: 'cost-value', quote: "Honestly that's more than I can afford right now.", callerTurn: callers - 4, turn: long.turns.length - 7, overcome: true, how: 'Offered the first visit discount.' });
  expect(long.turns[long.turns.length - 7]).toBe(long.turns.find((turn) => turn.text === price.text));
  callerTexts = long.turns.filter((turn) => turn.speaker === 'caller').map((turn) => turn.text);
  for (const objection of expected) expect(callerTexts[objection.callerTurn]).toContain(objection.quote);
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake?.close());

function analyzer(options: Partial<OpenAiAnalyzerOptions> = {}): OpenAiAnalyzer {
  return new OpenAiAnalyzer({ apiKey: 'sk-test-secret', baseURL: fake.baseURL, model: 'test-model', maxRetries: 0, timeoutMs: 10_000, maxTranscriptChars: BUDGET, logger, ...options });
}

const schemaName = (request: RecordedRequest) => request.body.response_format?.json_schema?.name;
const userMessage = (request: RecordedRequest) => request.body.messages![1]!.content;
const partOf = (request: RecordedRequest) => Number(/^Part (\d+) of/.exec(userMessage(request))![1]);

/** The transcript a chunk request carries, line by line. */
function transcriptLines(request: RecordedRequest): { turn: number; callerTurn: number | null; text: string }[] {
  const user = userMessage(request);
  const text = user.slice(user.indexOf(TRANSCRIPT_HEADING) + TRANSCRIPT_HEADING.length + 1);
  return text.split('\n').map((line) => {
    const match = /^\[(\d+)\] (?:caller \(caller turn (\d+)\)|agent): (.*)$/.exec(line);
    if (!match) throw new Error(`not a transcript line: ${line.slice(0, 40)}`);
    return { turn: Number(match[1]), callerTurn: match[2] === undefined ? null : Number(match[2]), text: match[3]! };
  });
}

/**
 * A model that answers a chunk from what the chunk shows: the reference objections whose quote is
 * in it (overcome and how only when the agent's answer and the caller's reaction are in view, as
 * the prompt asks), a booking event, and notes. `extra` adds the objections a test needs.
 */
function chunkAnswer(
  request: RecordedRequest,
  extra: (part: number, lines: ReturnType<typeof transcriptLines>) => Objection[] = () => [],
  references: readonly Expected[] = expected,
): ChunkAnalysis {
  const lines = transcriptLines(request);
  const part = partOf(request);
  const objections: Objection[] = references
    .filter((objection) => lines.some((line) => line.callerTurn === objection.callerTurn && line.text.includes(objection.quote)))
    .map(({ turn, ...objection }) => (lines.filter((line) => line.turn > turn).length >= 2 ? objection : { ...objection, overcome: false, how: '' }));
  const confirmation = lines.find((line) => line.text.includes(CONFIRMATION));
  // The unbooked calls end with the caller putting booking off: a "not scheduled" hint in every earlier chunk.
  const booking: ChunkAnalysis['booking'] = confirmation
    ? { status: 'confirmed', turn: confirmation.turn, evidence: 'all set for Thursday at two' }
    : { status: 'cancelled', turn: lines.at(-1)!.turn, evidence: 'will think about it' };
  return {
    objections: [...objections, ...extra(part, lines)],
    booking,
    callerIntent: 'treatment questions',
    partSummary: `Summary of part ${part}.`,
    sentiment: 'mixed',
    actionItems: [`Follow up on part ${part}.`],
    keyPoints: [`Key point of part ${part}.`],
  };
}

/** What the reduce step answers: misled by the earlier parts, it says not scheduled. */
const REDUCE_ANSWER = {
  category: 'consult_not_scheduled',
  categoryConfidence: 0.6,
  summary: 'The caller asked about several treatments and finally booked.',
  sentiment: 'mixed',
  intent: 'treatment questions',
  tags: ['botox'],
  actionItems: ['Send the confirmation.'],
  keyPoints: ['Booked Thursday at two.'],
} satisfies Omit<CallAnalysis, 'objections'>;

/** Answers every request by its schema: chunks from their content, the reduce with REDUCE_ANSWER. */
function scriptedModel(options: { chunk?: (request: RecordedRequest) => FakeReply | Promise<FakeReply>; count?: number } = {}): void {
  const reply: FakeReply = {
    reply: (request) => (schemaName(request) === 'chunk_analysis' ? (options.chunk?.(request) ?? { json: chunkAnswer(request) }) : { json: REDUCE_ANSWER }),
  };
  fake.enqueue(...Array.from({ length: options.count ?? 40 }, () => reply));
}

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('OpenAiAnalyzer on a call longer than maxTranscriptChars', () => {
  it('analyses overlapping chunks within the budget (two at a time), then reduces their results in one request', async () => {
    fake.reset();
    const transcriptChars = formatTranscript(promptTurns(long)).length;
    expect(transcriptChars).toBeGreaterThan(4 * BUDGET);
    // Hold the first chunk requests until a second one arrives: only concurrent requests get through.
    let arrived = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    let release!: () => void;
    const two = new Promise<void>((resolve) => (release = resolve));
    scriptedModel({
      chunk: async (request) => {
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        if (++arrived === 2) release();
        await two;
        // A short hold, so that a client ignoring the limit would have more requests open at once.
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight--;
        return { json: chunkAnswer(request) };
      },
    });

    const result = await analyzer().analyze(long);

    const chunkRequests = fake.requests.filter((request) => schemaName(request) === 'chunk_analysis');
    const reduceRequests = fake.requests.filter((request) => schemaName(request) === 'call_summary');
    const chunkCount = Math.max(...chunkRequests.map(partOf));
    expect(chunkCount).toBeGreaterThanOrEqual(5);
    expect(chunkRequests).toHaveLength(chunkCount);
    expect(reduceRequests).toHaveLength(1);
    expect(fake.requests).toHaveLength(chunkCount + 1);
    expect(fake.requests.at(-1)).toBe(reduceRequests[0]);
    expect(mostInFlight).toBe(2);

    // Every request asks for its strict JSON schema, generated from the zod schema.
    for (const [requests, name, shape] of [
      [chunkRequests, 'chunk_analysis', chunkAnalysisSchema.shape],
      [reduceRequests, 'call_summary', callSummarySchema.shape],
    ] as const) {
      for (const request of requests) {
        expect(request.body.model).toBe('test-model');
        expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name, strict: true } });
        const schema = request.body.response_format!.json_schema!.schema as { properties: object; required: string[]; additionalProperties: boolean };
        expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(shape).sort());
        expect([...schema.required].sort()).toEqual(Object.keys(shape).sort());
        expect(schema.additionalProperties).toBe(false);
      }
    }

    // The chunks: within budget, in order, overlapping, together the whole transcript.
    const byPart = [...chunkRequests].sort((a, b) => partOf(a) - partOf(b));
    const allLines = formatTranscript(promptTurns(long)).split('\n');
    const seen = new Set<number>();
    for (const [i, request] of byPart.entries()) {
      expect(request.body.messages![0]).toEqual({ role: 'system', content: CHUNK_INSTRUCTIONS });
      const user = userMessage(request);
      const transcript = user.slice(user.indexOf(TRANSCRIPT_HEADING) + TRANSCRIPT_HEADING.length + 1);
      expect(transcript.length).toBeLessThanOrEqual(BUDGET);
      // Whole lines of the whole-call prompt, with their whole-call numbers.
      for (const line of transcript.split('\n')) expect(allLines).toContain(line);
      const turns = transcriptLines(request).map((line) => line.turn);
      if (i > 0) expect(turns[0]).toBeLessThan(Math.max(...transcriptLines(byPart[i - 1]!).map((line) => line.turn)) + 1);
      for (const turn of turns) seen.add(turn);
    }
    expect(seen.size).toBe(long.turns.length);

    // The reduce step gets the chunks' results and the booking timeline, not the transcript.
    const reduce = reduceRequests[0]!;
    expect(reduce.body.messages![0]).toEqual({ role: 'system', content: REDUCE_INSTRUCTIONS });
    const reduceUser = userMessage(reduce);
    expect(reduceUser.length).toBeLessThanOrEqual(BUDGET);
    for (let part = 1; part <= chunkCount; part++) expect(reduceUser).toContain(`Summary of part ${part}.`);
    expect(reduceUser).toMatch(/Booking outcome .*a time was confirmed at turn \d+ \(part \d+\) and not cancelled afterwards, so the category is "consult_scheduled"/);
    expect(reduceUser).toMatch(/Booking events in call order: part 1, turn \d+: cancelled; .*: confirmed\./);
    for (const turn of long.turns.filter((t) => t.speaker === 'agent')) expect(reduceUser).not.toContain(turn.text.slice(0, 40));
    expect(REDUCE_INSTRUCTIONS).toMatch(/A time confirmed in a later part means "consult_scheduled" even when earlier parts say/);

    // The booking confirmed in the last chunk wins over the reduce model's "not scheduled".
    expect(result.category).toBe('consult_scheduled');
    expect(result).toMatchObject({ summary: REDUCE_ANSWER.summary, sentiment: 'mixed', intent: REDUCE_ANSWER.intent, tags: REDUCE_ANSWER.tags });
    expect(callAnalysisSchema.safeParse(result).error).toBeUndefined();

    // Every chunk's objections, each once, in call order, judged by the chunk that saw their handling.
    const reported = chunkRequests.flatMap((request) => chunkAnswer(request).objections);
    expect(reported.length).toBeGreaterThan(expected.length);
    expect(result.objections).toEqual(expected.map(({ turn: _turn, ...objection }) => objection));
  });

  it('merges a duplicate from the overlap, repairs a paraphrase and drops invented quotes and quotes from other chunks', async () => {
    fake.reset();
    const [first, second] = expected;
    const contractCallerTurn = callerTexts.indexOf("It's Dana Reyes.");
    scriptedModel({
      chunk: (request) => {
        const answer = chunkAnswer(request, (part, lines) => {
          const extra: Objection[] = [];
          const shows = (objection: Expected) => lines.some((line) => line.callerTurn === objection.callerTurn);
          if (part === 1) {
            // Nothing like it was said.
            extra.push({ type: 'safety-risk', quote: 'I am terrified of needles and bruising', callerTurn: lines.find((line) => line.callerTurn !== null)!.callerTurn, overcome: false, how: '' });
            // Said in the call, but not in this chunk: not evidence this chunk had.
            extra.push({ type: 'other', quote: "It's Dana Reyes.", callerTurn: contractCallerTurn, overcome: false, how: '' });
          }
          // The same concern again with a shorter quote of the same words (the model repeating itself).
          if (shows(second!)) extra.push({ ...second!, quote: second!.quote.split(' ').slice(1, 5).join(' '), overcome: false, how: '' });
          return extra;
        });
        // The first objection paraphrased: lower case, punctuation lost.
        const objections = answer.objections.map((objection) =>
          objection.quote === first!.quote ? { ...objection, quote: first!.quote.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ') } : objection,
        );
        return { json: { ...answer, objections } };
      },
    });

    const result = await analyzer().analyze(long);
    // The paraphrase becomes the same words as the caller said them (up to its last word).
    const repaired = first!.quote.replace(/[.!?]+$/, '');
    expect(callerTexts[first!.callerTurn]).toContain(repaired);
    expect(result.objections).toEqual(expected.map(({ turn: _turn, ...objection }) => (objection.quote === first!.quote ? { ...objection, quote: repaired } : objection)));
    expect(result.objections.map((objection) => objection.quote)).not.toContain("It's Dana Reyes.");
    for (const objection of result.objections) expect(callerTexts[objection.callerTurn!]).toContain(objection.quote);

    // At least one reference objection lay in an overlap and was reported by two chunks.
    const chunkRequests = fake.requests.filter((request) => schemaName(request) === 'chunk_analysis');
    const reportedBy = expected.map((objection) => chunkRequests.filter((request) => chunkAnswer(request).objections.some((o) => o.quote === objection.quote)).length);
    expect(Math.max(...reportedBy)).toBe(2);
    // …and the earlier chunk could not see its handling: the merged one is the later chunk's judgement.
    const twice = expected[reportedBy.indexOf(2)]!;
    const judgements = chunkRequests.flatMap((request) => chunkAnswer(request).objections.filter((o) => o.quote === twice.quote));
    expect(judgements.map((o) => o.overcome)).toContain(false);
    expect(result.objections.find((o) => o.quote === twice.quote)).toMatchObject({ overcome: twice.overcome, how: twice.how });
  });

  it('fails the whole analysis, sending no reduce request, when a chunk keeps failing after the retries', async () => {
    fake.reset();
    scriptedModel({ chunk: (request) => (partOf(request) === 2 ? { status: 503 } : { json: chunkAnswer(request) }) });
    const error = await providerError(analyzer({ maxRetries: 1 }).analyze(long));
    expect(error).toMatchObject({ code: 'analysis_http', retryable: true });
    expect(fake.requests.filter((request) => schemaName(request) === 'chunk_analysis' && partOf(request) === 2)).toHaveLength(2);
    expect(fake.requests.filter((request) => schemaName(request) === 'call_summary')).toHaveLength(0);
  });

  it('fails the whole analysis when a chunk answer is still invalid after its repair round', async () => {
    fake.reset();
    scriptedModel({ chunk: (request) => (partOf(request) === 3 ? { json: { ...chunkAnswer(request), booking: { status: 'maybe' } } } : { json: chunkAnswer(request) }) });
    const error = await providerError(analyzer().analyze(long));
    expect(error.code).toBe('analysis_invalid');
    const third = fake.requests.filter((request) => schemaName(request) === 'chunk_analysis' && partOf(request) === 3);
    expect(third).toHaveLength(2);
    expect(third[1]!.body.messages![3]!.content).toMatch(/not valid for the chunk_analysis schema:\n- booking\./);
    expect(fake.requests.filter((request) => schemaName(request) === 'call_summary')).toHaveLength(0);
  });

  it('sends a call that fits the budget exactly in one request, and one character more in chunks', async () => {
    const chars = formatTranscript(promptTurns(CONTRACT_TRANSCRIPT)).length;
    fake.reset();
    const whole: CallAnalysis = { ...REDUCE_ANSWER, category: 'consult_scheduled', objections: [] };
    fake.enqueue({ json: whole });
    expect(await analyzer({ maxTranscriptChars: chars }).analyze(CONTRACT_TRANSCRIPT)).toEqual(whole);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.messages![0]!.content).toBe(ANALYSIS_INSTRUCTIONS);
    expect(schemaName(fake.requests[0]!)).toBe('call_analysis');

    fake.reset();
    const price: Expected = { type: 'cost-value', quote: "Honestly that's more than I can afford right now.", callerTurn: 1, turn: 3, overcome: true, how: 'Offered the discount.' };
    scriptedModel({ chunk: (request) => ({ json: chunkAnswer(request, undefined, [price]) }) });
    const split = await analyzer({ maxTranscriptChars: chars - 1 }).analyze(CONTRACT_TRANSCRIPT);
    expect(fake.requests.map(schemaName)).toEqual(['chunk_analysis', 'chunk_analysis', 'call_summary']);
    expect(split.category).toBe('consult_scheduled');
    expect(split.objections).toEqual([expect.objectContaining({ type: 'cost-value', callerTurn: 1, quote: "Honestly that's more than I can afford right now." })]);
  });

  it('never logs the transcript, the prompts, the quotes or the API key', () => {
    const logged = logLines.join('\n');
    expect(logged).toMatch(/long call: analysing in chunks/);
    expect(logged).toMatch(/"chunks":\d+.*"mergedDuplicates":[1-9]/);
    expect(logged).toMatch(/chunk analysis failed/);
    for (const turn of long.turns) expect(logged).not.toContain(turn.text.slice(0, 30));
    for (const objection of expected) expect(logged).not.toContain(objection.quote.slice(0, 25));
    for (const prompt of [CHUNK_INSTRUCTIONS, REDUCE_INSTRUCTIONS]) expect(logged).not.toContain(prompt.slice(0, 60));
    expect(logged).not.toContain('Summary of part');
    expect(logged).not.toContain('sk-test');
  });
});
