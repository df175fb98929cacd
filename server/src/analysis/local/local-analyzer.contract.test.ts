import { analyzerContract } from '../call-analyzer.contract.js';
import { LocalAnalyzer } from './local-analyzer.js';

analyzerContract('LocalAnalyzer', () => new LocalAnalyzer());
