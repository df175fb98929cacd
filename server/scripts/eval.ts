/**
 * `npm run eval -- [--corpus <file>] [--analyzer local|openai] [--out <predictions.json>] [--calls 1-20] [--mono] [--verbose]`
 * Runs an analyzer over a labeled corpus and prints category accuracy, objection P/R/F1 (per type
 * and micro), overcome accuracy and, for information, sentiment accuracy. `--calls` keeps a range
 * of calls by position (1-based, inclusive) for leave-out checks; `--verbose` lists each call's
 * differences; `--mono` hides the speaker labels (as in a mono recording) to test role inference.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEvalAnalyzer } from '../src/analysis/eval/eval-analyzers.js';
import { evaluatePredictions } from '../src/analysis/eval/evaluate-predictions.js';
import { formatReport } from '../src/analysis/eval/format-report.js';
import { loadLabeledCorpus } from '../src/analysis/eval/labeled-corpus.js';
import { predictCalls } from '../src/analysis/eval/predict-calls.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_CORPUS = resolve(REPO_ROOT, '../shared/corpus/calls-dev.json');
const USAGE = 'usage: npm run eval -- [--corpus <file>] [--analyzer local|openai] [--out <predictions.json>] [--calls <from>-<to>] [--mono] [--verbose]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseRange(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) fail(`--calls wants a range like 1-20, not "${text}"`);
  const from = Number(match[1]);
  return [from, match[2] === undefined ? from : Number(match[2])];
}

let options;
try {
  options = parseArgs({
    options: {
      corpus: { type: 'string', default: DEFAULT_CORPUS },
      analyzer: { type: 'string', default: 'local' },
      out: { type: 'string' },
      calls: { type: 'string' },
      mono: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const created = createEvalAnalyzer(options.analyzer);
if (!created.ok) fail(created.error);
const range = parseRange(options.calls);
const corpus = await loadLabeledCorpus(resolve(options.corpus));
const calls = range ? corpus.slice(range[0] - 1, range[1]) : corpus;
if (calls.length === 0) fail('no calls selected');

const predictions = await predictCalls(created.analyzer, calls, { mono: options.mono });
if (options.out) {
  await writeFile(options.out, `${JSON.stringify(predictions, null, 2)}\n`);
  console.log(`wrote ${predictions.length} predictions to ${options.out}`);
}
const scope = `${range ? ` (calls ${range[0]}-${range[1]})` : ''}${options.mono ? ', speakers hidden (mono)' : ''}`;
console.log(`analyzer: ${created.analyzer.name}; corpus: ${options.corpus}${scope}`);
console.log(formatReport(evaluatePredictions(calls, predictions), options.verbose));
