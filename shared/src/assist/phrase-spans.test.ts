import { describe, expect, it } from 'vitest';
import { forEachTokenSpan, tokenize } from './normalize.js';
import { PhraseAutomaton } from './phrase-automaton.js';
import { findPhraseSpans } from './phrase-spans.js';

const spansOf = (text: string) => {
  const out: [string, string][] = [];
  forEachTokenSpan(text, (token, start, end) => out.push([token, text.slice(start, end)]));
  return out;
};

describe('forEachTokenSpan', () => {
  it('gives each token the word of the source text it came from', () => {
    expect(spansOf('I don’t know, Doctor’s café!')).toEqual([
      ['i', 'I'],
      ['do', 'don’t'],
      ['not', 'don’t'],
      ['know', 'know'],
      ['doctor', 'Doctor’s'],
      ['café', 'café'],
    ]);
  });

  it('gives the reference tokenizer’s tokens on random text, including case mappings that change length', () => {
    const pieces = ['İstanbul', 'ΣΟΦΟΣ', 'Straße', "don't", 'DON’T', 'Cannot', "it's", 'x', '2', 'ǅ', 'ﬁne', ' ', ',', '-', "'", '’', '\u0307', 'ß', 'Ω'];
    let seed = 3;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 10) }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.6 ? ' ' : '');
      const tokens: string[] = [];
      forEachTokenSpan(text, (token, start, end) => {
        tokens.push(token);
        expect(tokenize(text.slice(start, end))).toContain(token);
      });
      // Final sigma is the one context-dependent lower-case mapping (see forEachTokenSpan).
      const sigma = (list: string[]) => list.map((token) => token.replaceAll('ς', 'σ'));
      expect(sigma(tokens)).toEqual(sigma(tokenize(text)));
    }
  });
});

describe('findPhraseSpans', () => {
  it('finds what findAll finds, with the characters each occurrence covers', () => {
    const phrases = ['is it safe', 'safe', "can't afford", 'price'];
    const automaton = new PhraseAutomaton(phrases);
    const text = 'Well — IS it safe? I cannot afford the price… priceless, safe.';
    const spans = findPhraseSpans(automaton, text);
    expect(spans.map(({ phraseIndex, endToken }) => ({ phraseIndex, endToken }))).toEqual(automaton.findAll(text));
    expect(spans.map((span) => [phrases[span.phraseIndex], text.slice(span.start, span.end)])).toEqual([
      ['is it safe', 'IS it safe'],
      ['safe', 'safe'],
      ["can't afford", 'cannot afford'],
      ['price', 'price'],
      ['safe', 'safe'],
    ]);
  });
});
