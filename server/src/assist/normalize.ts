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
function expandApostrophe(word: string, out: string[]): void {
  if (word.endsWith("n't")) {
    const stem = word.slice(0, -3);
    out.push(NOT_STEMS[stem] ?? stem, 'not');
    return;
  }
  if (word.endsWith("'s")) {
    const stem = word.slice(0, -2);
    const expansion = S_CONTRACTIONS[stem];
    if (expansion) out.push(...expansion);
    else out.push(stem.replaceAll("'", ''));
    return;
  }
  for (const [suffix, expansion] of SUFFIXES) {
    if (word.endsWith(suffix)) {
      out.push(word.slice(0, -suffix.length).replaceAll("'", ''), expansion);
      return;
    }
  }
  out.push(word.replaceAll("'", ''));
}

/** Appends the normalised tokens of `text` to `out` (returned for convenience). */
export function tokenize(text: string, out: string[] = []): string[] {
  const lower = text.toLowerCase().replace(CURLY_APOSTROPHES, "'");
  for (const match of lower.matchAll(WORD_PATTERN)) {
    const word = match[0];
    if (word === 'cannot') out.push('can', 'not');
    else if (word.includes("'")) expandApostrophe(word, out);
    else out.push(word);
  }
  return out;
}
