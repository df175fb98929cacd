import { describe, expect, it } from 'vitest';
import { phraseRanges } from './phrase-ranges';

describe('phraseRanges', () => {
  it('finds the phrase as the matcher does: any case, punctuation between words, contractions, whole words', () => {
    const text = 'Hmm. Can I ask, IS it safe? It\u2019s priceless, and the price is fine.';
    const slices = (phrase: string) => phraseRanges(text, phrase).map(({ start, end }) => text.slice(start, end));
    expect(slices('is it safe')).toEqual(['IS it safe']);
    expect(slices("it's priceless")).toEqual(['It\u2019s priceless']);
    expect(slices('price')).toEqual(['price']);
    expect(slices('not here')).toEqual([]);
  });
});
