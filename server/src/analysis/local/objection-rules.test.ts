import { describe, expect, it } from 'vitest';
import { CallTurns } from './call-turns.js';
import { script } from './fixtures/script.js';
import { detectObjections, objectionsInTurn } from './objection-rules.js';

const types = (text: string, agentBefore = '') => objectionsInTurn(text, agentBefore).map((objection) => objection.type);

describe('objectionsInTurn', () => {
  it('does not count a price the caller accepts', () => {
    expect(types("Okay, three hundred a session, that's about what I expected.", 'It is three hundred a session.')).toEqual([]);
    expect(types("Six hundred? That's less than I figured, honestly.", 'The package is six hundred dollars.')).toEqual([]);
  });

  it('counts a price the caller balks at', () => {
    expect(types("Oof, four grand. That's way out of my budget right now.", 'It runs about four thousand.')).toEqual(['cost-value']);
    expect(types("I don't think I can pay that much all at once.", 'The total is two thousand dollars.')).toEqual(['cost-value']);
  });

  it('respects negation: "not worried about safety" is no safety objection', () => {
    expect(types("I'm not worried about safety at all, I just want to know when you're open.")).toEqual([]);
    expect(types("Honestly I'm not scared of needles, my sister is a nurse.")).toEqual([]);
    expect(types("I'm worried about the side effects, is it safe?")).toEqual(['safety-risk']);
  });

  it('tells a negation that voices the concern from one that waves it off', () => {
    expect(types("I read about people getting lumps. I just don't want to risk that.")).toEqual(['safety-risk']);
    expect(types("I'm not sure it's safe for someone on blood thinners.")).toEqual(['safety-risk']);
    expect(types('The needles part honestly does not bother me, I just want it done.')).toEqual([]);
  });

  it('takes a "no" to the agent\'s question about worries as no concern', () => {
    expect(types('Not really, I work from home, so a little swelling is fine.', 'Do you have any worries about downtime?')).toEqual([]);
  });

  it('reads "one in a few thousand" as odds, not a price', () => {
    expect(types('One in a few thousand is still too much for me.', 'It is very rare, about one in a few thousand treatments.')).toEqual([]);
  });

  it('counts a trip only with a date, and a look only with someone judging it', () => {
    expect(types('I love to travel, so I want to look good in photos.')).toEqual([]);
    expect(types("We're flying to Hawaii next month for two weeks.")).toEqual(['timing']);
    expect(types("My husband thinks I look fine the way I am, he keeps calling it vain.")).toEqual(['social-concerns']);
    expect(types('Okay, that makes me feel better. I just want it to look natural.')).toEqual([]);
  });

  it('finds concerns in everyday wording, not only in set phrases', () => {
    expect(types("I'm a total wuss when it comes to pain.")).toEqual(['safety-risk']);
    expect(types("I'm a realtor, I can't exactly hide at home for a week.")).toEqual(['timing']);
    expect(types("That's basically two months of my take home pay. I don't see how I'd swing that.", 'It is about eight thousand.')).toEqual(['cost-value']);
    expect(types('I looked you up and there was a complaint filed with the state board. What was that about?')).toEqual(['provider-trust']);
    expect(types('How do I know the grafts will actually grow? I read that some people lose a bunch of them.')).toEqual(['results-skepticism']);
  });

  it('takes the story told before a concern as its context, not as a second concern', () => {
    expect(types("I saw on the news that some clinic had a patient die. How do I know you're not one of those places?")).toEqual(['provider-trust']);
  });

  it('reads a price echoed back as a question as shock at it', () => {
    expect(types('Twenty five hundred an eye? Wow.', 'It is twenty five hundred per eye.')).toEqual(['cost-value']);
    expect(types('Twenty five hundred an eye? Okay, that is about what I expected.', 'It is twenty five hundred per eye.')).toEqual([]);
  });

  it('reads a spouse calling it a waste of money as a social concern, not a cost one', () => {
    expect(types('My wife thinks this is a total waste of money.')).toEqual(['social-concerns']);
  });

  it('finds two concerns in one turn, each with its own quote', () => {
    const text = "I can't take a lot of time off work. And I really don't want my coworkers seeing me bruised, they would tease me forever.";
    const found = objectionsInTurn(text);
    expect(found.map((objection) => objection.type)).toEqual(['timing', 'social-concerns']);
    for (const objection of found) expect(text.slice(objection.quote.start, objection.quote.end)).toBe(objection.quote.text);
  });

  it('quotes the sentence that carries the concern, not the whole long turn', () => {
    const text =
      'So I looked at your website last night and the pictures were lovely, and my neighbor said great things about the front desk. ' +
      'But I read some reviews that said the results looked fake and overdone. Anyway, what are your hours on Saturday?';
    const [objection] = objectionsInTurn(text);
    expect(objection?.type).toBe('provider-trust');
    expect(objection?.quote.text).toBe('But I read some reviews that said the results looked fake and overdone.');
  });

  it('narrows an unpunctuated speech-engine turn to the words around the concern', () => {
    const text =
      'yeah so we have been talking about it for a while now and my husband and I went back and forth a lot about the whole thing ' +
      'and honestly it is way out of my budget right now with the kids and school and everything going on this year';
    const [objection] = objectionsInTurn(text, 'the package is two thousand');
    expect(objection?.type).toBe('cost-value');
    expect(objection!.quote.text.length).toBeLessThan(text.length);
    expect(objection!.quote.text).toContain('out of my budget');
  });

  it('lets the agent\'s acknowledgement and answer decide between weak cues', () => {
    const text = 'Well, my sister did it and her hair grew back.';
    expect(objectionsInTurn(text, '', 'Okay. When would you like to come in?')).toEqual([]);
    const [found] = objectionsInTurn(text, '', "I'm sorry she had that experience. Results vary, and the settings matter a lot.");
    expect(found?.type).toBe('results-skepticism');
  });

  it('accepts a weaker cue when the caller hedges and the agent answers with empathy', () => {
    const text = "Okay, but is the downtime bad? I don't know.";
    expect(objectionsInTurn(text, '', 'Sure, it takes ten minutes.')).toEqual([]);
    expect(objectionsInTurn(text, '', 'That is a totally fair question. Most people are back at work the next day.').map((o) => o.type)).toEqual(['timing']);
  });
});

