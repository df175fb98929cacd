import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { callAnalysisSchema, type AnalysisTranscript, type CallAnalysis } from '@call-assist/shared';
import { describeError, ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { CallAnalyzer } from '../call-analyzer.js';
import { buildAnalysisMessages, promptTurns } from './analysis-prompt.js';
import { repairQuotes } from './quote-repair.js';
import { CALL_ANALYSIS_JSON_SCHEMA } from './strict-json-schema.js';

export interface OpenAiAnalyzerOptions {
  apiKey: string;
  /** An OpenAI-compatible server's API root, including `/v1`; default OpenAI's. */
  baseURL?: string;
  model: string;
  /** Per HTTP attempt (default 60 s). */
  timeoutMs?: number;
  /** The SDK's retries on connection errors, timeouts, 408/409/429 and 5xx (default 2). */
  maxRetries?: number;
  /** Transcript budget in the prompt; longer calls keep their beginning and end (default 48,000). */
  maxTranscriptChars?: number;
  logger: Logger;
}

type Attempt = { ok: true; analysis: CallAnalysis } | { ok: false; raw: string; problems: string };

/**
 * Analysis by an LLM behind any OpenAI-compatible chat completions API, with strict structured
 * output. An answer that fails the schema gets one repair round (the problems sent back); quotes
 * are then forced to be exact caller words. Failures are `ProviderError`s, so the job can fall
 * back to the local analyzer.
 */
export class OpenAiAnalyzer implements CallAnalyzer {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly maxTranscriptChars: number;

  constructor(private readonly options: OpenAiAnalyzerOptions) {
    this.name = `openai:${options.model}`;
    this.maxTranscriptChars = options.maxTranscriptChars ?? 48_000;
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
    const messages: ChatCompletionMessageParam[] = buildAnalysisMessages(turns, this.maxTranscriptChars);
    let attempt = await this.complete(messages);
    let attempts = 1;
    if (!attempt.ok) {
      this.options.logger.warn({ analyzer: this.name, attempt: 1, problems: attempt.problems.split('\n').length }, 'analysis answer invalid, asking for a repair');
      // Repair: the model sees its own answer and what is wrong with it, once.
      messages.push({ role: 'assistant', content: attempt.raw.slice(0, 20_000) });
      messages.push({ role: 'user', content: `That answer is not valid for the call_analysis schema:\n${attempt.problems}\nReply again with the complete corrected JSON object only.` });
      attempt = await this.complete(messages);
      attempts = 2;
    }
    if (!attempt.ok) {
      this.options.logger.warn({ analyzer: this.name, attempt: 2, problems: attempt.problems.split('\n').length }, 'analysis answer invalid after repair');
      throw new ProviderError('analysis_invalid', `${this.name} gave no valid analysis after a repair attempt`, true);
    }
    const callerTurns = turns.filter((turn) => turn.role === 'caller').map((turn) => turn.text);
    const objections = repairQuotes(attempt.analysis.objections, callerTurns);
    const changed = objections.filter((objection, i) => objection.quote !== attempt.analysis.objections[i]?.quote).length;
    this.options.logger.info(
      { analyzer: this.name, attempts, durationMs: Date.now() - started, objections: objections.length, droppedQuotes: attempt.analysis.objections.length - objections.length, repairedQuotes: changed },
      'call analysed',
    );
    return callAnalysisSchema.parse({ ...attempt.analysis, objections });
  }

  /** One chat completion (with the SDK's own retries), parsed and validated. */
  private async complete(messages: ChatCompletionMessageParam[]): Promise<Attempt> {
    let content: string | null | undefined;
    try {
      const completion = await this.client.chat.completions.create({
        model: this.options.model,
        messages,
        temperature: 0,
        response_format: { type: 'json_schema', json_schema: { name: 'call_analysis', strict: true, schema: CALL_ANALYSIS_JSON_SCHEMA } },
      });
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
    const parsed = callAnalysisSchema.safeParse(json);
    if (parsed.success) return { ok: true, analysis: parsed.data };
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
