import { describe, expect, it } from 'vitest';
import type { Objection } from '@call-assist/shared';
import type { ChunkAnalysis } from './chunk-schemas.js';
import { bookingOutcome, checkCallQuotes, checkChunkQuotes, mergeObjections, settleCategory, type ChunkObjection } from './merge-chunks.js';
import type { TranscriptChunk } from './transcript-chunks.js';

const callerTexts = [
  'Hi, I was calling about fillers.',
  "Honestly it's a lot of money. I would need to talk to my husband first.",
  'Does it hurt? I bruise really easily.',
  'Okay, Friday at ten works.',
];

function chunk(index: number, firstTurn: number, lastTurn: number, callers: number[]): TranscriptChunk {
  return { index, firstTurn, lastTurn, overlapLines: index ? 2 : 0, text: '', callerTexts: callers.map((callerIndex) => ({ callerIndex, text: callerTexts[callerIndex]! })) };
}

const found = (chunkIndex: number, callerTurn: number, type: Objection['type'], quote: string, how = ''): ChunkObjection => ({
  type,
  quote,
  callerTurn,
  overcome: how !== '',
  how,
  chunk: chunkIndex,
});

describe('checkChunkQuotes', () => {
  const second = chunk(1, 3, 8, [1, 2, 3]);

  it('keeps exact quotes, renumbers turns for the whole call, repairs near misses and drops invented ones', () => {
    const result = checkChunkQuotes(second, [
      { type: 'cost-value', quote: "it's a lot of money", callerTurn: 1, overcome: false, how: '' },
      { type: 'safety-risk', quote: 'does it hurt', callerTurn: 7, overcome: false, how: '' },
      { type: 'results-skepticism', quote: 'I doubt the results will last', callerTurn: 2, overcome: false, how: '' },
    ]);
    expect(result.objections).toEqual([
      { type: 'cost-value', quote: "it's a lot of money", callerTurn: 1, overcome: false, how: '', chunk: 1 },
      { type: 'safety-risk', quote: 'Does it hurt', callerTurn: 2, overcome: false, how: '', chunk: 1 },
    ]);
    expect(result).toMatchObject({ repaired: 1, dropped: 1 });
  });

  it('drops a quote said elsewhere in the call but not in this chunk', () => {
    const result = checkChunkQuotes(second, [{ type: 'other', quote: 'I was calling about fillers', callerTurn: 0, overcome: false, how: '' }]);
    expect(result).toMatchObject({ objections: [], dropped: 1 });
    // The same quote is fine for the chunk that shows it.
    expect(checkChunkQuotes(chunk(0, 0, 4, [0, 1]), [{ type: 'other', quote: 'I was calling about fillers', callerTurn: 0, overcome: false, how: '' }]).objections).toHaveLength(1);
  });

  it('checks a piece of a split turn, then the whole call confirms the quote', () => {
    const piece = { index: 0, firstTurn: 1, lastTurn: 1, overlapLines: 0, text: '', callerTexts: [{ callerIndex: 1, text: 'I would need to talk to my husband first.' }] };
    const inChunk = checkChunkQuotes(piece, [{ type: 'social-concerns', quote: 'talk to my husband', callerTurn: 1, overcome: false, how: '' }]);
    expect(inChunk.objections).toHaveLength(1);
    expect(checkCallQuotes(inChunk.objections, callerTexts)).toMatchObject({ objections: [{ callerTurn: 1, quote: 'talk to my husband', chunk: 0 }], dropped: 0, repaired: 0 });
  });
});

