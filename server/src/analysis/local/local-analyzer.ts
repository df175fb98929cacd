import { callAnalysisSchema, type AnalysisTranscript, type CallAnalysis, type Objection } from '@call-assist/shared';
import type { CallAnalyzer } from '../call-analyzer.js';
import { CallTurns } from './call-turns.js';
import { classifyCategory } from './category-rules.js';
import { assessHandling } from './objection-handling.js';
import { detectObjections } from './objection-rules.js';
import { classifySentiment } from './sentiment-rules.js';
import { buildActionItems, buildKeyPoints, buildSummary, buildTags, describeIntent } from './summary-rules.js';
import { clip } from './text-spans.js';

/**
 * Deterministic, rule-based analysis: no network, same transcript in, same result out. Speakers
 * marked `unknown` (mono calls) get roles inferred first; every rule then works from those roles.
 */
export class LocalAnalyzer implements CallAnalyzer {
  readonly name = 'local';

  async analyze(transcript: AnalysisTranscript): Promise<CallAnalysis> {
    return analyzeTranscript(transcript);
  }
}

/** The synchronous core of `LocalAnalyzer.analyze`. */
export function analyzeTranscript(transcript: AnalysisTranscript): CallAnalysis {
  const call = new CallTurns(transcript);
  const finding = classifyCategory(call);
  const objections: Objection[] = detectObjections(call, finding).map((found) => {
    const { overcome, how } = assessHandling(call, found);
    return { type: found.type, quote: found.quote.text.slice(0, 600), callerTurn: found.turn.callerIndex, overcome, how: clip(how, 600) };
  });
  // parse() keeps the schema limits honest (lengths, counts) for every transcript we are given.
  return callAnalysisSchema.parse({
    category: finding.category,
    categoryConfidence: finding.confidence,
    objections,
    summary: clip(buildSummary(call, finding, objections), 2_000),
    sentiment: classifySentiment(
      call,
      finding,
      objections.map((objection) => objection.overcome),
    ),
    intent: clip(describeIntent(call, finding), 200),
    tags: buildTags(finding, objections),
    actionItems: buildActionItems(call, finding),
    keyPoints: buildKeyPoints(call, finding, objections),
  });
}
