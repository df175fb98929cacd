import { describe, expect, it } from 'vitest';
import { locateQuote, matchObjections, quoteOverlap, type QuotedObjection } from './objection-matching.js';

const callerTexts = [
  'Hi, I want to ask about veneers.',
  "Honestly that's too expensive. And is it safe for my gums? I've read scary things.",
  'My husband thinks it is a waste.',
];

const objection = (type: QuotedObjection['type'], quote: string, callerTurn: number | null = null): QuotedObjection => ({ type, quote, callerTurn });

describe('locateQuote', () => {
  it('finds the quote in its stated turn, else in the first turn holding it', () => {
    expect(locateQuote(objection('cost-value', "that's too expensive", 1), callerTexts)).toEqual({ turn: 1, start: 9, end: 29 });
    expect(locateQuote(objection('cost-value', "that's too expensive", 0), callerTexts)?.turn).toBe(1);
    expect(locateQuote(objection('cost-value', 'not in the call'), callerTexts)).toBeUndefined();
  });
});

describe('quoteOverlap', () => {
  it('counts the characters two quotes share in the same caller turn', () => {
    const a = objection('safety-risk', 'is it safe for my gums?', 1);
    const b = objection('safety-risk', "safe for my gums? I've read scary things.", 1);
    expect(quoteOverlap(a, b, callerTexts)).toBe('safe for my gums?'.length);
  });

  it('is zero for quotes that do not overlap, or sit in different turns', () => {
    expect(quoteOverlap(objection('cost-value', "that's too expensive", 1), objection('cost-value', 'is it safe', 1), callerTexts)).toBe(0);
    expect(quoteOverlap(objection('cost-value', 'I want', 0), objection('cost-value', 'husband thinks', 2), callerTexts)).toBe(0);
  });

  it('falls back to a substring test, either way, when a quote is not verbatim in the call', () => {
    const paraphrase = objection('cost-value', "THAT'S  too expensive. and more");
    expect(quoteOverlap(objection('cost-value', "that's too expensive", 1), paraphrase, callerTexts)).toBe(20);
    expect(quoteOverlap(paraphrase, objection('cost-value', 'too expensive'), callerTexts)).toBe(13);
    expect(quoteOverlap(objection('cost-value', 'something else entirely'), paraphrase, callerTexts)).toBe(0);
  });
});

describe('matchObjections', () => {
  it('needs the same type as well as overlapping quotes', () => {
    const labeled = [objection('safety-risk', 'is it safe for my gums?', 1)];
    expect(matchObjections(labeled, [objection('results-skepticism', 'is it safe for my gums?', 1)], callerTexts)).toEqual([]);
    expect(matchObjections(labeled, [objection('safety-risk', 'safe for my gums', 1)], callerTexts)).toEqual([{ labeled: 0, predicted: 0 }]);
  });

  it('matches each labeled objection at most once', () => {
    const labeled = [objection('safety-risk', 'is it safe for my gums?', 1)];
    const predicted = [objection('safety-risk', 'is it safe', 1), objection('safety-risk', 'safe for my gums?', 1)];
    const pairs = matchObjections(labeled, predicted, callerTexts);
    expect(pairs).toHaveLength(1);
    // The larger overlap wins the label.
    expect(pairs[0]).toEqual({ labeled: 0, predicted: 1 });
  });

  it('matches each prediction at most once, and finds the pairing that matches the most', () => {
    // The first prediction overlaps both labels; the second only the first label. A greedy pass would
    // give the first label to the first prediction and leave one label unmatched.
    const labeled = [objection('safety-risk', 'is it safe for my gums?', 1), objection('safety-risk', "I've read scary things.", 1)];
    const predicted = [objection('safety-risk', "gums? I've read scary", 1), objection('safety-risk', 'is it safe for my', 1)];
    expect(matchObjections(labeled, predicted, callerTexts)).toEqual([
      { labeled: 0, predicted: 1 },
      { labeled: 1, predicted: 0 },
    ]);
  });
});
