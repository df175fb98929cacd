import { describe, expect, it } from 'vitest';
import { splitAtPauses } from './deepgram-batch-transcriber.js';

describe('splitAtPauses (answers without utterances)', () => {
  it('starts a new segment at a pause over 0.8 s and keeps punctuated text and word times', () => {
    const segments = splitAtPauses([
      { word: 'hello', punctuated_word: 'Hello,', start: 0.1, end: 0.5 },
      { word: 'there', punctuated_word: 'there.', start: 0.6, end: 0.9 },
      { word: 'is', punctuated_word: 'Is', start: 2.0, end: 2.1 },
      { word: 'it', start: 2.15, end: 2.3 },
      { word: 'safe', punctuated_word: 'safe?', start: 2.35, end: 2.8 },
    ]);
    expect(segments.map((s) => [s.text, s.startMs, s.endMs])).toEqual([
      ['Hello, there.', 100, 900],
      ['Is it safe?', 2_000, 2_800],
    ]);
    expect(segments[1]!.words!.map((w) => w.word)).toEqual(['is', 'it', 'safe']);
  });

  it('gives nothing for no words', () => {
    expect(splitAtPauses([])).toEqual([]);
  });
});
