import { describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../streaming-transcriber.js';
import { SegmentTracker } from './segment-tracker.js';

function tracker(audioSentMs = () => 10_000) {
  const events: TranscriptEvent[] = [];
  const tracked = new SegmentTracker((event) => events.push(event), audioSentMs);
  const summary = () => events.map((e) => `${e.kind}:${e.text}@${e.startMs}-${e.endMs}`);
  return { tracked, events, summary };
}

describe('SegmentTracker (faster_whisper snapshots)', () => {
  it('emits each committed segment once although every snapshot re-sends it', () => {
    const { tracked, summary } = tracker();
    tracked.onSnapshot([{ start: '0.000', end: '1.200', text: ' Hello there', completed: false }]);
    tracked.onSnapshot([{ start: '0.000', end: '1.500', text: ' Hello there.', completed: true }, { start: '1.500', end: '2.000', text: ' Is it', completed: false }]);
    tracked.onSnapshot([{ start: '0.000', end: '1.500', text: ' Hello there.', completed: true }, { start: '1.500', end: '2.600', text: ' Is it safe?', completed: false }]);
    tracked.onSnapshot([{ start: '0.000', end: '1.500', text: ' Hello there.', completed: true }, { start: '1.500', end: '2.800', text: ' Is it safe?', completed: true }]);
    tracked.onSnapshot([{ start: '0.000', end: '1.500', text: ' Hello there.', completed: true }, { start: '1.500', end: '2.800', text: ' Is it safe?', completed: true }]);
    expect(summary()).toEqual([
      'partial:Hello there@0-1200',
      'final:Hello there.@0-1500',
      'partial:Is it@1500-2000',
      'partial:Is it safe?@1500-2600',
      'final:Is it safe?@1500-2800',
    ]);
  });

  it('turns a never-completed segment into a final on flush, once', () => {
    const { tracked, summary } = tracker(() => 2_400);
    tracked.onSnapshot([{ start: '0.100', end: '1.000', text: ' and then', completed: false }]);
    tracked.flush();
    tracked.flush();
    expect(summary()).toEqual(['partial:and then@100-1000', 'final:and then@100-1000']);
    expect(tracked.coveredUntilMs).toBe(1_000);
  });

  it('does not repeat an unchanged partial, and skips empty segments', () => {
    const { tracked, summary } = tracker();
    tracked.onSnapshot([{ start: '0', end: '1', text: ' so', completed: false }]);
    tracked.onSnapshot([{ start: '0', end: '1.1', text: ' so', completed: false }]);
    tracked.onSnapshot([{ start: '0', end: '1.2', text: ' ', completed: true }]);
    expect(summary()).toEqual(['partial:so@0-1000']);
  });
});

describe('SegmentTracker (tensorrt: text only, all but the last committed)', () => {
  it('commits each new text once, across overlapping snapshots', () => {
    let sent = 0;
    const { tracked, events } = tracker(() => sent);
    sent = 1_000;
    tracked.onSnapshot([{ text: ' Okay.' }]);
    sent = 2_000;
    tracked.onSnapshot([{ text: ' Okay.' }, { text: ' Okay.' }]);
    sent = 3_000;
    tracked.onSnapshot([{ text: ' Okay.' }, { text: ' Okay.' }, { text: ' Is it safe?' }]);
    sent = 4_000;
    tracked.onSnapshot([{ text: ' Okay.' }, { text: ' Is it safe?' }, { text: ' Great' }]);
    expect(events.filter((e) => e.kind === 'final').map((e) => e.text)).toEqual(['Okay.', 'Okay.', 'Is it safe?']);
    expect(events.at(-1)).toMatchObject({ kind: 'partial', text: 'Great' });
  });
});
