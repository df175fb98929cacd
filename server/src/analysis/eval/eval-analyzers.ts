import { loadConfig } from '../../config.js';
import { createLogger } from '../../lib/logger.js';
import type { CallAnalyzer } from '../call-analyzer.js';
import { createAnalyzers } from '../create-analyzers.js';
import { LocalAnalyzer } from '../local/local-analyzer.js';

/** Builds an analyzer for an evaluation run. */
export type AnalyzerFactory = () => CallAnalyzer;

/** Analyzer names the eval CLI knows; `undefined` means known but not built yet. */
export const EVAL_ANALYZERS: Readonly<Record<string, AnalyzerFactory | undefined>> = {
  local: () => new LocalAnalyzer(),
  // Configured like the service: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, … from the environment.
  openai: () => {
    const config = loadConfig();
    if (!config.OPENAI_API_KEY) throw new Error('the openai analyzer needs OPENAI_API_KEY (plus OPENAI_BASE_URL and OPENAI_MODEL for servers other than OpenAI)');
    return createAnalyzers({ ...config, ANALYZER: 'openai' }, createLogger('warn')).analyzer;
  },
};

/** The named analyzer, or why it cannot be used. */
export function createEvalAnalyzer(
  name: string,
  factories: Readonly<Record<string, AnalyzerFactory | undefined>> = EVAL_ANALYZERS,
): { ok: true; analyzer: CallAnalyzer } | { ok: false; error: string } {
  if (!Object.hasOwn(factories, name)) return { ok: false, error: `unknown analyzer "${name}"; choose one of: ${Object.keys(factories).join(', ')}` };
  const factory = factories[name];
  if (!factory) return { ok: false, error: `the "${name}" analyzer is not available yet; use --analyzer local` };
  try {
    return { ok: true, analyzer: factory() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
