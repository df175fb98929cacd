import { tokenize } from './normalize.js';

/** A phrase occurrence: `phraseIndex` into the phrases given to the builder, ending at token `endToken`. */
export interface PhraseMatch {
  phraseIndex: number;
  endToken: number;
}

const ROOT = 0;
const EMPTY: Int32Array = new Int32Array(0);

/**
 * Aho-Corasick over word tokens rather than characters: each normalised word becomes one symbol,
 * so matches are whole words by construction and a transcript word not in any phrase sends the
 * automaton straight back to the root. Immutable once built; build a new one per rule-set version.
 */
export class PhraseAutomaton {
  /** Word → symbol id (1-based; 0 = a word in no phrase). */
  private readonly symbols = new Map<string, number>();
  /** Goto function keyed by `state * stride + symbol`. */
  private readonly transitions = new Map<number, number>();
  private stride = 0;
  private readonly fail: number[] = [ROOT];
  /** Phrase indices ending at each state, including those inherited through failure links. */
  private readonly outputs: Int32Array[] = [];
  /** Token length of each phrase; 0 for a phrase with no word (it can never match). */
  readonly phraseLengths: readonly number[];

  constructor(phrases: readonly string[]) {
    const tokenized = phrases.map((phrase) => tokenize(phrase));
    this.phraseLengths = tokenized.map((tokens) => tokens.length);
    for (const tokens of tokenized) for (const token of tokens) if (!this.symbols.has(token)) this.symbols.set(token, this.symbols.size + 1);
    this.stride = this.symbols.size + 1;
    const ownOutputs: number[][] = [[]];
    tokenized.forEach((tokens, phraseIndex) => {
      if (tokens.length === 0) return;
      let state = ROOT;
      for (const token of tokens) {
        const key = state * this.stride + this.symbols.get(token)!;
        let next = this.transitions.get(key);
        if (next === undefined) {
          next = ownOutputs.length;
          ownOutputs.push([]);
          this.transitions.set(key, next);
        }
        state = next;
      }
      ownOutputs[state]!.push(phraseIndex);
    });
    this.buildFailureLinks(ownOutputs);
  }

  /** Breadth-first, so a state's failure target is complete before the state itself. */
  private buildFailureLinks(ownOutputs: number[][]): void {
    const children: [symbol: number, child: number][][] = ownOutputs.map(() => []);
    for (const [key, child] of this.transitions) children[Math.floor(key / this.stride)]!.push([key % this.stride, child]);
    this.fail.length = ownOutputs.length;
    this.outputs.length = ownOutputs.length;
    this.outputs[ROOT] = EMPTY;
    const queue: number[] = [];
    for (const [, child] of children[ROOT]!) {
      this.fail[child] = ROOT;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const inherited = this.outputs[this.fail[state]!]!;
      const own = ownOutputs[state]!;
      this.outputs[state] = own.length === 0 ? inherited : Int32Array.from([...own, ...inherited]);
      for (const [symbol, child] of children[state]!) {
        this.fail[child] = this.step(this.fail[state]!, symbol);
        queue.push(child);
      }
    }
  }

  /** Symbol of a normalised token; 0 when the token is in no phrase. */
  symbolOf(token: string): number {
    return this.symbols.get(token) ?? 0;
  }

  /** The state after reading `symbol` in `state`. */
  step(state: number, symbol: number): number {
    if (symbol === 0) return ROOT;
    for (;;) {
      const next = this.transitions.get(state * this.stride + symbol);
      if (next !== undefined) return next;
      if (state === ROOT) return ROOT;
      state = this.fail[state]!;
    }
  }

  /** Phrases that end in `state`. */
  outputsOf(state: number): Int32Array {
    return this.outputs[state]!;
  }

  /** Every phrase occurrence in `text`, in order of their end. */
  findAll(text: string): PhraseMatch[] {
    const matches: PhraseMatch[] = [];
    let state = ROOT;
    tokenize(text).forEach((token, index) => {
      state = this.step(state, this.symbolOf(token));
      for (const phraseIndex of this.outputsOf(state)) matches.push({ phraseIndex, endToken: index });
    });
    return matches;
  }
}
