import { describe, expect, it } from 'vitest';
import type { CallAnalyzer } from '../call-analyzer.js';
import { createEvalAnalyzer, EVAL_ANALYZERS } from './eval-analyzers.js';

describe('createEvalAnalyzer', () => {
  it('builds the local analyzer', () => {
    const created = createEvalAnalyzer('local');
    expect(created.ok && created.analyzer.name).toBe('local');
  });

  it('builds the openai analyzer from the environment, or says what is missing', () => {
    expect(Object.keys(EVAL_ANALYZERS)).toContain('openai');
    const built = createEvalAnalyzer('openai');
    if (process.env.OPENAI_API_KEY) expect(built).toMatchObject({ ok: true, analyzer: { name: expect.stringMatching(/^openai:/) } });
    else expect(built).toEqual({ ok: false, error: expect.stringContaining('needs OPENAI_API_KEY') });
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
