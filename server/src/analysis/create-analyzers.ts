import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import type { CallAnalyzer } from './call-analyzer.js';
import { LocalAnalyzer } from './local/local-analyzer.js';
import { OpenAiAnalyzer } from './openai/openai-analyzer.js';

type AnalyzerConfig = Pick<Config, 'ANALYZER' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'OPENAI_TIMEOUT_MS' | 'OPENAI_MAX_RETRIES' | 'OPENAI_MAX_TRANSCRIPT_CHARS'>;

/** The configured analyzer (ANALYZER) and, for an LLM, the local one to fall back on when it fails. */
export function createAnalyzers(config: AnalyzerConfig, logger: Logger): { analyzer: CallAnalyzer; fallback?: CallAnalyzer } {
  switch (config.ANALYZER) {
    case 'local':
      return { analyzer: new LocalAnalyzer() };
    case 'openai':
      return {
        analyzer: new OpenAiAnalyzer({
          apiKey: config.OPENAI_API_KEY!,
          ...(config.OPENAI_BASE_URL && { baseURL: config.OPENAI_BASE_URL }),
          model: config.OPENAI_MODEL,
          timeoutMs: config.OPENAI_TIMEOUT_MS,
          maxRetries: config.OPENAI_MAX_RETRIES,
          maxTranscriptChars: config.OPENAI_MAX_TRANSCRIPT_CHARS,
          logger,
        }),
        fallback: new LocalAnalyzer(),
      };
    default:
      return config.ANALYZER satisfies never;
  }
}
