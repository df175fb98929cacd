import { findPhraseSpans, PhraseAutomaton } from '@call-assist/shared';
import type { TextRange } from './Highlight';

/**
 * Where `phrase` occurs in `text`, found by the shared matcher itself (normalisation, contractions,
 * whole words), so what is highlighted is exactly what the server matches.
 */
export function phraseRanges(text: string, phrase: string): TextRange[] {
  return findPhraseSpans(new PhraseAutomaton([phrase]), text).map(({ start, end }) => ({ start, end }));
}
