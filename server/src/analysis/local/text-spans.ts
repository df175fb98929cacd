/**
 * Text helpers for the rule-based analyzer. Rules match against a lower-cased copy of the text that
 * keeps every character at the same offset, so a match can be cut out of the original text as an
 * exact quote.
 */

/** A slice of a text: `text === source.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

const CURLY_APOSTROPHES = /[\u2018\u2019\u02BC\u2032`]/g;

/** Lower case with straight apostrophes, same length and offsets as the input. */
export function matchForm(text: string): string {
  let out = '';
  for (const char of text.replace(CURLY_APOSTROPHES, "'")) {
    const lower = char.toLowerCase();
    // A few characters lower-case to two code units; keeping the original keeps offsets aligned.
    out += lower.length === char.length ? lower : char;
  }
  return out;
}

/** True when any of the patterns matches the text (patterns are written for `matchForm` text). */
export function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  const form = matchForm(text);
  return patterns.some((pattern) => pattern.test(form));
}

/** Trims whitespace off both ends of a span, keeping offsets exact. */
function trimSpan(source: string, start: number, end: number): Span | undefined {
  while (start < end && /\s/.test(source[start]!)) start++;
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return end > start ? { start, end, text: source.slice(start, end) } : undefined;
}

/** Sentences: text up to `.`, `?` or `!` followed by white space (or the end). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const boundary = /[.?!]+(?=\s|$)/g;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const span = trimSpan(text, start, match.index + match[0].length);
    if (span) spans.push(span);
    start = match.index + match[0].length;
  }
  const rest = trimSpan(text, start, text.length);
  if (rest) spans.push(rest);
  return spans;
}

const MAX_QUOTE_CHARS = 220;
const WINDOW_WORDS = 12;

/**
 * Narrows a long span (speech engines often give no punctuation) to the clause around `at`, or
 * failing that to a window of words around it, so quotes stay a clause rather than a whole turn.
 */
export function narrowSpan(source: string, span: Span, at: number): Span {
  if (span.text.length <= MAX_QUOTE_CHARS) return span;
  const clause = /[,;:]\s|\s(?:but|so|because|and then)\s/g;
  let start = span.start;
  let end = span.end;
  for (let match = clause.exec(span.text); match; match = clause.exec(span.text)) {
    const offset = span.start + match.index;
    if (offset < at) start = offset + match[0].length;
    else if (offset > at) {
      end = offset + (match[0].startsWith(',') || match[0].startsWith(';') || match[0].startsWith(':') ? 1 : 0);
      break;
    }
  }
  if (end - start > MAX_QUOTE_CHARS) {
    const words = [...source.slice(span.start, span.end).matchAll(/\S+/g)].map((m) => ({ start: span.start + m.index, end: span.start + m.index + m[0].length }));
    const hit = Math.max(0, words.findIndex((word) => word.end > at));
    start = words[Math.max(0, hit - WINDOW_WORDS)]!.start;
    end = words[Math.min(words.length - 1, hit + WINDOW_WORDS)]!.end;
  }
  return trimSpan(source, start, end) ?? span;
}

const NEGATORS = /\b(?:not|no|never|without|hardly|less|isn't|aren't|wasn't|don't|doesn't|didn't|won't|wouldn't|can't|cannot|nothing)\b|n't\b/;

/**
 * Negations that do not deny what follows: "I don't want to risk it", "I'm not sure it's safe",
 * "I don't know, is it painful?" voice the concern rather than wave it off.
 */
const NOT_A_DENIAL = /\b(?:(?:don't|do not|didn't|wouldn't|would not|never) (?:really )?(?:want|wanna|like|love|know)(?: to)?|not (?:sure|certain|convinced)(?: if| whether| that)?|no idea(?: if| whether)?|not only|can't help)\b/g;

/**
 * True when a negator sits in the few words before `at` within the same clause, as in "not worried
 * about" or "it isn't that expensive".
 */
export function negatedBefore(form: string, at: number, windowWords = 3): boolean {
  const clauseStart = Math.max(form.lastIndexOf(',', at - 1), form.lastIndexOf('.', at - 1), form.lastIndexOf('?', at - 1), form.lastIndexOf(';', at - 1)) + 1;
  const words = form.slice(clauseStart, at).replace(NOT_A_DENIAL, ' ').trim().split(/\s+/).slice(-windowWords).join(' ');
  return NEGATORS.test(words);
}

/** Cuts `text` to at most `maxChars`, on a word boundary, with an ellipsis when cut. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** A contraction written without its apostrophe ("dont", "thats"), as speech engines often give it. */
const BARE_CONTRACTION = /\b(?:im|ive|dont|cant|wont|didnt|doesnt|isnt|wasnt|arent|couldnt|wouldnt|shouldnt|thats|whats|youre|theyre|hes|shes|theres|heres|ill|id)\b/;
const lenientPatterns = new Map<RegExp, RegExp>();

/**
 * The pattern to use on `form`: when the text writes contractions without apostrophes and has none
 * anywhere ("thats fair", "i cant"), a copy of the pattern whose apostrophes are optional, so the
 * lexicon written with "that's" and "can't" still reads it. Flags are kept.
 */
export function patternFor(pattern: RegExp, form: string): RegExp {
  if (form.includes("'") || !BARE_CONTRACTION.test(form)) return pattern;
  let lenient = lenientPatterns.get(pattern);
  if (!lenient) lenientPatterns.set(pattern, (lenient = new RegExp(pattern.source.replace(/'/g, "'?"), pattern.flags)));
  return lenient;
}
