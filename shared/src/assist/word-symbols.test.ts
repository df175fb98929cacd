import { describe, expect, it } from 'vitest';
import { tokenize } from './normalize.js';
import { WordSymbols } from './word-symbols.js';

describe('WordSymbols (fast path)', () => {
  const vocabulary = ['is', 'it', 'safe', 'do', 'not', 'can', 'price', 'doctor', 'café', '2', 'follow', 'up', 'i', 'am'];
  const symbols = new Map(vocabulary.map((word, i) => [word, i + 1]));
  const words = new WordSymbols(symbols);
  const reference = (text: string) => tokenize(text).map((token) => symbols.get(token) ?? 0);
  const fast = (text: string) => {
    const out: number[] = [];
    words.forEach(text, (symbol) => out.push(symbol));
    return out;
  };

  it('gives the reference tokenizer’s symbols on tricky text', () => {
    for (const text of [
      "Is it SAFE?! I don't know, I cannot—can't—say. The doctor’s café at 2pm, follow-up.",
      "it's priceless 'quoted' o'clock rock'n'roll ''' don'",
      'ÉCOLE Café naïve Ωμέγα 中文 i’m',
      '',
      '   ...   ',
    ]) {
      expect(fast(text)).toEqual(reference(text));
    }
  });

  it('agrees with the reference on random transcript-like text', () => {
    const pieces = ['is', 'It', 'SAFE', "don't", 'don’t', 'cannot', 'Cannot', 'price', 'priceless', "doctor's", 'café', 'Café', '2', 'x2y', 'follow-up', "I'm", ',', '.', '?', ' ', "'", '’', '-', 'naïve', 'über'];
    let seed = 1;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.7 ? ' ' : '');
      expect(fast(text)).toEqual(reference(text));
    }
  });
});
