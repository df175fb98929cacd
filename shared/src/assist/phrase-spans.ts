import { forEachTokenSpan } from './normalize.js';
import type { PhraseAutomaton } from './phrase-automaton.js';

/** A phrase occurrence located in the text it was found in. */
export interface PhraseSpan {
  /** Index into the phrases the automaton was built from. */
  phraseIndex: number;
  /** Index of the phrase's last normalised token (as in `PhraseMatch`). */
  endToken: number;
  /** `[start, end)` in UTF-16 code units of the text: from the phrase's first word to its last. */
  start: number;
  end: number;
}

/** Where each token of a text came from: `starts[i]`/`ends[i]` bound token i's word. */
export interface TokenSpans {
  starts: number[];
  ends: number[];
}

/** The source span of every normalised token of `text`, in token order. */
export function tokenSpans(text: string): TokenSpans {
  const starts: number[] = [];
  const ends: number[] = [];
  forEachTokenSpan(text, (_token, start, end) => {
    starts.push(start);
    ends.push(end);
  });
  return { starts, ends };
}

/**
 * Every phrase occurrence in `text` with its character span, in order of their end: the automaton's
 * own steps over the reference tokenizer, so it finds exactly what `findAll` finds (highlighting in the
 * browser and snippets in backtests show what the live matcher would see).
 */
export function findPhraseSpans(automaton: PhraseAutomaton, text: string): PhraseSpan[] {
  const spans: PhraseSpan[] = [];
  const starts: number[] = [];
  let state = 0;
  let index = 0;
  forEachTokenSpan(text, (token, start, end) => {
    starts.push(start);
    state = automaton.step(state, automaton.symbolOf(token));
    for (const phraseIndex of automaton.outputsOf(state)) {
      const first = index - automaton.phraseLengths[phraseIndex]! + 1;
      spans.push({ phraseIndex, endToken: index, start: starts[first]!, end });
    }
    index++;
  });
  return spans;
}
