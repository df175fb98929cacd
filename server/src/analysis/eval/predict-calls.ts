import type { CallAnalyzer } from '../call-analyzer.js';
import type { CallPrediction } from './evaluate-predictions.js';
import { transcriptOf, type LabeledCall } from './labeled-corpus.js';

/**
 * Runs the analyzer on each call, one at a time (an LLM analyzer should not be flooded). `mono`
 * hides who said what, as a mono recording would, to test the analyzer's role inference.
 */
export async function predictCalls(analyzer: CallAnalyzer, calls: readonly LabeledCall[], options: { mono?: boolean } = {}): Promise<CallPrediction[]> {
  const predictions: CallPrediction[] = [];
  for (const call of calls) {
    const transcript = transcriptOf(call);
    if (options.mono) transcript.turns = transcript.turns.map((turn) => ({ ...turn, speaker: 'unknown' }));
    const analysis = await analyzer.analyze(transcript);
    predictions.push({
      id: call.id,
      category: analysis.category,
      objections: analysis.objections.map(({ type, quote, overcome, callerTurn }) => ({ type, quote, overcome, callerTurn })),
      sentiment: analysis.sentiment,
    });
  }
  return predictions;
}
