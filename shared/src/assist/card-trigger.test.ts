import { describe, expect, it } from 'vitest';
import { CardTrigger, type Stability } from './card-trigger.js';
import { RuleSet, type TalkingPointRule } from './rule-set.js';

function point(id: string, phrases: string[], extra: Partial<TalkingPointRule> = {}): TalkingPointRule {
  return { id, title: id, body: `${id} body`, phrases, speaker: 'any', cooldownMs: null, priority: 0, enabled: true, ...extra };
}

const safety = point('safety', ['is it safe', 'side effects', 'horror stories']);
const price = point('price', ['price', 'too expensive', 'cost']);

function trigger(stability: Stability, points = [safety, price]) {
  const cards = new CardTrigger(new RuleSet(1, points), stability);
  const fired: string[] = [];
  let audioMs = 0;
  const partial = (text: string, extra: { speaker?: 'caller' | 'agent' } = {}) => {
    audioMs += 100;
    fired.push(...cards.onPartial({ text, audioMs, ...extra }).map((t) => `${t.talkingPoint.id}:partial`));
  };
  const final = (text: string, extra: { speaker?: 'caller' | 'agent'; at?: number } = {}) => {
    audioMs = extra.at ?? audioMs + 100;
    fired.push(...cards.onFinal({ text, audioMs, speaker: extra.speaker }).map((t) => `${t.talkingPoint.id}:final`));
  };
  return { cards, fired, partial, final };
}

describe('CardTrigger', () => {
  it('immediate: fires on the first partial that contains the phrase, once', () => {
    const t = trigger('immediate');
    t.partial('is it');
    t.partial('is it safe');
    t.partial('is it safe because');
    t.final('is it safe because');
    expect(t.fired).toEqual(['safety:partial']);
  });

  it('next-update: fires when the next hypothesis still has the phrase', () => {
    const t = trigger('next-update');
    t.partial('is it safe');
    expect(t.fired).toEqual([]);
    t.partial('is it safe because');
    expect(t.fired).toEqual(['safety:partial']);
  });

  it('next-update: a phrase the engine takes back never fires', () => {
    const t = trigger('next-update');
    t.partial('what is the price');
    t.partial('what is the prize');
    t.final('what is the prize');
    expect(t.fired).toEqual([]);
  });

  it('next-update: a phrase at the end of an utterance fires from its final', () => {
    const t = trigger('next-update');
    t.partial('that sounds too expensive');
    t.final('that sounds too expensive');
    expect(t.fired).toEqual(['price:final']);
  });

  it('final: only finals fire', () => {
    const t = trigger('final');
    t.partial('is it safe');
    t.partial('is it safe because');
    expect(t.fired).toEqual([]);
    t.final('is it safe because');
    expect(t.fired).toEqual(['safety:final']);
  });

  it('never fires twice because a partial was revised back and forth', () => {
    const t = trigger('immediate', [point('safety', ['safe'], { cooldownMs: 0 })]);
    t.partial('is it safe');
    t.partial('is it say');
    t.partial('is it safe now');
    t.final('is it safe now');
    expect(t.fired).toEqual(['safety:partial']);
  });

  it('fires once per call without a cooldown, again after the cooldown with one', () => {
    const once = trigger('immediate', [point('price', ['price'])]);
    once.final('the price', { at: 1_000 });
    once.final('the price again', { at: 60_000 });
    expect(once.fired).toEqual(['price:final']);

    const cooled = trigger('immediate', [point('price', ['price'], { cooldownMs: 30_000 })]);
    cooled.final('the price', { at: 1_000 });
    cooled.final('the price', { at: 20_000 });
    cooled.final('the price', { at: 31_000 });
    expect(cooled.fired).toEqual(['price:final', 'price:final']);
  });

  it('treats several phrases of one talking point as synonyms (one card)', () => {
    const t = trigger('immediate');
    t.final('what does it cost, is the price too expensive');
    expect(t.fired).toEqual(['price:final']);
  });

  it('applies the speaker filter when the speaker is known, not when it is unknown', () => {
    const callerOnly = [point('objection', ['too expensive'], { speaker: 'caller' })];
    const agentSays = trigger('immediate', callerOnly);
    agentSays.final('some find it too expensive', { speaker: 'agent' });
    expect(agentSays.fired).toEqual([]);
    agentSays.final('honestly it is too expensive', { speaker: 'caller' });
    expect(agentSays.fired).toEqual(['objection:final']);

    const mono = trigger('immediate', callerOnly);
    mono.final('it is too expensive');
    expect(mono.fired).toEqual(['objection:final']);
  });

  it('orders simultaneous cards by priority', () => {
    const t = trigger('immediate', [point('low', ['price']), point('high', ['cost'], { priority: 5 })]);
    t.final('the price and the cost');
    expect(t.fired).toEqual(['high:final', 'low:final']);
  });

  it('hot-swaps rules mid-call: new phrases fire, fired cards stay fired, disabled points stop', () => {
    const t = trigger('immediate');
    t.final('is it safe');
    t.cards.setRules(new RuleSet(2, [safety, point('price', ['price'], { enabled: false }), point('financing', ['payment plan'])]));
    t.final('is it safe, the price, a payment plan');
    expect(t.fired).toEqual(['safety:final', 'financing:final']);
  });
});
