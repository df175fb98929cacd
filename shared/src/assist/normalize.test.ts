import { describe, expect, it } from 'vitest';
import { tokenize } from './normalize.js';

describe('tokenize', () => {
  it('lower-cases and drops punctuation', () => {
    expect(tokenize('Is it SAFE?! Well... (maybe)')).toEqual(['is', 'it', 'safe', 'well', 'maybe']);
  });

  it('treats curly and straight apostrophes alike and expands contractions', () => {
    expect(tokenize('I don’t know')).toEqual(tokenize("I don't know"));
    expect(tokenize("I don't know")).toEqual(['i', 'do', 'not', 'know']);
    expect(tokenize("can't, won't, cannot")).toEqual(['can', 'not', 'will', 'not', 'can', 'not']);
    expect(tokenize("I'm sure it's fine, we'll see, you've got it")).toEqual([
      'i', 'am', 'sure', 'it', 'is', 'fine', 'we', 'will', 'see', 'you', 'have', 'got', 'it',
    ]);
  });

  it('drops possessive s so "doctor’s" meets "doctor"', () => {
    expect(tokenize('the doctor’s office')).toEqual(['the', 'doctor', 'office']);
  });

  it('splits hyphenated words and keeps digits', () => {
    expect(tokenize('a follow-up in 2 weeks')).toEqual(['a', 'follow', 'up', 'in', '2', 'weeks']);
  });

  it('keeps letters outside ASCII', () => {
    expect(tokenize('Café Señora')).toEqual(['café', 'señora']);
  });
});
