import type { AnalysisTranscript, CallAnalysis } from '@call-assist/shared';

/**
 * Turns a call's transcript into the category, objections (and how they were overcome), summary,
 * sentiment and the rest managers review. Implementations: `local` (deterministic rules, the
 * default) and `openai` (any OpenAI-compatible server).
 */
export interface CallAnalyzer {
  /** Recorded with each result, e.g. `local` or `openai:gpt-4o-mini`. */
  readonly name: string;
  analyze(transcript: AnalysisTranscript): Promise<CallAnalysis>;
}
