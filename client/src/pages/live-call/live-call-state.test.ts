import { describe, expect, it } from 'vitest';
import { backoffMs } from './call-connection';
import { withCards, withFinals, type LiveCard } from './live-call-store';

const card = (cardId: string, audioMs: number): LiveCard => ({
  type: 'card',
  callId: 'c',
  cardId,
  talkingPointId: 't',
  title: cardId,
  body: '',
  phrase: '',
  audioMs,
  latencyMs: 1,
  audioToCardMs: 20,
  source: 'partial',
  context: '',
  feedback: null,
});

describe('live call state', () => {
  it('keeps finals in order of seq', () => {
    const line = (seq: number) => ({ seq, text: `line ${seq}`, startMs: seq * 1000, endMs: seq * 1000 + 900 });
    const merged = withFinals([line(0), line(1)], [line(3), line(2)]);
    expect(merged.map((l) => l.seq)).toEqual([0, 1, 2, 3]);
  });

  it('keeps cards newest first, and the feedback already given', () => {
    const used = { ...card('a', 1000), feedback: 'used' as const };
    const merged = withCards([used], [card('b', 5000), card('c', 3000)]);
    expect(merged.map((c) => c.cardId)).toEqual(['b', 'c', 'a']);
    expect(merged.find((c) => c.cardId === 'a')?.feedback).toBe('used');
  });

  it('backs off exponentially from half a second to ten seconds, with jitter of at most half', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffMs(attempt, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffMs(3, () => 0)).toBe(1000);
  });
});
