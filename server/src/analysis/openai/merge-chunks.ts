import type { CallCategory, Objection } from '@call-assist/shared';
import type { BookingStatus, ChunkAnalysis } from './chunk-schemas.js';
import { repairQuotes } from './quote-repair.js';
import type { TranscriptChunk } from './transcript-chunks.js';

/** An objection a chunk reported, its quote exact caller words, its `callerTurn` numbered for the whole call. */
export interface ChunkObjection extends Objection {
  callerTurn: number;
  /** The chunk that reported it. */
  chunk: number;
}

export interface QuoteCheck {
  objections: ChunkObjection[];
  /** Quotes replaced by the caller's exact words. */
  repaired: number;
  /** Objections whose quote nothing close to was said (invented). */
  dropped: number;
}

/** Repairs (or drops) each objection's quote against `texts`, one by one so that every change is counted. */
function check<T extends Objection>(objections: readonly T[], texts: readonly string[], toCall: (repaired: Objection, from: T) => ChunkObjection): QuoteCheck {
  const result: QuoteCheck = { objections: [], repaired: 0, dropped: 0 };
  for (const objection of objections) {
    const [fixed] = repairQuotes([objection], texts);
    if (!fixed || fixed.callerTurn === null) {
      result.dropped++;
      continue;
    }
    if (fixed.quote !== objection.quote) result.repaired++;
    result.objections.push(toCall(fixed, objection));
  }
  return result;
}

/**
 * A chunk's objections with their quotes checked against what that chunk shows: a quote must be
 * evidence the model was given, so a quote from elsewhere in the call counts as invented. Turn
 * numbers are translated between the whole call (prompt) and the chunk (checking).
 */
export function checkChunkQuotes(chunk: TranscriptChunk, objections: readonly Objection[]): QuoteCheck {
  const local = objections.map((objection) => {
    const index = chunk.callerTexts.findIndex((text) => text.callerIndex === objection.callerTurn);
    return { ...objection, callerTurn: index < 0 ? null : index };
  });
  return check(
    local,
    chunk.callerTexts.map((text) => text.text),
    (fixed) => ({ ...fixed, callerTurn: chunk.callerTexts[fixed.callerTurn!]!.callerIndex, chunk: chunk.index }),
  );
}

/** The same check against every caller turn of the call: the final guarantee that quotes are exact caller words. */
export function checkCallQuotes(objections: readonly ChunkObjection[], callerTexts: readonly string[]): QuoteCheck {
  return check(objections, callerTexts, (fixed, from) => ({ ...fixed, callerTurn: fixed.callerTurn!, chunk: from.chunk }));
}

/**
 * One list of objections for the call, in call order. Chunks overlap, so a concern near a chunk
 * boundary may be reported twice; within one caller turn these count as the same objection:
 * - the same type with overlapping quotes (also within one chunk, where the model repeated itself);
 * - from two chunks (the turn lies in their overlap), the same type even with different quotes, or
 *   overlapping quotes even with different types (the chunks disagree on the label).
 * Of duplicates the later chunk's is kept: it saw more of what followed the quote, so it judges
 * `overcome` and `how` on more evidence. Quotes must already be exact words of `callerTexts`.
 */
export function mergeObjections(objections: readonly ChunkObjection[], callerTexts: readonly string[]): { objections: Objection[]; duplicates: number } {
  const located = objections.map((objection, order) => {
    const start = callerTexts[objection.callerTurn]!.indexOf(objection.quote);
    return { objection, order, start, end: start + objection.quote.length };
  });
  type Located = (typeof located)[number];
  const overlaps = (a: Located, b: Located) => a.start < b.end && b.start < a.end;
  const sameObjection = (a: Located, b: Located) =>
    a.objection.chunk === b.objection.chunk
      ? a.objection.type === b.objection.type && overlaps(a, b)
      : a.objection.type === b.objection.type || overlaps(a, b);

  const kept: Located[] = [];
  let duplicates = 0;
  // Later chunks first, so that of two duplicates the better-informed one is met first and kept.
  const byPreference = [...located].sort((a, b) => b.objection.chunk - a.objection.chunk || a.order - b.order);
  for (const candidate of byPreference) {
    if (kept.some((other) => other.objection.callerTurn === candidate.objection.callerTurn && sameObjection(other, candidate))) duplicates++;
    else kept.push(candidate);
  }
  kept.sort((a, b) => a.objection.callerTurn - b.objection.callerTurn || a.start - b.start || a.order - b.order);
  return {
    // The shared schema allows 20 per call; the earliest are the ones that shaped the call.
    objections: kept.slice(0, 20).map(({ objection: { chunk: _chunk, ...objection } }) => objection),
    duplicates,
  };
}

/** A booking event one chunk reported, placed in the call. */
export interface BookingEvent {
  chunk: number;
  status: Exclude<BookingStatus, 'none'>;
  /** Whole-call turn number; the chunk's last turn when the model gave none inside the chunk. */
  turn: number;
}

export interface BookingOutcome {
  /** Every chunk's booking event, in call order. */
  events: BookingEvent[];
  /** The last confirmation or cancellation in call order: it decides whether a consult was booked. */
  decisive: BookingEvent | null;
  scheduled: boolean;
}

/**
 * Whether the call ended with a consult booked, from the chunks' booking events: the LAST
 * confirmation or cancellation in call order wins, so a time confirmed late in the call overrides
 * "not confirmed" or "declined" in earlier chunks (which could not see it), and a later
 * cancellation undoes an earlier confirmation. `discussed` never overrides either.
 */
export function bookingOutcome(chunks: readonly TranscriptChunk[], results: readonly Pick<ChunkAnalysis, 'booking'>[]): BookingOutcome {
  const events: BookingEvent[] = [];
  for (const [index, result] of results.entries()) {
    const { status, turn } = result.booking;
    if (status === 'none') continue;
    const chunk = chunks[index]!;
    const inChunk = turn !== null && turn >= chunk.firstTurn && turn <= chunk.lastTurn;
    events.push({ chunk: chunk.index, status, turn: inChunk ? turn : chunk.lastTurn });
  }
  // On the same turn (an overlap) the later chunk, which saw what followed, has the last word.
  events.sort((a, b) => a.turn - b.turn || a.chunk - b.chunk);
  const decisive = events.filter((event) => event.status === 'confirmed' || event.status === 'cancelled').at(-1) ?? null;
  return { events, decisive, scheduled: decisive?.status === 'confirmed' };
}

/**
 * The category, with the booking rule enforced over the reduce step's answer: a consult is
 * scheduled exactly when the chunks' last decisive booking event is a confirmation. The model
 * still chooses between not scheduled and another question, which needs the whole picture.
 */
export function settleCategory(category: CallCategory, booking: Pick<BookingOutcome, 'scheduled'>): CallCategory {
  if (booking.scheduled) return 'consult_scheduled';
  return category === 'consult_scheduled' ? 'consult_not_scheduled' : category;
}
