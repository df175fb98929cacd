import { MAX_BACKTEST_HITS_PER_CALL } from '@call-assist/shared';
import { describe, expect, it } from 'vitest';
import { Backtest, snippetAround, type PastCall, type PastSegment } from './backtest.js';

let nextId = 0;
function call(texts: (string | Partial<PastSegment>)[], extra: Partial<PastCall> = {}): PastCall {
  const segments = texts.map((item, seq) => {
    const segment = typeof item === 'string' ? { text: item } : item;
    return { seq, text: '', startMs: seq * 10_000, endMs: seq * 10_000 + 5_000, speaker: null, ...segment };
  });
  return { id: `call-${nextId++}`, title: null, createdAt: new Date('2025-01-01T00:00:00Z'), startedAt: null, outcome: null, segments, ...extra };
}

describe('Backtest', () => {
  it('counts every whole-word occurrence per phrase and per call, with snippets around each', () => {
    const run = new Backtest({ phrases: ['too expensive', 'price', 'price'], speaker: 'any', cooldownMs: null });
    run.scan(call(['Honestly that is TOO expensive for me.', 'What is the price? The price, I mean.']));
    run.scan(call(['It is priceless.']));
    const result = run.result();
    expect(result).toMatchObject({ calls_scanned: 2, calls_matched: 1, total_hits: 3, hits_per_phrase: { 'too expensive': 1, price: 2 } });
    const hits = result.matches[0]!.hits;
    expect(hits.map((hit) => [hit.phrase, hit.segment_seq, hit.start_ms, hit.snippet.slice(hit.match_start, hit.match_end)])).toEqual([
      ['too expensive', 0, 0, 'TOO expensive'],
      ['price', 1, 10_000, 'price'],
      ['price', 1, 10_000, 'price'],
    ]);
  });

  it('marks the occurrences the live matcher would have fired on: once per call, or after the cooldown', () => {
    const texts = ['the price', 'the price again', { text: 'price once more', endMs: 60_000 }];
    const once = new Backtest({ phrases: ['price'], speaker: 'any', cooldownMs: null });
    once.scan(call(texts));
    expect(once.result().matches[0]!.hits.map((hit) => hit.fired)).toEqual([true, false, false]);
    const cooled = new Backtest({ phrases: ['price'], speaker: 'any', cooldownMs: 30_000 });
    cooled.scan(call(texts));
    expect(cooled.result().matches[0]!.hits.map((hit) => hit.fired)).toEqual([true, false, true]);
    expect(cooled.result().calls_fired).toBe(1);
  });

  it('applies the speaker filter where the speaker is known', () => {
    const run = new Backtest({ phrases: ['too expensive'], speaker: 'caller', cooldownMs: null });
    run.scan(call([{ text: 'some say it is too expensive', speaker: 'agent' }, { text: 'it is too expensive', speaker: 'caller' }, 'too expensive']));
    expect(run.result().matches[0]!.hits.map((hit) => hit.speaker)).toEqual(['caller', null]);
  });

  it('attributes outcomes: the booked share of matched calls against that of every scanned call', () => {
    const run = new Backtest({ phrases: ['payment plan'], speaker: 'any', cooldownMs: null });
    run.scan(call(['a payment plan'], { outcome: 'consult_scheduled' }));
    run.scan(call(['a payment plan'], { outcome: 'consult_not_scheduled' }));
    run.scan(call(['a payment plan']));
    run.scan(call(['nothing'], { outcome: 'consult_not_scheduled' }));
    run.scan(call(['nothing'], { outcome: 'consult_not_scheduled' }));
    expect(run.result()).toMatchObject({ calls_matched: 3, matched_calls_analysed: 2, matched_calls_scheduled_share: 0.5, scanned_calls_scheduled_share: 0.25 });
    expect(run.result().matches.map((match) => match.outcome)).toEqual(['consult_scheduled', 'consult_not_scheduled', null]);
    expect(new Backtest({ phrases: ['x'], speaker: 'any', cooldownMs: null }).result().matched_calls_scheduled_share).toBeNull();
  });

  it('lists a bounded number of hits per call but counts them all', () => {
    const run = new Backtest({ phrases: ['price'], speaker: 'any', cooldownMs: null });
    run.scan(call([Array.from({ length: 50 }, () => 'price').join(' ')]));
    const [match] = run.result().matches;
    expect(match!.hit_count).toBe(50);
    expect(match!.hits).toHaveLength(MAX_BACKTEST_HITS_PER_CALL);
  });
});

describe('snippetAround', () => {
  it('keeps short text whole', () => {
    expect(snippetAround('is it safe?', 6, 10)).toEqual({ snippet: 'is it safe?', match_start: 6, match_end: 10 });
  });

  it('cuts long text at word boundaries about 60 characters either side, marking the cuts', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const start = words.indexOf('word30');
    const { snippet, match_start, match_end } = snippetAround(words, start, start + 'word30'.length);
    expect(snippet.slice(match_start, match_end)).toBe('word30');
    expect(snippet.startsWith('…word')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(2 * 60 + 'word30'.length + 2);
    expect(snippet.length).toBeGreaterThan(100);
    for (const piece of snippet.replaceAll('…', '').split(' ')) expect(piece).toMatch(/^word\d+$/);
  });
});
