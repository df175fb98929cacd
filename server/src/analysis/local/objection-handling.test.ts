import { describe, expect, it } from 'vitest';
import { CallTurns } from './call-turns.js';
import { script } from './fixtures/script.js';
import { assessHandling, describeHandling } from './objection-handling.js';
import { detectObjections } from './objection-rules.js';

/** Handling of the first objection found in the call. */
function firstHandling(...lines: string[]) {
  const call = new CallTurns(script(...lines));
  const [objection] = detectObjections(call, { category: 'consult_not_scheduled' });
  if (!objection) throw new Error('the script has no objection');
  return assessHandling(call, objection);
}

describe('assessHandling', () => {
  it('is overcome when the agent addresses the concern and the caller is reassured', () => {
    const handling = firstHandling(
      "C: I'm scared of the needles, does it hurt?",
      'A: We put numbing cream on first, so most people only feel a little pressure.',
      'C: Oh, numbing cream, okay, that makes me feel better.',
    );
    expect(handling.overcome).toBe(true);
    expect(handling.how).toMatch(/^Agent .+\.$/);
  });

  it('is not overcome when the caller still hesitates', () => {
    const handling = firstHandling(
      "C: That's way out of my budget, honestly.",
      'A: We have financing, about ninety a month.',
      "C: Hmm, I don't know. Let me think about it.",
    );
    expect(handling).toMatchObject({ overcome: false });
    expect(handling.how).toContain('financing');
  });

  it('an ignored objection has no how and is not overcome, even if the caller books anyway', () => {
    const handling = firstHandling(
      "C: My husband thinks this is a waste of money, he's totally against it.",
      'A: So, what day works best for you, mornings or afternoons?',
      "C: Mornings. Let's book Tuesday.",
      "A: You're all set for Tuesday at nine.",
    );
    expect(handling).toEqual({ overcome: false, how: '' });
  });

  it('reads the caller raising the same concern again as not overcome', () => {
    const handling = firstHandling(
      "C: I'm going on vacation next week, so the timing is bad, I'd rather wait until after my trip.",
      'A: The consult only takes twenty minutes, we could do it tomorrow.',
      "C: No, I'd still rather wait until I'm back from the trip.",
    );
    expect(handling.overcome).toBe(false);
  });

  it('looks one turn further when the next one shows nothing either way', () => {
    const handling = firstHandling(
      "C: Will people at work be able to tell? I'd feel so awkward.",
      'A: Most people only notice you look rested, the result is very natural.',
      'C: Hmm. And how long is the appointment?',
      'A: About thirty minutes.',
      "C: Okay, that sounds good, let's book it.",
    );
    expect(handling.overcome).toBe(true);
  });

  it.each([
    ['Twenty years, huh. Alright, I feel a lot better hearing that.'],
    ['A cooling tip, okay. That does not sound too bad.'],
    ['One fifty a month I can probably handle. Okay.'],
    ["Okay. That's honestly refreshing to hear."],
  ])('reads "%s" as relief', (reaction) => {
    const handling = firstHandling("C: I'm scared it will hurt, I have a really low pain tolerance.", 'A: We use a numbing cream and a cooling tip, so most people feel only a little pressure.', `C: ${reaction}`);
    expect(handling.overcome).toBe(true);
  });

  it('does not read relief on a condition as relief', () => {
    const handling = firstHandling(
      'C: I read there was a complaint against your clinic with the state board.',
      'A: That was a billing dispute with a former manager, and it was resolved and closed.',
      "C: Hmm. I'd want to read the actual file before I'd feel okay about it.",
    );
    expect(handling.overcome).toBe(false);
  });

  it('does not count an accepted "we will call you later" as overcome', () => {
    const handling = firstHandling(
      "C: I'm getting married in October, so I'll just wait until after the wedding.",
      'A: Congratulations! Would you like me to reach out in November to set up a consult?',
      "C: Sure, that's fine.",
    );
    expect(handling).toMatchObject({ overcome: false, how: expect.stringMatching(/follow up/) });
  });

  it('credits an answer in the concern\'s own terms', () => {
    const handling = firstHandling(
      "C: I'm on camera five days a week. I can't show up on air with a swollen lip.",
      'A: Totally. Most of it is gone within forty eight hours, so clients on camera come in Friday afternoon.',
      'C: Oh, okay, a Friday could work then.',
    );
    expect(handling.how).not.toBe('');
    expect(handling.overcome).toBe(true);
  });

  it('credits an answer on the caller’s own point when the lexicon knows no move for it', () => {
    const handling = firstHandling(
      "C: I'm not sure a phone consult is even useful. Can they really tell anything over the phone?",
      'A: The provider can go over your case on the phone and map out a plan with you.',
      'C: Alright, that makes sense.',
    );
    expect(handling.how).toContain('phone');
    expect(handling.overcome).toBe(true);
  });
});

describe('describeHandling', () => {
  it('lists only moves that answer this kind of concern', () => {
    const response = 'We have payment plans, and our surgeon is board certified with twenty years of experience.';
    expect(describeHandling(response, 'cost-value')).toBe('Agent offered financing or monthly payments.');
    expect(describeHandling(response, 'provider-trust')).toBe("Agent described the provider's credentials and experience.");
    expect(describeHandling('Can I get your name?', 'safety-risk')).toBe('');
  });
});
