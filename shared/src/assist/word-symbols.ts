import { forEachToken } from './normalize.js';

/** Digits and lower-case ASCII letters: the alphabet of the fast path's trie. */
const ALPHABET = 36;
const NO_NODE = -1;
/** Marks a trie word that must take the reference path ("cannot" becomes two tokens). */
const SLOW = -2;

function alphabetIndex(code: number): number {
  if (code >= 97 && code <= 122) return code - 87; // a-z
  if (code >= 65 && code <= 90) return code - 55; // A-Z, folded to lower case
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  return -1;
}

const APOSTROPHES = new Set([0x27, 0x2018, 0x2019, 0x02bc, 0x2032, 0x60]);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isWordCode = (code: number) => alphabetIndex(code) >= 0 || (code >= 128 && LETTER_OR_DIGIT.test(String.fromCharCode(code)));

/**
 * Turns text into the automaton's word symbols without building token strings: a character trie of
 * the phrase vocabulary maps each plain ASCII word (the vast majority of transcript words) straight to
 * its symbol. Words with apostrophes or non-ASCII letters take `normalize.ts`, the reference, so
 * both paths give the same symbols (a property test holds them to it). Letters outside the Basic
 * Multilingual Plane end a word here, where the reference would keep them in it.
 */
export class WordSymbols {
  private children = new Int32Array(ALPHABET).fill(NO_NODE);
  private symbolAt: number[] = [0];

  constructor(private readonly symbols: ReadonlyMap<string, number>) {
    for (const [word, symbol] of symbols) if (/^[a-z0-9]+$/.test(word)) this.insert(word, symbol);
    this.insert('cannot', SLOW);
  }

  private insert(word: string, symbol: number): void {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const slot = node * ALPHABET + alphabetIndex(word.charCodeAt(i));
      if (this.children[slot] === NO_NODE) {
        const next = this.symbolAt.length;
        this.symbolAt.push(0);
        if ((next + 1) * ALPHABET > this.children.length) {
          const grown = new Int32Array(this.children.length * 2).fill(NO_NODE);
          grown.set(this.children);
          this.children = grown;
        }
        this.children[slot] = next;
      }
      node = this.children[slot]!;
    }
    this.symbolAt[node] = symbol;
  }

  /** Calls `emit` with the symbol of each normalised token of `text` (0 = in no phrase). */
  forEach(text: string, emit: (symbol: number) => void): void {
    const { children, symbolAt, symbols } = this;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const first = text.charCodeAt(i);
      if (!isWordCode(first)) {
        i++;
        continue;
      }
      const start = i;
      let node = 0;
      let plain = true;
      for (; i < length; i++) {
        const code = text.charCodeAt(i);
        const index = alphabetIndex(code);
        if (index >= 0) {
          if (node !== NO_NODE) node = children[node * ALPHABET + index]!;
        } else if (code < 128 && code !== 0x27 && code !== 0x60) {
          break; // the common word end: space or ASCII punctuation
        } else if (APOSTROPHES.has(code) && i + 1 < length && isWordCode(text.charCodeAt(i + 1))) {
          plain = false;
        } else if (code >= 128 && isWordCode(code)) {
          plain = false;
        } else break;
      }
      const symbol = node === NO_NODE ? 0 : symbolAt[node]!;
      if (plain && symbol !== SLOW) emit(symbol);
      else forEachToken(text.slice(start, i), (token) => emit(symbols.get(token) ?? 0));
    }
  }
}
