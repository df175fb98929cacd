import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { callAnalysisSchema, type AnalysisTranscript, type CallAnalysis } from '@call-assist/shared';
import { describeError, ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { CallAnalyzer } from '../call-analyzer.js';
import { buildAnalysisMessages, formatTranscript, promptTurns, type PromptTurn } from './analysis-prompt.js';
import { buildChunkMessages, buildReduceMessages } from './chunk-prompts.js';
import { CALL_SUMMARY_JSON_SCHEMA, callSummarySchema, CHUNK_ANALYSIS_JSON_SCHEMA, chunkAnalysisSchema } from './chunk-schemas.js';
import { mapLimited } from './map-limited.js';
import { bookingOutcome, checkCallQuotes, checkChunkQuotes, mergeObjections, settleCategory } from './merge-chunks.js';
import { repairQuotes } from './quote-repair.js';
import { CALL_ANALYSIS_JSON_SCHEMA } from './strict-json-schema.js';
import { MIN_CHUNK_CHARS, splitIntoChunks } from './transcript-chunks.js';

export interface OpenAiAnalyzerOptions {
  apiKey: string;
  /** An OpenAI-compatible server's API root, including `/v1`; default OpenAI's. */
  baseURL?: string;
  model: string;
  /** Per HTTP attempt (default 60 s). */
  timeoutMs?: number;
  /** The SDK's retries on connection errors, timeouts, 408/409/429 and 5xx (default 2). */
  maxRetries?: number;
  /**
   * Most characters of numbered transcript one request carries (default 48,000; at least 500).
   * English runs about 4 characters per token, so the default is about 12k tokens of transcript;
   * leave room for the instructions (~1k tokens) and the answer. Longer calls are analysed in
   * chunks of at most this size, then merged by one request carrying the chunks' results.
   */
  maxTranscriptChars?: number;
  /** Lines each chunk repeats from the end of the previous one (default 2). */
  chunkOverlapTurns?: number;
  /** Chunk requests in flight at once for one call (default 2). */
  chunkConcurrency?: number;
  logger: Logger;
}

/** A structured answer: the name and JSON schema sent as `response_format`, and the zod schema checking the reply. */
interface AnswerFormat<T> {
  name: string;
  jsonSchema: Record<string, unknown>;
  schema: z.ZodType<T>;
}

const CALL_ANALYSIS: AnswerFormat<CallAnalysis> = { name: 'call_analysis', jsonSchema: CALL_ANALYSIS_JSON_SCHEMA, schema: callAnalysisSchema };
const CHUNK_ANALYSIS: AnswerFormat<z.infer<typeof chunkAnalysisSchema>> = { name: 'chunk_analysis', jsonSchema: CHUNK_ANALYSIS_JSON_SCHEMA, schema: chunkAnalysisSchema };
const CALL_SUMMARY: AnswerFormat<z.infer<typeof callSummarySchema>> = { name: 'call_summary', jsonSchema: CALL_SUMMARY_JSON_SCHEMA, schema: callSummarySchema };

type Attempt<T> = { ok: true; value: T } | { ok: false; raw: string; problems: string };

/** Which request of an analysis, for logs (never the prompt). */
type Step = { step: 'call' | 'reduce' } | { step: 'chunk'; chunk: number; chunks: number };

/**
 * Analysis by an LLM behind any OpenAI-compatible chat completions API, with strict structured
 * output. An answer that fails its schema gets one repair round (the problems sent back); quotes
 * are then forced to be exact caller words. A call longer than `maxTranscriptChars` is split into
 * overlapping chunks on turn boundaries (map: objections, booking events, notes per chunk), then
 * one reduce request turns the chunks' results into the call's analysis; objections are merged in
 * code. Failures — of any chunk too — are `ProviderError`s, so the job can fall back to the local
 * analyzer.
 */
export class OpenAiAnalyzer implements CallAnalyzer {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly maxTranscriptChars: number;
  private readonly chunkOverlapTurns: number;
  private readonly chunkConcurrency: number;

  constructor(private readonly options: OpenAiAnalyzerOptions) {
    this.name = `openai:${options.model}`;
    this.maxTranscriptChars = Math.max(MIN_CHUNK_CHARS, options.maxTranscriptChars ?? 48_000);
    this.chunkOverlapTurns = Math.max(0, options.chunkOverlapTurns ?? 2);
    this.chunkConcurrency = Math.max(1, options.chunkConcurrency ?? 2);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseURL && { baseURL: options.baseURL }),
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      // The SDK would otherwise log requests at its own level and read OPENAI_* from the environment.
      logLevel: 'off',
    });
  }

  async analyze(transcript: AnalysisTranscript): Promise<CallAnalysis> {
    const started = Date.now();
    const turns = promptTurns(transcript);
    const callerTexts = turns.filter((turn) => turn.role === 'caller').map((turn) => turn.text);
    const transcriptChars = formatTranscript(turns).length;
    if (transcriptChars <= this.maxTranscriptChars) return this.analyzeWhole(turns, callerTexts, started);
    return this.analyzeInChunks(turns, callerTexts, transcriptChars, started);
  }

  /** The whole call in one request. */
  private async analyzeWhole(turns: PromptTurn[], callerTexts: string[], started: number): Promise<CallAnalysis> {
    const { value: analysis, attempts } = await this.ask(buildAnalysisMessages(turns), CALL_ANALYSIS, { step: 'call' });
    const objections = repairQuotes(analysis.objections, callerTexts);
    const changed = objections.filter((objection, i) => objection.quote !== analysis.objections[i]?.quote).length;
    this.options.logger.info(
      { analyzer: this.name, attempts, durationMs: Date.now() - started, objections: objections.length, droppedQuotes: analysis.objections.length - objections.length, repairedQuotes: changed },
      'call analysed',
    );
    return callAnalysisSchema.parse({ ...analysis, objections });
  }

  /** Map over overlapping chunks (a few at a time), merge objections and booking events, reduce once. */
  private async analyzeInChunks(turns: PromptTurn[], callerTexts: string[], transcriptChars: number, started: number): Promise<CallAnalysis> {
    const chunks = splitIntoChunks(turns, { maxChars: this.maxTranscriptChars, overlapLines: this.chunkOverlapTurns });
    const { logger } = this.options;
    logger.info({ analyzer: this.name, transcriptChars, maxTranscriptChars: this.maxTranscriptChars, chunks: chunks.length }, 'long call: analysing in chunks');
    let requests = 0;
    const results = await mapLimited(chunks, this.chunkConcurrency, async (chunk, index, signal) => {
      try {
        const { value, attempts } = await this.ask(buildChunkMessages(chunk, chunks.length, turns.length), CHUNK_ANALYSIS, { step: 'chunk', chunk: index, chunks: chunks.length }, signal);
        requests += attempts;
        return value;
      } catch (error) {
        // Requests aborted because another chunk failed are not news.
        if (!signal.aborted) logger.warn({ analyzer: this.name, chunk: index, chunks: chunks.length, code: (error as ProviderError).code }, 'chunk analysis failed; the call analysis fails');
        throw error;
      }
    });

    const inChunks = chunks.map((chunk, i) => checkChunkQuotes(chunk, results[i]!.objections));
    const inCall = checkCallQuotes(
      inChunks.flatMap((check) => check.objections),
      callerTexts,
    );
    const merged = mergeObjections(inCall.objections, callerTexts);
    const booking = bookingOutcome(chunks, results);

    const reduce = buildReduceMessages({ chunks, results, objections: merged.objections, booking, turnCount: turns.length, maxChars: this.maxTranscriptChars });
    const { value: summary, attempts } = await this.ask(reduce, CALL_SUMMARY, { step: 'reduce' });
    requests += attempts;
    const category = settleCategory(summary.category, booking);

    logger.info(
      {
        analyzer: this.name,
        chunks: chunks.length,
        requests,
        durationMs: Date.now() - started,
        objections: merged.objections.length,
        mergedDuplicates: merged.duplicates,
        droppedQuotes: inChunks.reduce((sum, check) => sum + check.dropped, 0) + inCall.dropped,
        repairedQuotes: inChunks.reduce((sum, check) => sum + check.repaired, 0) + inCall.repaired,
        booking: booking.decisive?.status ?? 'none',
        categoryOverridden: category !== summary.category,
      },
      'call analysed',
    );
    return callAnalysisSchema.parse({ ...summary, category, objections: merged.objections });
  }

  /** One structured answer: a request, and one repair request if the answer does not fit its schema. */
  private async ask<T>(messages: ChatCompletionMessageParam[], format: AnswerFormat<T>, step: Step, signal?: AbortSignal): Promise<{ value: T; attempts: number }> {
    let attempt = await this.complete(messages, format, signal);
    if (attempt.ok) return { value: attempt.value, attempts: 1 };
    this.options.logger.warn({ analyzer: this.name, ...step, attempt: 1, problems: attempt.problems.split('\n').length }, 'analysis answer invalid, asking for a repair');
    // Repair: the model sees its own answer and what is wrong with it, once.
    const repair: ChatCompletionMessageParam[] = [
      ...messages,
      { role: 'assistant', content: attempt.raw.slice(0, 20_000) },
      { role: 'user', content: `That answer is not valid for the ${format.name} schema:\n${attempt.problems}\nReply again with the complete corrected JSON object only.` },
    ];
    attempt = await this.complete(repair, format, signal);
    if (attempt.ok) return { value: attempt.value, attempts: 2 };
    this.options.logger.warn({ analyzer: this.name, ...step, attempt: 2, problems: attempt.problems.split('\n').length }, 'analysis answer invalid after repair');
    throw new ProviderError('analysis_invalid', `${this.name} gave no valid analysis after a repair attempt`, true);
  }

  /** One chat completion (with the SDK's own retries), parsed and validated. */
  private async complete<T>(messages: ChatCompletionMessageParam[], format: AnswerFormat<T>, signal?: AbortSignal): Promise<Attempt<T>> {
    let content: string | null | undefined;
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.options.model,
          messages,
          temperature: 0,
          response_format: { type: 'json_schema', json_schema: { name: format.name, strict: true, schema: format.jsonSchema } },
        },
        signal ? { signal } : {},
      );
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new ProviderError('analysis_refused', `${this.name} refused to analyse the call`, false);
      content = message?.content;
    } catch (error) {
      throw this.toProviderError(error);
    }
    if (!content) return { ok: false, raw: '', problems: 'the answer was empty' };
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return { ok: false, raw: content, problems: 'the answer is not valid JSON' };
    }
    const parsed = format.schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    const problems = parsed.error.issues.map((issue) => `- ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
    return { ok: false, raw: content, problems };
  }

  private toProviderError(error: unknown): ProviderError {
    if (error instanceof ProviderError) return error;
    if (error instanceof APIConnectionTimeoutError) return new ProviderError('analysis_timeout', `${this.name} timed out`, true);
    if (error instanceof APIUserAbortError) return new ProviderError('analysis_aborted', `${this.name} request aborted`, true);
    if (error instanceof APIError && error.status !== undefined) {
      const retryable = error.status === 408 || error.status === 429 || error.status >= 500;
      // The status only: an error body may echo parts of the request.
      return new ProviderError('analysis_http', `${this.name} answered HTTP ${error.status}`, retryable);
    }
    this.options.logger.warn({ analyzer: this.name, error: describeError(error) }, 'analysis request failed');
    return new ProviderError('analysis_unreachable', `${this.name} could not be reached`, true);
  }
}