describe('mergeObjections', () => {
  it('keeps objections from different chunks, in call order', () => {
    const merged = mergeObjections([found(1, 2, 'safety-risk', 'Does it hurt?'), found(0, 1, 'cost-value', "it's a lot of money")], callerTexts);
    expect(merged.objections.map((objection) => objection.type)).toEqual(['cost-value', 'safety-risk']);
    expect(merged.duplicates).toBe(0);
    expect(merged.objections[0]).not.toHaveProperty('chunk');
  });

  it('merges the same concern reported by two overlapping chunks, keeping the later chunk’s judgement', () => {
    const merged = mergeObjections(
      [
        // The end of chunk 0: the agent's answer was not in view yet.
        found(0, 1, 'cost-value', "Honestly it's a lot of money."),
        // The start of chunk 1 repeats that turn, with what followed: another clause, same type.
        found(1, 1, 'cost-value', "it's a lot of money", 'Offered the payment plan.'),
      ],
      callerTexts,
    );
    expect(merged).toEqual({ objections: [{ type: 'cost-value', quote: "it's a lot of money", callerTurn: 1, overcome: true, how: 'Offered the payment plan.' }], duplicates: 1 });
    // Not overlapping, same type, one turn, two chunks: still one concern.
    expect(mergeObjections([found(0, 1, 'cost-value', 'Honestly'), found(1, 1, 'cost-value', 'a lot of money')], callerTexts).objections).toHaveLength(1);
  });

  it('merges two chunks labelling the same words differently, but keeps different concerns of one turn', () => {
    expect(mergeObjections([found(0, 2, 'safety-risk', 'Does it hurt?'), found(1, 2, 'other', 'Does it hurt')], callerTexts).objections).toEqual([
      expect.objectContaining({ type: 'other', quote: 'Does it hurt' }),
    ]);
    const distinct = mergeObjections([found(0, 1, 'cost-value', "it's a lot of money"), found(1, 1, 'social-concerns', 'talk to my husband')], callerTexts);
    expect(distinct.objections.map((objection) => objection.type)).toEqual(['cost-value', 'social-concerns']);
  });

  it('within one chunk merges a repeated quote of one type only', () => {
    const merged = mergeObjections(
      [found(0, 1, 'cost-value', "Honestly it's a lot of money."), found(0, 1, 'cost-value', 'a lot of money'), found(0, 1, 'timing', 'a lot of money'), found(0, 1, 'cost-value', 'husband')],
      callerTexts,
    );
    expect(merged.objections.map((objection) => [objection.type, objection.quote])).toEqual([
      ['cost-value', "Honestly it's a lot of money."],
      ['timing', 'a lot of money'],
      ['cost-value', 'husband'],
    ]);
    expect(merged.duplicates).toBe(1);
  });
});

describe('bookingOutcome and settleCategory', () => {
  const chunks = [chunk(0, 0, 20, []), chunk(1, 19, 40, []), chunk(2, 39, 60, [])];
  const booking = (status: ChunkAnalysis['booking']['status'], turn: number | null) => ({ booking: { status, turn, evidence: '' } });

  it('a time confirmed in the last chunk wins over refusals and open discussion earlier', () => {
    const outcome = bookingOutcome(chunks, [booking('cancelled', 12), booking('discussed', 30), booking('confirmed', 55)]);
    expect(outcome).toMatchObject({ scheduled: true, decisive: { chunk: 2, status: 'confirmed', turn: 55 } });
    expect(outcome.events.map((event) => event.status)).toEqual(['cancelled', 'discussed', 'confirmed']);
    expect(settleCategory('consult_not_scheduled', outcome)).toBe('consult_scheduled');
    expect(settleCategory('other_question', outcome)).toBe('consult_scheduled');
  });

  it('a later discussion does not undo a confirmation; a later cancellation does', () => {
    expect(bookingOutcome(chunks, [booking('confirmed', 15), booking('discussed', 35), booking('none', null)]).scheduled).toBe(true);
    const cancelled = bookingOutcome(chunks, [booking('confirmed', 15), booking('none', null), booking('cancelled', 50)]);
    expect(cancelled).toMatchObject({ scheduled: false, decisive: { status: 'cancelled', turn: 50 } });
    expect(settleCategory('consult_scheduled', cancelled)).toBe('consult_not_scheduled');
  });

  it('orders by turn, places events without a valid turn at their chunk’s end, and lets the later chunk settle a shared turn', () => {
    // Chunk 1 names a turn outside itself: taken as its last turn (40), after chunk 0's event.
    expect(bookingOutcome(chunks, [booking('confirmed', 18), booking('cancelled', 5), booking('none', null)])).toMatchObject({ scheduled: false, decisive: { chunk: 1, turn: 40 } });
    // Turn 20 is in both chunk 0 and chunk 1: chunk 1 saw what came after it.
    expect(bookingOutcome(chunks, [booking('cancelled', 20), booking('confirmed', 20), booking('none', null)]).scheduled).toBe(true);
  });

  it('without a confirmation the model chooses between not scheduled and another question', () => {
    const none = bookingOutcome(chunks, [booking('none', null), booking('discussed', 30), booking('none', null)]);
    expect(none).toMatchObject({ scheduled: false, decisive: null });
    expect(settleCategory('consult_scheduled', none)).toBe('consult_not_scheduled');
    expect(settleCategory('other_question', none)).toBe('other_question');
    expect(settleCategory('consult_not_scheduled', none)).toBe('consult_not_scheduled');
  });
});
