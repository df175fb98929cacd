import { talkingPointInputSchema } from '@call-assist/shared';
import { describe, expect, it } from 'vitest';
import { draftToInput, emptyDraft, fieldErrorsFromIssues } from './draft';
import { addPhrases } from './PhraseChips';

describe('talking-point form', () => {
  it('turns the form into the API body: cooldown in seconds → ms, empty cooldown = once per call', () => {
    const draft = { ...emptyDraft, title: 'Price', body: 'Financing.', phrases: ['too expensive'], cooldownSeconds: '1.5', priority: '3' };
    const { input } = draftToInput(draft);
    expect(input).toEqual({ title: 'Price', body: 'Financing.', phrases: ['too expensive'], speaker: 'any', cooldownMs: 1500, priority: 3, enabled: true });
    expect(talkingPointInputSchema.safeParse(input).success).toBe(true);
    expect(draftToInput({ ...draft, cooldownSeconds: '  ' }).input?.cooldownMs).toBeNull();
  });

  it('names the fields whose text is not a number instead of sending NaN', () => {
    expect(draftToInput({ ...emptyDraft, cooldownSeconds: 'ten', priority: '1.5' }).errors).toEqual({
      cooldown: expect.stringContaining('seconds'),
      priority: expect.stringContaining('whole number'),
    });
  });

  it("puts the server's validation issues on the fields they name", () => {
    const parsed = talkingPointInputSchema.safeParse({ title: '', body: 'x', phrases: ['?!'], cooldownMs: -5 });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const { fields, other } = fieldErrorsFromIssues([...issues, { path: '', message: 'body as a whole' }]);
    expect(Object.keys(fields).sort()).toEqual(['cooldown', 'phrases', 'title']);
    expect(fields.phrases).toMatch(/letter or a digit/);
    expect(other).toEqual(['body as a whole']);
  });

  it('adds phrases as chips: trimmed, split on commas and new lines, no repeats whatever the case', () => {
    expect(addPhrases(['Too expensive'], ' too  expensive , out of my budget\nfinancing,, ')).toEqual(['Too expensive', 'out of my budget', 'financing']);
  });
});
