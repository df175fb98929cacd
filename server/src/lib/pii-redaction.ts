/**
 * Redaction of personal data in transcripts and analyses before they are stored (REDACT_PII=1):
 * email addresses, phone numbers, payment card numbers and dates of birth, written with digits or
 * spoken as words (speech engines write "five five five two one two…", "jane dot doe at gmail dot
 * com"). Conservative by design: prices, times and durations ("three to four months", "ten thirty")
 * are left alone; any run of seven or more digits is removed (phone, account and order numbers alike).
 */

export type Redactor = (text: string) => string;

const DIGIT_WORDS = ['zero', 'oh', 'o', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'double'];
const DIGIT_WORD = `(?:${DIGIT_WORDS.join('|')})`;
/** A digit, or a spoken digit, with the separators people and engines put between them. */
const DIGIT_TOKEN = `(?:\\d|\\b${DIGIT_WORD}\\b)`;
const SEPARATOR = `[\\s.,()+-]*`;

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
/** "jane dot doe at gmail dot com" */
const SPOKEN_EMAIL = /\b[a-z0-9]+(?: (?:dot|underscore|dash) [a-z0-9]+)* at [a-z0-9]+(?: dot [a-z0-9]+)*? dot (?:com|net|org|edu|gov|io|co|us|uk|ca|info|biz|me)\b/gi;
/** 13-19 digits, spaces or dashes between groups: checked with Luhn before it counts as a card. */
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
/** Seven or more digits (spoken or written) in a row: a phone, account or order number ("double five" is two tokens, as it is two digits). */
const DIGIT_RUN = new RegExp(`(?:[(+]\\s*)?${DIGIT_TOKEN}(?:${SEPARATOR}${DIGIT_TOKEN}){6,}`, 'gi');
/** A date right after a date-of-birth cue. */
const DATE_OF_BIRTH = new RegExp(
  `\\b(date of birth|d\\.?o\\.?b\\.?|birth ?date|birthday|born on|born)\\b(\\s*(?:is|was|:)?\\s*)` +
    `((?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4})|(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\\b[\\w\\s,]{1,40}?(?:\\b(?:19|20)\\d{2}\\b|\\bnineteen\\b(?:\\s+\\w+){1,2}|\\btwo thousand\\b(?:\\s+(?:and\\s+)?\\w+)?)))`,
  'gi',
);

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Words a speech engine writes for a spoken digit it misheard ("two" → "to", "four" → "for"). */
const DIGIT_HOMOPHONES = new Set(['to', 'too', 'for', 'won', 'ate', 'free', 'tree', 'sex', 'fife']);
const STRICT_DIGITS = new Set(DIGIT_WORDS);
/** Other words allowed between the digits of one number (engine noise: "five five five do you want to three four…"). */
const MAX_GAP_WORDS = 3;

/**
 * Spoken numbers the engine partly misheard: a stretch of at least seven digit words with no more
 * than three other words between two of them, of which at most one is a homophone such as "to"
 * (unless seven are real digit words) — so "one for one, two for two" stays.
 */
function redactSpokenNumbers(text: string): string {
  const tokens = [...text.matchAll(/[A-Za-z']+|\d/g)];
  const kind = (word: string) => (STRICT_DIGITS.has(word.toLowerCase()) || /^\d$/.test(word) ? 'digit' : DIGIT_HOMOPHONES.has(word.toLowerCase()) ? 'maybe' : 'other');
  const spans: [number, number][] = [];
  let start = -1;
  let last = -1;
  let digits = 0;
  let strict = 0;
  const close = () => {
    if (start >= 0 && digits >= 7 && (strict >= 7 || (strict >= 6 && digits - strict <= 1))) spans.push([tokens[start]!.index, tokens[last]!.index + tokens[last]![0].length]);
    start = -1;
    digits = 0;
    strict = 0;
  };
  tokens.forEach((token, i) => {
    const k = kind(token[0]);
    if (k === 'other') {
      if (start >= 0 && i - last > MAX_GAP_WORDS) close();
      return;
    }
    if (start >= 0 && i - last - 1 > MAX_GAP_WORDS) close();
    if (start < 0) start = i;
    last = i;
    digits++;
    if (k === 'digit') strict++;
  });
  close();
  let result = text;
  for (const [from, to] of spans.reverse()) result = `${result.slice(0, from)}[number]${result.slice(to)}`;
  return result;
}

export const redactPii: Redactor = (text) =>
  redactSpokenNumbers(
    text
      .replace(EMAIL, '[email]')
      .replace(SPOKEN_EMAIL, '[email]')
      .replace(DATE_OF_BIRTH, (_match, cue: string, glue: string) => `${cue}${glue}[date of birth]`)
      .replace(CARD_CANDIDATE, (match) => (luhnValid(match.replace(/\D/g, '')) ? '[card number]' : match))
      .replace(DIGIT_RUN, '[number]'),
  );

/** Every string inside a JSON-like value, redacted (an analysis: summary, quotes, action items…). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)])) as T;
  return value;
}

/**
 * A transcript segment as stored: text redacted; its per-word timings are dropped when anything was
 * redacted (the words would still spell out what was removed).
 */
export function redactSegment<W>(segment: { text: string; words?: W[] | undefined | null }, redact: Redactor | undefined): { text: string; words: W[] | null } {
  if (!redact) return { text: segment.text, words: segment.words ?? null };
  const text = redact(segment.text);
  return { text, words: text === segment.text ? (segment.words ?? null) : null };
}
