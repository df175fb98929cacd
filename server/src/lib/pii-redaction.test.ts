import { describe, expect, it } from 'vitest';
import { redactDeep, redactPii } from './pii-redaction.js';

describe('PII redaction', () => {
  it('redacts phone numbers written or spoken', () => {
    expect(redactPii('call me at (555) 212-3456 tomorrow')).toBe('call me at [number] tomorrow');
    expect(redactPii('you can call me back at five five five two one two three four five six')).toBe('you can call me back at [number]');
    expect(redactPii('my cell is five five five, two one two, three four five six.')).toBe('my cell is [number].');
    expect(redactPii('it is oh seven seven double nine one two three four five six')).toBe('it is [number]');
    // As a speech engine heard it: "two one two" came out as "do you want to".
    expect(redactPii('you can call me back and five five five do you want to three four five six')).toBe('you can call me back and [number]');
  });

  it('redacts email addresses written or spoken', () => {
    expect(redactPii('email jane.doe+spa@example.co.uk please')).toBe('email [email] please');
    expect(redactPii('my email is jane dot doe at gmail dot com thanks')).toBe('my email is [email] thanks');
  });

  it('redacts card numbers that pass the Luhn check, and dates of birth after a cue', () => {
    expect(redactPii('card 4111 1111 1111 1111 exp')).toBe('card [card number] exp');
    expect(redactPii('my date of birth is 03/14/1985.')).toBe('my date of birth is [date of birth].');
    expect(redactPii('I was born on March fourteenth nineteen eighty five, so')).toBe('I was born on [date of birth], so');
  });

  it('leaves prices, times, durations and short numbers alone', () => {
    for (const text of [
      'about three to four months',
      'it is two hundred and fifty dollars per area',
      'Thursday at ten thirty works',
      'we open at nine and close at five',
      'room one two three',
      'order 12345',
      'the package is twelve hundred for three sessions',
      'one for one, two for two, and three to four weeks later',
      'I am free at four or five on the second',
    ]) {
      expect(redactPii(text), text).toBe(text);
    }
  });

  it('redacts every string of an analysis', () => {
    const analysis = { summary: 'Caller (jane@example.com) asked for a call back', objections: [{ quote: 'call 555 212 3456', overcome: true }], score: 3 };
    expect(redactDeep(analysis, redactPii)).toEqual({ summary: 'Caller ([email]) asked for a call back', objections: [{ quote: 'call [number]', overcome: true }], score: 3 });
  });
});
