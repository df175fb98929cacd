import { describe, expect, it } from 'vitest';
import { previewCards } from './preview-cards.js';
import { RuleSet, type TalkingPointRule } from './rule-set.js';

function point(id: string, phrases: string[], extra: Partial<TalkingPointRule> = {}): TalkingPointRule {
  return { id, title: `${id} title`, body: `${id} body`, phrases, speaker: 'any', cooldownMs: null, priority: 0, enabled: true, ...extra };
}

const points = [
  point('price', ['too expensive', 'price', 'cost']),
  point('safety', ['is it safe', 'side effects'], { speaker: 'caller', priority: 5 }),
  point('old', ['anything'], { enabled: false }),
];

describe('previewCards', () => {
  it('names the cards that would fire, by priority, with the span of the phrase that fires each', () => {
    const text = "Honestly, it's TOO expensive… and is it safe? Anything else?";
    const cards = previewCards(points, text);
    expect(cards.map((card) => [card.talkingPointId, card.phrase, text.slice(card.start, card.end)])).toEqual([
      ['safety', 'is it safe', 'is it safe'],
      ['price', 'too expensive', 'TOO expensive'],
    ]);
    expect(cards[0]).toMatchObject({ title: 'safety title', body: 'safety body', priority: 5 });
  });

  it('gives one card for synonyms, whole words only, and nothing for a disabled point', () => {
    expect(previewCards(points, 'the price and the cost').map((card) => card.phrase)).toEqual(['price']);
    expect(previewCards(points, 'priceless, costly')).toEqual([]);
    expect(previewCards(points, 'anything')).toEqual([]);
  });

  it('applies the speaker filter when a speaker is given', () => {
    expect(previewCards(points, 'is it safe', 'agent')).toEqual([]);
    expect(previewCards(points, 'is it safe', 'caller').map((card) => card.talkingPointId)).toEqual(['safety']);
    expect(previewCards(points, 'is it safe').map((card) => card.talkingPointId)).toEqual(['safety']);
  });

  it('accepts a compiled RuleSet, reused across calls', () => {
    const rules = new RuleSet(1, points);
    expect(previewCards(rules, "I don't know about the side-effects").map((card) => card.phrase)).toEqual(['side effects']);
    expect(previewCards(rules, 'side effects again')).toHaveLength(1);
  });
});
