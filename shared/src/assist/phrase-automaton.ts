import { tokenize } from './normalize.js';
import { WordSymbols } from './word-symbols.js';

/** A phrase occurrence: `phraseIndex` into the phrases given to the builder, ending at token `endToken`. */
export interface PhraseMatch {
  phraseIndex: number;
  endToken: number;
}

const ROOT = 0;
const BRANCHING = -1;
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
  /** Dense goto of the root, where most steps start or fall back to (0 = stay at the root). */
  private readonly rootNext: Int32Array;
  /**
   * Most other states have no child or one (phrases are chains): their only child's symbol and state
   * are kept inline, so only branching states (`onlySymbol` = BRANCHING) consult the map.
   */
  private readonly onlySymbol: Int32Array;
  private readonly onlyNext: Int32Array;
  /** Phrase indices ending at each state, including those inherited through failure links. */
  private readonly outputs: Int32Array[] = [];
  private readonly words: WordSymbols;
  /** Token length of each phrase; 0 for a phrase with no word (it can never match). */
  readonly phraseLengths: readonly number[];

  constructor(phrases: readonly string[]) {
    const tokenized = phrases.map((phrase) => tokenize(phrase));
    this.phraseLengths = tokenized.map((tokens) => tokens.length);
    for (const tokens of tokenized) for (const token of tokens) if (!this.symbols.has(token)) this.symbols.set(token, this.symbols.size + 1);
    this.stride = this.symbols.size + 1;
    this.words = new WordSymbols(this.symbols);
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
    this.rootNext = new Int32Array(this.stride);
    for (let symbol = 1; symbol < this.stride; symbol++) this.rootNext[symbol] = this.transitions.get(symbol) ?? ROOT;
    this.onlySymbol = new Int32Array(ownOutputs.length);
    this.onlyNext = new Int32Array(ownOutputs.length);
    for (const [key, child] of this.transitions) {
      const state = Math.floor(key / this.stride);
      this.onlySymbol[state] = this.onlySymbol[state] === 0 ? key % this.stride : BRANCHING;
      this.onlyNext[state] = child;
    }
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
    while (state !== ROOT) {
      const only = this.onlySymbol[state]!;
      if (only === symbol) return this.onlyNext[state]!;
      if (only === BRANCHING) {
        const next = this.transitions.get(state * this.stride + symbol);
        if (next !== undefined) return next;
      }
      state = this.fail[state]!;
    }
    return this.rootNext[symbol]!;
  }

  /** Phrases that end in `state`. */
  outputsOf(state: number): Int32Array {
    return this.outputs[state]!;
  }

  /** Every phrase occurrence in `text`, in order of their end. */
  findAll(text: string): PhraseMatch[] {
    const matches: PhraseMatch[] = [];
    let state = ROOT;
    let index = 0;
    this.words.forEach(text, (symbol) => {
      state = this.step(state, symbol);
      for (const phraseIndex of this.outputsOf(state)) matches.push({ phraseIndex, endToken: index });
      index++;
    });
    return matches;
  }

  /** How many phrase occurrences `text` holds (a whole document in one pass, nothing allocated per match). */
  count(text: string): number {
    let state = ROOT;
    let total = 0;
    this.words.forEach(text, (symbol) => {
      state = this.step(state, symbol);
      total += this.outputs[state]!.length;
    });
    return total;
  }
}
