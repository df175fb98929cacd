import { describe, expect, it } from 'vitest';
import { clip, matchForm, narrowSpan, negatedBefore, patternFor, splitSentences } from './text-spans.js';

describe('matchForm', () => {
  it('lower-cases and straightens apostrophes without moving any character', () => {
    const text = 'I DON’T Think So';
    expect(matchForm(text)).toBe("i don't think so");
    expect(matchForm(text)).toHaveLength(text.length);
  });
});

describe('splitSentences', () => {
  it('splits on end punctuation followed by a space and keeps exact offsets', () => {
    const text = 'Is it safe?  I heard stories... Okay!';
    const spans = splitSentences(text);
    expect(spans.map((span) => span.text)).toEqual(['Is it safe?', 'I heard stories...', 'Okay!']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('keeps decimals and unfinished text together', () => {
    expect(splitSentences('It was 2.5 hours and then').map((span) => span.text)).toEqual(['It was 2.5 hours and then']);
  });
});

describe('narrowSpan', () => {
  it('leaves short spans alone', () => {
    const [span] = splitSentences('That is too expensive.');
    expect(narrowSpan('That is too expensive.', span!, 8)).toBe(span);
  });

  it('cuts a long unpunctuated span to a window of words around the hit', () => {
    const text = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ');
    const at = text.indexOf('word40');
    const narrowed = narrowSpan(text, { start: 0, end: text.length, text }, at);
    expect(narrowed.text).toContain('word40');
    expect(narrowed.text.split(' ').length).toBeLessThanOrEqual(25);
    expect(text.slice(narrowed.start, narrowed.end)).toBe(narrowed.text);
  });
});

describe('negatedBefore', () => {
  it('sees a negator in the few words before the hit, within the clause', () => {
    const form = "i'm not worried about it, but i am worried about the cost";
    expect(negatedBefore(form, form.indexOf('worried'))).toBe(true);
    expect(negatedBefore(form, form.lastIndexOf('worried'))).toBe(false);
    expect(negatedBefore('it is less scary now', 'it is less scary now'.indexOf('scary'))).toBe(true);
  });
});

describe('clip', () => {
  it('cuts on a word boundary and marks the cut', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('one two three four five', 12)).toBe('one two…');
  });
});

describe('patternFor', () => {
  const pattern = /\bthat's fair\b/;

  it('makes apostrophes optional for text that writes contractions without them', () => {
    expect(patternFor(pattern, 'ok thats fair i guess').test('ok thats fair i guess')).toBe(true);
  });

  it('keeps the pattern as written when the text uses apostrophes or has no bare contraction', () => {
    expect(patternFor(pattern, "that's fair, thats it")).toBe(pattern);
    expect(patternFor(pattern, 'sounds fair to me')).toBe(pattern);
  });
});
