import { describe, expect, it } from 'vitest';
import type { CallAnalyzer } from '../call-analyzer.js';
import { createEvalAnalyzer, EVAL_ANALYZERS } from './eval-analyzers.js';

describe('createEvalAnalyzer', () => {
  it('builds the local analyzer', () => {
    const created = createEvalAnalyzer('local');
    expect(created.ok && created.analyzer.name).toBe('local');
  });

  it('says clearly that the openai analyzer is not available yet', () => {
    expect(Object.keys(EVAL_ANALYZERS)).toContain('openai');
    expect(createEvalAnalyzer('openai')).toEqual({ ok: false, error: expect.stringContaining('"openai" analyzer is not available yet') });
  });

  it('rejects unknown names, listing the known ones', () => {
    expect(createEvalAnalyzer('magic')).toEqual({ ok: false, error: expect.stringContaining('local, openai') });
  });

  it('takes injected factories, so a new analyzer plugs in without changing the CLI', () => {
    const fake: CallAnalyzer = { name: 'openai:test', analyze: () => Promise.reject(new Error('unused')) };
    const created = createEvalAnalyzer('openai', { openai: () => fake });
    expect(created.ok && created.analyzer).toBe(fake);
  });
});