describe('detectObjections', () => {
  it('keeps the first turn where each type becomes explicit', () => {
    const call = new CallTurns(
      script(
        'A: Lakeside Laser, this is Bo.',
        "C: Hi, how much is laser for the underarms? Five hundred? That's too expensive for me.",
        'A: We do have a payment plan at fifty a month.',
        "C: Fifty a month is still a lot, I'm on a fixed income.",
        'A: I understand.',
      ),
    );
    const found = detectObjections(call, { category: 'consult_not_scheduled' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'cost-value', turn: { callerIndex: 0 } });
  });

  it('in a non-consult call, only counts a caller turning down an offer', () => {
    const call = new CallTurns(
      script(
        'A: Lakeside Laser, this is Bo.',
        "C: Hi, I got charged twice for my last visit. That's a lot of money to have tied up, ugh.",
        "A: I'm sorry, I'll have billing reverse it. While I have you, we have a special on facials this month.",
        "C: No, that's too expensive for me right now, just the refund please.",
      ),
    );
    const found = detectObjections(call, { category: 'other_question' });
    expect(found.map((objection) => [objection.type, objection.turn.callerIndex])).toEqual([['cost-value', 1]]);
  });

  it('skips the voicemail greeting', () => {
    const call = new CallTurns(script("C: You've reached Ana, I'm scared I'll miss you, leave a message after the beep.", 'A: Hi Ana, call us back.'));
    expect(detectObjections(call, { category: 'consult_not_scheduled' })).toEqual([]);
  });
});
