import { describe, expect, it } from 'vitest';
import { PhraseAutomaton } from './phrase-automaton.js';

const phrasesFound = (phrases: string[], text: string) => {
  const automaton = new PhraseAutomaton(phrases);
  return automaton.findAll(text).map((match) => phrases[match.phraseIndex]);
};

describe('PhraseAutomaton', () => {
  it('matches whole words only', () => {
    expect(phrasesFound(['price'], 'that is priceless')).toEqual([]);
    expect(phrasesFound(['price'], 'the price is high')).toEqual(['price']);
    expect(phrasesFound(['price'], 'overprice')).toEqual([]);
  });

  it('ignores case and punctuation on both sides', () => {
    expect(phrasesFound(['Side-Effects'], 'any SIDE EFFECTS?')).toEqual(['Side-Effects']);
  });

  it('matches contractions against their expansion, either way round', () => {
    expect(phrasesFound(['do not want'], "I don't want it")).toEqual(['do not want']);
    expect(phrasesFound(["can't afford"], 'I cannot afford that')).toEqual(["can't afford"]);
    expect(phrasesFound(['it’s too expensive'], "it's too expensive")).toEqual(['it’s too expensive']);
  });

  it('finds multi-word phrases, overlapping ones and ones inside others (longest first at one end)', () => {
    const phrases = ['think about it', 'about', 'need to think', 'think'];
    expect(phrasesFound(phrases, 'I need to think about it')).toEqual(['need to think', 'think', 'about', 'think about it']);
  });

  it('recovers after a partial match fails (failure links)', () => {
    expect(phrasesFound(['too much money', 'much money down'], 'too much money down')).toEqual(['too much money', 'much money down']);
    expect(phrasesFound(['a b c', 'b d'], 'a b d')).toEqual(['b d']);
  });

  it('reports every occurrence with the index of its last token', () => {
    const automaton = new PhraseAutomaton(['safe']);
    expect(automaton.findAll('safe and safe')).toEqual([
      { phraseIndex: 0, endToken: 0 },
      { phraseIndex: 0, endToken: 2 },
    ]);
  });

  it('never matches a phrase that has no words', () => {
    expect(phrasesFound(['?!', 'ok'], 'ok ?!')).toEqual(['ok']);
  });

  it('counts the same occurrences it finds', () => {
    const automaton = new PhraseAutomaton(['is it safe', 'safe', 'it']);
    const text = "Is it safe? It's safe, I think it is.";
    expect(automaton.count(text)).toBe(automaton.findAll(text).length);
    expect(automaton.count(text)).toBe(6);
  });
});
