import type { Objection } from '@call-assist/shared';

// Words that carry no meaning of their own, so two sentences sharing only these do not match.
const STOPWORDS = new Set(
  'a an and are as at be but do for i i\'m is it it\'s me my of on or so that the this to was we you your just really'.split(' '),
);
/** Share of the quote's content words a caller sentence must contain to stand in for it. */
const MIN_OVERLAP = 0.6;

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
const contentWords = (text: string) => new Set(words(text).filter((word) => !STOPWORDS.has(word)));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The caller's sentences, each an exact substring of its turn. */
function sentences(text: string): string[] {
  return (text.match(/[^.!?]+[.!?]*/g) ?? []).map((sentence) => sentence.trim()).filter(Boolean);
}

/** The same words in the same order, ignoring case and punctuation: the span as the caller said it. */
function looseMatch(quote: string, turn: string): string | null {
  const quoteWords = words(quote);
  if (quoteWords.length === 0) return null;
  const pattern = new RegExp(`(?<![a-z0-9])${quoteWords.map(escape).join("[^a-z0-9']+")}(?![a-z0-9])`, 'i');
  return pattern.exec(turn)?.[0] ?? null;
}

/** The caller sentence sharing the most content words with the quote, if enough of them. */
function bestSentence(quote: string, callerTurns: readonly string[], preferred: number | null): { quote: string; turn: number } | null {
  const wanted = contentWords(quote);
  if (wanted.size === 0) return null;
  let best: { quote: string; turn: number; score: number } | null = null;
  for (const [turn, text] of callerTurns.entries()) {
    for (const sentence of sentences(text)) {
      const have = contentWords(sentence);
      const shared = [...wanted].filter((word) => have.has(word)).length;
      // Ties go to the turn the model named, then to the earlier turn.
      const score = shared / wanted.size + (turn === preferred ? 1e-6 : 0);
      if (shared >= Math.min(2, wanted.size) && score >= MIN_OVERLAP && (!best || score > best.score)) best = { quote: sentence, turn, score };
    }
  }
  return best && { quote: best.quote, turn: best.turn };
}

/**
 * Makes every objection's quote an exact substring of a caller turn, as the labels require: kept
 * when it already is one; otherwise replaced by the same words as the caller said them (case and
 * punctuation differ), else by the caller sentence sharing most of its words; dropped when no
 * caller sentence is close enough (an invented quote). `callerTurn` is set to the turn found.
 */
export function repairQuotes(objections: readonly Objection[], callerTurns: readonly string[]): Objection[] {
  const repaired: Objection[] = [];
  for (const objection of objections) {
    const named = objection.callerTurn !== null && objection.callerTurn < callerTurns.length ? objection.callerTurn : null;
    const order = named === null ? callerTurns.map((_, i) => i) : [named, ...callerTurns.map((_, i) => i).filter((i) => i !== named)];
    const exact = order.find((turn) => callerTurns[turn]!.includes(objection.quote));
    if (exact !== undefined && objection.quote.trim()) {
      repaired.push({ ...objection, callerTurn: exact });
      continue;
    }
    let found: { quote: string; turn: number } | null = null;
    for (const turn of order) {
      const span = looseMatch(objection.quote, callerTurns[turn]!);
      if (span) {
        found = { quote: span, turn };
        break;
      }
    }
    found ??= bestSentence(objection.quote, callerTurns, named);
    if (found) repaired.push({ ...objection, quote: found.quote.slice(0, 600), callerTurn: found.turn });
  }
  return repaired;
}
