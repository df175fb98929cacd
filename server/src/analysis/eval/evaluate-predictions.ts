import { objectionTypeSchema, type CallCategory, type ObjectionType, type Sentiment } from '@call-assist/shared';
import { callerTexts, resolveCallerTurn, type LabeledCall } from './labeled-corpus.js';
import { matchObjections, type QuotedObjection } from './objection-matching.js';

/** What an analyzer predicted for one call, as `eval --out` writes it. */
export interface CallPrediction {
  id: string;
  category: CallCategory;
  objections: (QuotedObjection & { overcome: boolean })[];
  sentiment: Sentiment;
}

/** Precision, recall and F1 from counts; null where a ratio is 0/0. */
export interface PrfScore {
  truePositives: number;
  predicted: number;
  labeled: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** A share of correct answers. */
export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number | null;
}

/** One call's comparison, for listing what went wrong. */
export interface CallComparison {
  id: string;
  category: { labeled: CallCategory; predicted: CallCategory | undefined };
  sentiment: { labeled: Sentiment; predicted: Sentiment | undefined };
  missed: QuotedObjection[];
  spurious: QuotedObjection[];
  overcomeWrong: { type: ObjectionType; quote: string; labeled: boolean }[];
}

/** All figures of one evaluation run. */
export interface EvaluationReport {
  calls: number;
  category: Accuracy;
  objections: { perType: Record<ObjectionType, PrfScore>; micro: PrfScore };
  overcome: Accuracy;
  sentiment: Accuracy;
  perCall: CallComparison[];
}

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** P/R/F1 from true positives and the predicted and labeled counts. */
export function prfScore(truePositives: number, predicted: number, labeled: number): PrfScore {
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, labeled);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, predicted, labeled, precision, recall, f1 };
}

const accuracy = (correct: number, total: number): Accuracy => ({ correct, total, accuracy: ratio(correct, total) });

interface Counts {
  truePositives: number;
  predicted: number;
  labeled: number;
}

function compareCall(call: LabeledCall, prediction: CallPrediction | undefined, counts: Map<ObjectionType, Counts>, overcome: { correct: number; total: number }): CallComparison {
  const texts = callerTexts(call);
  const labeled = call.labels.objections.map((objection) => ({ ...objection, callerTurn: resolveCallerTurn(call, objection) }));
  const predicted = prediction?.objections ?? [];
  const pairs = matchObjections(labeled, predicted, texts);
  for (const objection of labeled) counts.get(objection.type)!.labeled++;
  for (const objection of predicted) counts.get(objection.type)!.predicted++;
  const overcomeWrong: CallComparison['overcomeWrong'] = [];
  for (const pair of pairs) {
    const reference = labeled[pair.labeled]!;
    counts.get(reference.type)!.truePositives++;
    overcome.total++;
    if (predicted[pair.predicted]!.overcome === reference.overcome) overcome.correct++;
    else overcomeWrong.push({ type: reference.type, quote: reference.quote, labeled: reference.overcome });
  }
  return {
    id: call.id,
    category: { labeled: call.labels.category, predicted: prediction?.category },
    sentiment: { labeled: call.labels.sentiment, predicted: prediction?.sentiment },
    missed: labeled.filter((_, index) => !pairs.some((pair) => pair.labeled === index)),
    spurious: predicted.filter((_, index) => !pairs.some((pair) => pair.predicted === index)),
    overcomeWrong,
  };
}

/**
 * Scores predictions against the labels: category accuracy; objection P/R/F1 per type and
 * micro-averaged (a prediction matches a labeled objection of the same type with an overlapping
 * quote, one-to-one); overcome accuracy over matched pairs; sentiment accuracy for information.
 * A call without a prediction counts as wrong with no objections predicted.
 */
export function evaluatePredictions(calls: readonly LabeledCall[], predictions: readonly CallPrediction[]): EvaluationReport {
  const byId = new Map(predictions.map((prediction) => [prediction.id, prediction]));
  const counts = new Map<ObjectionType, Counts>(objectionTypeSchema.options.map((type) => [type, { truePositives: 0, predicted: 0, labeled: 0 }]));
  const overcome = { correct: 0, total: 0 };
  const perCall = calls.map((call) => compareCall(call, byId.get(call.id), counts, overcome));
  const perType = Object.fromEntries([...counts].map(([type, c]) => [type, prfScore(c.truePositives, c.predicted, c.labeled)])) as Record<ObjectionType, PrfScore>;
  const total = [...counts.values()].reduce((sum, c) => ({ truePositives: sum.truePositives + c.truePositives, predicted: sum.predicted + c.predicted, labeled: sum.labeled + c.labeled }));
  return {
    calls: calls.length,
    category: accuracy(perCall.filter((c) => c.category.labeled === c.category.predicted).length, calls.length),
    objections: { perType, micro: prfScore(total.truePositives, total.predicted, total.labeled) },
    overcome: accuracy(overcome.correct, overcome.total),
    sentiment: accuracy(perCall.filter((c) => c.sentiment.labeled === c.sentiment.predicted).length, calls.length),
    perCall,
  };
}
