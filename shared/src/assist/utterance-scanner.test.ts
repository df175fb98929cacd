import { describe, expect, it } from 'vitest';
import { PhraseAutomaton } from './phrase-automaton.js';
import { UtteranceScanner } from './utterance-scanner.js';

describe('UtteranceScanner', () => {
  it('gives the same matches as a full scan for any sequence of revisions', () => {
    const phrases = ['my daughter', 'daughter', 'nine', 'is it safe', 'safe', 'it'];
    const automaton = new PhraseAutomaton(phrases);
    const scanner = new UtteranceScanner(automaton);
    const words = ['nine', 'my', 'daughter', 'is', 'it', 'safe', 'say', 'x'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let hypothesis: string[] = [];
    for (let step = 0; step < 500; step++) {
      // Engines mostly append, sometimes rewrite the tail.
      if (random() < 0.3 && hypothesis.length > 0) hypothesis = hypothesis.slice(0, Math.floor(random() * hypothesis.length));
      hypothesis.push(words[Math.floor(random() * words.length)]!);
      const text = hypothesis.join(' ');
      expect(scanner.update(text)).toEqual(automaton.findAll(text));
    }
  });

  it('drops matches the revision took back', () => {
    const scanner = new UtteranceScanner(new PhraseAutomaton(['nine']));
    expect(scanner.update('nine daughter')).toHaveLength(1);
    expect(scanner.update('my daughter')).toEqual([]);
  });
});
