import type { CallSegment, Objection } from '@call-assist/shared';
import { describe, expect, it } from 'vitest';
import { locateQuotes, segmentAt } from './quote-lines';

const segment = (seq: number, text: string, startMs: number): CallSegment => ({ seq, speaker: null, text, startMs, endMs: startMs + 1000 });
const objection = (quote: string): Objection => ({ type: 'safety-risk', quote, callerTurn: 0, overcome: false, how: '' });

describe('locateQuotes', () => {
  const segments = [segment(0, 'thank you for calling the clinic', 0), segment(1, 'can i ask is it safe', 2000), segment(2, "It's way out of my budget, honestly.", 4000)];

  it('finds the line holding each quote and the quote within it, whatever the case and punctuation', () => {
    const [safe, budget, missing] = locateQuotes(segments, [objection('Can I ask, is it safe?'), objection('it is way out of my budget'), objection('too expensive')]);
    expect(safe).toEqual({ seq: 1, ranges: [{ start: 0, end: 20 }] });
    expect(budget?.seq).toBe(2);
    expect(segments[2]!.text.slice(budget!.ranges[0]!.start, budget!.ranges[0]!.end)).toBe("It's way out of my budget");
    expect(missing).toBeUndefined();
  });
});

describe('segmentAt', () => {
  const segments = [segment(0, 'a', 500), segment(1, 'b', 2000), segment(2, 'c', 4000)];
  it('is the last line started by that time, also in the silence after it', () => {
    expect(segmentAt(segments, 0)).toBeUndefined();
    expect(segmentAt(segments, 500)?.seq).toBe(0);
    expect(segmentAt(segments, 3999)?.seq).toBe(1);
    expect(segmentAt(segments, 9000)?.seq).toBe(2);
  });
});
