import { tokenize } from './normalize.js';
import type { PhraseAutomaton, PhraseMatch } from './phrase-automaton.js';

/**
 * Scans successive hypotheses of one utterance. Engines revise partials mostly at the tail, so
 * the automaton state after each token is kept and a new hypothesis is scanned only from its first
 * changed token: the cost of an update is the changed tail, not the utterance (nor the call).
 */
export class UtteranceScanner {
  private tokens: string[] = [];
  /** `states[i]` = automaton state after tokens[0..i). */
  private states: number[] = [0];
  /** `matchesEndingAt[i]` = phrase matches whose last token is tokens[i]. */
  private matchesEndingAt: PhraseMatch[][] = [];

  constructor(private readonly automaton: PhraseAutomaton) {}

  /** Scans a new hypothesis of the utterance; returns every match it contains. */
  update(text: string): PhraseMatch[] {
    const next = tokenize(text);
    let common = 0;
    const limit = Math.min(next.length, this.tokens.length);
    while (common < limit && next[common] === this.tokens[common]) common++;
    this.states.length = common + 1;
    this.matchesEndingAt.length = common;
    let state = this.states[common]!;
    for (let index = common; index < next.length; index++) {
      state = this.automaton.step(state, this.automaton.symbolOf(next[index]!));
      this.states.push(state);
      const outputs = this.automaton.outputsOf(state);
      this.matchesEndingAt.push(outputs.length === 0 ? [] : Array.from(outputs, (phraseIndex) => ({ phraseIndex, endToken: index })));
    }
    this.tokens = next;
    return this.matchesEndingAt.flat();
  }

  /** Forgets the utterance (it ended, or the rules changed). */
  reset(): void {
    this.tokens = [];
    this.states = [0];
    this.matchesEndingAt = [];
  }
}
