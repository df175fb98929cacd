import type { CallAnalyzer } from '../call-analyzer.js';
import { LocalAnalyzer } from '../local/local-analyzer.js';

/** Builds an analyzer for an evaluation run. */
export type AnalyzerFactory = () => CallAnalyzer;

/** Analyzer names the eval CLI knows; `undefined` means known but not built yet. */
export const EVAL_ANALYZERS: Readonly<Record<string, AnalyzerFactory | undefined>> = {
  local: () => new LocalAnalyzer(),
  // The OpenAI-compatible analyzer plugs in here once it exists.
  openai: undefined,
};

/** The named analyzer, or why it cannot be used. */
export function createEvalAnalyzer(
  name: string,
  factories: Readonly<Record<string, AnalyzerFactory | undefined>> = EVAL_ANALYZERS,
): { ok: true; analyzer: CallAnalyzer } | { ok: false; error: string } {
  if (!Object.hasOwn(factories, name)) return { ok: false, error: `unknown analyzer "${name}"; choose one of: ${Object.keys(factories).join(', ')}` };
  const factory = factories[name];
  if (!factory) return { ok: false, error: `the "${name}" analyzer is not available yet; use --analyzer local` };
  return { ok: true, analyzer: factory() };
}
