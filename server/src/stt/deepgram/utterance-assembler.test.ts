import { describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../streaming-transcriber.js';
import type { DeepgramResults } from './deepgram-messages.js';
import { UtteranceAssembler } from './utterance-assembler.js';

/** A Results message as Deepgram sends it: words with times in seconds, spaced 0.3 s apart. */
function results(text: string, startS: number, flags: { is_final?: boolean; speech_final?: boolean; from_finalize?: boolean } = {}): DeepgramResults {
  const words = text.split(' ').filter(Boolean).map((word, i) => ({ word: word.toLowerCase().replace(/[^a-z']/g, ''), start: startS + i * 0.3, end: startS + i * 0.3 + 0.25 }));
  return {
    type: 'Results',
    start: startS,
    duration: Math.max(0.3, words.length * 0.3),
    ...flags,
    channel: { alternatives: [{ transcript: text, words }] },
  };
}

function assemble(...steps: Array<DeepgramResults | 'utterance-end' | 'end'>): TranscriptEvent[] {
  const events: TranscriptEvent[] = [];
  const assembler = new UtteranceAssembler((event) => events.push(event));
  for (const step of steps) {
    if (step === 'utterance-end') assembler.onUtteranceEnd();
    else if (step === 'end') assembler.end();
    else assembler.onResults(step);
  }
  return events;
}

const summary = (events: TranscriptEvent[]) => events.map((e) => `${e.kind}: ${e.text}`);

describe('UtteranceAssembler', () => {
  it('shows a phrase split across two final spans whole, in the partial and in the one final', () => {
    const events = assemble(
      results('Can I ask, is it', 1.0),
      results('Can I ask, is it', 1.0, { is_final: true }),
      results('safe', 2.5),
      results('safe?', 2.5, { is_final: true, speech_final: true }),
    );
    expect(summary(events)).toEqual([
      'partial: Can I ask, is it',
      'partial: Can I ask, is it',
      'partial: Can I ask, is it safe',
      'final: Can I ask, is it safe?',
    ]);
    const final = events.at(-1)!;
    expect(final.words?.map((w) => w.word)).toEqual(['can', 'i', 'ask', 'is', 'it', 'safe']);
    expect([final.startMs, final.endMs]).toEqual([1000, 2750]);
  });

  it('closes an utterance once whether speech_final, UtteranceEnd or both arrive', () => {
    const both = assemble(results('Hello there.', 0.5, { is_final: true, speech_final: true }), 'utterance-end', 'end');
    expect(summary(both)).toEqual(['final: Hello there.']);
    const onlyUtteranceEnd = assemble(results('Hello', 0.5, { is_final: true }), 'utterance-end', 'utterance-end');
    expect(summary(onlyUtteranceEnd)).toEqual(['partial: Hello', 'final: Hello']);
  });

  it('never emits an empty final, and clears a partial Deepgram took back', () => {
    const events = assemble(
      results('', 0, { is_final: true, speech_final: true }),
      results('Um', 1.0),
      results('', 1.0, { is_final: true, speech_final: true }),
      'utterance-end',
      'end',
    );
    expect(summary(events)).toEqual(['partial: Um', 'partial: ']);
  });

  it('ends the utterance on a Finalize result and at the end of the stream', () => {
    expect(summary(assemble(results('Registered', 4, { is_final: true }), results('nurses', 4.3, { is_final: true, from_finalize: true })))).toEqual([
      'partial: Registered',
      'final: Registered nurses',
    ]);
    expect(summary(assemble(results('All of our', 1, { is_final: true }), results('injectors', 2), 'end'))).toEqual([
      'partial: All of our',
      'partial: All of our injectors',
      'final: All of our injectors',
    ]);
  });

  it('ignores a final span repeated after its utterance was delivered', () => {
    const span = results('Totally fair question.', 3, { is_final: true, speech_final: true });
    expect(summary(assemble(span, span, 'end'))).toEqual(['final: Totally fair question.']);
  });

  it('keeps words still in flight after an UtteranceEnd for the next utterance', () => {
    const events = assemble(results('Okay', 1, { is_final: true }), results('so', 3), 'utterance-end', results('So what', 3, { is_final: true, speech_final: true }));
    expect(summary(events)).toEqual(['partial: Okay', 'partial: Okay so', 'final: Okay', 'partial: so', 'final: So what']);
  });
});
