import type { CallSegment, Objection } from '@call-assist/shared';
import type { TextRange } from '../../ui/Highlight';
import { phraseRanges } from '../../ui/phrase-ranges';

/** Where an objection's quote is in the transcript: the segment and the quote's span in its text. */
export interface QuoteLocation {
  seq: number;
  ranges: TextRange[];
}

/**
 * The transcript line holding each objection's quote (same index as `objections`; undefined when no
 * line holds it). Found with the shared matcher's normalisation, so case, punctuation and
 * contractions do not matter; the first line holding it wins.
 */
export function locateQuotes(segments: CallSegment[], objections: Objection[]): (QuoteLocation | undefined)[] {
  return objections.map((objection) => {
    for (const segment of segments) {
      const ranges = phraseRanges(segment.text, objection.quote);
      if (ranges.length > 0) return { seq: segment.seq, ranges: ranges.slice(0, 1) };
    }
    return undefined;
  });
}

/** The segment being heard at `positionMs`: the last one that started by then (undefined before the first). */
export function segmentAt(segments: CallSegment[], positionMs: number): CallSegment | undefined {
  let current: CallSegment | undefined;
  for (const segment of segments) {
    if (segment.startMs > positionMs) break;
    current = segment;
  }
  return current;
}
