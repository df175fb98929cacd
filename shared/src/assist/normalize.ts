/**
 * Turns transcript or phrase text into the word tokens the matcher compares: lower case, no
 * punctuation, curly apostrophes straightened, contractions expanded ("don't" → "do not") and
 * possessives dropped ("doctor's" → "doctor"), so phrases and speech meet in one form whatever
 * engine wrote the text.
 */

/** `'s` after these words is "is" (or "us"), not a possessive. */
const S_CONTRACTIONS: Record<string, string[]> = {
  it: ['it', 'is'],
  that: ['that', 'is'],
  what: ['what', 'is'],
  he: ['he', 'is'],
  she: ['she', 'is'],
  there: ['there', 'is'],
  here: ['here', 'is'],
  where: ['where', 'is'],
  who: ['who', 'is'],
  how: ['how', 'is'],
  let: ['let', 'us'],
};

/** Irregular `n't` stems. */
const NOT_STEMS: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is' };

const SUFFIXES: [suffix: string, expansion: string][] = [
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'d", 'would'],
  ["'m", 'am'],
];

const WORD_PATTERN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const CURLY_APOSTROPHES = /[\u2018\u2019\u02BC\u2032`]/g;

/** Expands one word that contains an apostrophe. */
function expandApostrophe(word: string, emit: (token: string) => void): void {
  if (word.endsWith("n't")) {
    const stem = word.slice(0, -3);
    emit(NOT_STEMS[stem] ?? stem);
    emit('not');
    return;
  }
  if (word.endsWith("'s")) {
    const stem = word.slice(0, -2);
    const expansion = S_CONTRACTIONS[stem];
    if (expansion) expansion.forEach(emit);
    else emit(stem.replaceAll("'", ''));
    return;
  }
  for (const [suffix, expansion] of SUFFIXES) {
    if (word.endsWith(suffix)) {
      emit(word.slice(0, -suffix.length).replaceAll("'", ''));
      emit(expansion);
      return;
    }
  }
  emit(word.replaceAll("'", ''));
}

/**
 * Calls `emit` with each normalised token of `text`, in order, without building an array. Not
 * re-entrant: `emit` must not tokenize.
 */
export function forEachToken(text: string, emit: (token: string) => void): void {
  const lower = text.toLowerCase().replace(CURLY_APOSTROPHES, "'");
  WORD_PATTERN.lastIndex = 0;
  for (let match = WORD_PATTERN.exec(lower); match; match = WORD_PATTERN.exec(lower)) {
    const word = match[0];
    if (word === 'cannot') {
      emit('can');
      emit('not');
    } else if (word.includes("'")) expandApostrophe(word, emit);
    else emit(word);
  }
}

/** The word pattern again, for scans that call `forEachToken` inside their own loop (it resets the shared one). */
const SPAN_WORD_PATTERN = new RegExp(WORD_PATTERN.source, 'gu');

/**
 * Like `forEachToken`, and also says where in `text` each token came from (`[start, end)` in UTF-16
 * code units): the word it is part of, so "don't" gives "do" and "not" the same span. Each word is
 * normalised by `forEachToken` itself, so the tokens are the reference's, in the same order. (One
 * exception, harmless to matching: a Greek word-final sigma that the reference, lowercasing the whole
 * text, saw followed by a letter beyond an apostrophe or a combining mark is `ς` here and `σ` there.)
 */
export function forEachTokenSpan(text: string, emit: (token: string, start: number, end: number) => void): void {
  // Straightening apostrophes keeps every offset: each is one code unit before and after.
  const straight = text.replace(CURLY_APOSTROPHES, "'");
  SPAN_WORD_PATTERN.lastIndex = 0;
  for (let match = SPAN_WORD_PATTERN.exec(straight); match; match = SPAN_WORD_PATTERN.exec(straight)) {
    const start = match.index;
    const end = start + match[0].length;
    // Collected first: `emit` may tokenize too, and `forEachToken` is not re-entrant (one shared pattern).
    const tokens: string[] = [];
    forEachToken(match[0], (token) => tokens.push(token));
    for (const token of tokens) emit(token, start, end);
  }
}

/** The normalised tokens of `text`. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (token) => tokens.push(token));
  return tokens;
}
