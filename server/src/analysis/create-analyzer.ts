import type { Config } from '../config.js';
import type { CallAnalyzer } from './call-analyzer.js';
import { LocalAnalyzer } from './local/local-analyzer.js';

/** The configured analyzer (ANALYZER). */
export function createAnalyzer(config: Pick<Config, 'ANALYZER'>): CallAnalyzer {
  switch (config.ANALYZER) {
    case 'local':
      return new LocalAnalyzer();
    default:
      return config.ANALYZER satisfies never;
  }
}
