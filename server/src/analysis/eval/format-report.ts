import type { EvaluationReport, PrfScore } from './evaluate-predictions.js';

const figure = (value: number | null): string => (value === null ? ' n/a' : value.toFixed(2));

function prfLine(name: string, score: PrfScore): string {
  const counts = `tp ${score.truePositives}, predicted ${score.predicted}, labeled ${score.labeled}`;
  return `  ${name.padEnd(20)} P ${figure(score.precision)}  R ${figure(score.recall)}  F1 ${figure(score.f1)}  (${counts})`;
}

/** The report as the eval CLI prints it; `verbose` adds each call's differences. */
export function formatReport(report: EvaluationReport, verbose = false): string {
  const lines = [
    `calls: ${report.calls}`,
    `category accuracy:  ${figure(report.category.accuracy)} (${report.category.correct}/${report.category.total})`,
    'objections:',
    ...Object.entries(report.objections.perType).map(([type, score]) => prfLine(type, score)),
    prfLine('micro', report.objections.micro),
    `overcome accuracy:  ${figure(report.overcome.accuracy)} (${report.overcome.correct}/${report.overcome.total} matched objections)`,
    `sentiment accuracy: ${figure(report.sentiment.accuracy)} (${report.sentiment.correct}/${report.sentiment.total}, for information)`,
  ];
  if (!verbose) return lines.join('\n');
  for (const call of report.perCall) {
    const notes: string[] = [];
    if (call.category.labeled !== call.category.predicted) notes.push(`  category: labeled ${call.category.labeled}, predicted ${call.category.predicted ?? 'none'}`);
    if (call.sentiment.labeled !== call.sentiment.predicted) notes.push(`  sentiment: labeled ${call.sentiment.labeled}, predicted ${call.sentiment.predicted ?? 'none'}`);
    for (const missed of call.missed) notes.push(`  missed ${missed.type} (caller turn ${missed.callerTurn ?? '?'}): "${missed.quote}"`);
    for (const spurious of call.spurious) notes.push(`  spurious ${spurious.type} (caller turn ${spurious.callerTurn ?? '?'}): "${spurious.quote}"`);
    for (const wrong of call.overcomeWrong) notes.push(`  overcome wrong for ${wrong.type} (labeled ${wrong.labeled}): "${wrong.quote}"`);
    if (notes.length > 0) lines.push(`${call.id}:`, ...notes);
  }
  return lines.join('\n');
}
