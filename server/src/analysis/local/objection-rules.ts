import type { ObjectionType } from '@call-assist/shared';
import type { CategoryFinding } from './category-rules.js';
import type { CallTurn, CallTurns } from './call-turns.js';
import {
  AGENT_EMPATHY,
  AGENT_OFFER,
  CONCERN_MARKER,
  FEAR,
  HEARSAY,
  HEDGE,
  MONEY_MENTION,
  OBJECTION_CUES,
  PRICE_ACCEPTED,
  PRICE_SHOCK,
  THIRD_PARTY,
  TYPE_PRIORITY,
} from './objection-lexicon.js';
import { matchForm, narrowSpan, negatedBefore, splitSentences, type Span } from './text-spans.js';
import { VOICEMAIL } from './topic-lexicon.js';

/** A concern found in one caller turn; `quote` is a span of that turn's text. */
export interface FoundObjection {
  type: ObjectionType;
  quote: Span;
  score: number;
}

/** A concern found in the call, with the caller turn it became explicit in. */
export interface DetectedObjection extends FoundObjection {
  turn: CallTurn;
}

interface ScoredSentence {
  span: Span;
  scores: Map<ObjectionType, number>;
  concern: boolean;
  /** Position of the first cue found, to narrow long unpunctuated sentences around it. */
  at: number;
}

const MIN_SCORE = 2;

const PRONOUN = /\b(?:he|she|they|him|her|them|he's|she's|they're|they'd|he'd|she'd)\b/;

const globalPatterns = new Map<RegExp, RegExp>();
/** A global copy of the pattern, made once, for `matchAll`. */
function globalOf(pattern: RegExp): RegExp {
  let global = globalPatterns.get(pattern);
  if (!global) globalPatterns.set(pattern, (global = new RegExp(pattern.source, 'g')));
  return global;
}

/** Sum of the weights of the type's cues found in the sentence (negated cues skipped). */
function cueScores(form: string, price: boolean): { scores: Map<ObjectionType, number>; at: number } {
  const scores = new Map<ObjectionType, number>();
  let at = -1;
  for (const type of TYPE_PRIORITY) {
    let score = 0;
    for (const { pattern, weight, negatable, needsPrice } of OBJECTION_CUES[type]) {
      const matches = [...form.matchAll(globalOf(pattern))].filter((match) => !(negatable && negatedBefore(form, match.index)));
      if (matches.length === 0 || (needsPrice && !price)) continue;
      score += weight;
      if (at < 0) at = matches[0]!.index;
    }
    if (score > 0) scores.set(type, score);
  }
  return { scores, at: Math.max(at, 0) };
}

/**
 * Third parties make social cues count; a shocked word next to a price makes a cost objection; a
 * third party's view of the money ("he thinks it's a waste") is a social concern, not a cost one;
 * and a price the caller accepts is no objection at all.
 */
function adjustScores(form: string, scores: Map<ObjectionType, number>, shockBonus: number, thirdPartyEarlier: boolean): void {
  const social = scores.get('social-concerns') ?? 0;
  if (social > 0 && (THIRD_PARTY.test(form) || (thirdPartyEarlier && PRONOUN.test(form)))) scores.set('social-concerns', social + 1);
  let cost = (scores.get('cost-value') ?? 0) + shockBonus;
  if (PRICE_ACCEPTED.test(form) || (scores.get('social-concerns') ?? 0) >= MIN_SCORE) cost = 0;
  if (cost > 0) scores.set('cost-value', cost);
  else scores.delete('cost-value');
}

/** A worry word not negated ("worried", but not "not worried"). */
function hasConcern(form: string): boolean {
  return [...form.matchAll(globalOf(CONCERN_MARKER))].some((match) => !negatedBefore(form, match.index));
}

const near = (flags: boolean[], index: number): boolean => !!(flags[index - 1] || flags[index] || flags[index + 1]);

/** Scores every sentence of a caller turn for every objection type. */
export function scoreSentences(text: string, agentBefore = ''): ScoredSentence[] {
  const form = matchForm(text);
  const agentForm = matchForm(agentBefore);
  const price = MONEY_MENTION.test(form) || MONEY_MENTION.test(agentForm) || /\b(?:price|cost|financ\w*|a month|per session|quoted?)\b/.test(`${agentForm} ${form}`);
  const spans = splitSentences(text);
  const forms = spans.map((span) => form.slice(span.start, span.end));
  const money = forms.map((sentence) => MONEY_MENTION.test(sentence));
  const shock = forms.map((sentence) => PRICE_SHOCK.test(sentence));
  let thirdPartyEarlier = false;
  const sentences = spans.map((span, index) => {
    const sentenceForm = forms[index]!;
    const { scores, at } = cueScores(sentenceForm, price);
    const shockBonus = shock[index] && near(money, index) ? 2 : money[index] && near(shock, index) ? 1 : 0;
    adjustScores(sentenceForm, scores, shockBonus, thirdPartyEarlier);
    thirdPartyEarlier ||= THIRD_PARTY.test(sentenceForm);
    return { span, scores, concern: hasConcern(sentenceForm), at: span.start + at };
  });
  // Worry words ("I'm scared", "what if", "is that a problem?") strengthen the concern named next to them.
  const boosted = sentences.map((sentence, index) => sentence.concern || !!sentences[index - 1]?.concern || !!sentences[index + 1]?.concern);
  sentences.forEach((sentence, index) => {
    if (!boosted[index]) return;
    for (const [type, score] of sentence.scores) sentence.scores.set(type, score + 1);
  });
  addUnnamedFear(sentences, forms);
  return sentences;
}

/** Fear next to hearsay, with no concern named anywhere in the turn, is taken as a safety worry. */
function addUnnamedFear(sentences: ScoredSentence[], forms: string[]): void {
  if (sentences.some((sentence) => [...sentence.scores.values()].some((score) => score >= MIN_SCORE))) return;
  const hearsay = forms.map((form) => HEARSAY.test(form));
  const fearAt = forms.findIndex((form, index) => FEAR.test(form) && near(hearsay, index));
  if (fearAt >= 0) sentences[fearAt]!.scores.set('safety-risk', MIN_SCORE);
}

function topType(sentence: ScoredSentence, minScore = MIN_SCORE): ObjectionType | undefined {
  let best: ObjectionType | undefined;
  for (const type of TYPE_PRIORITY) {
    const score = sentence.scores.get(type) ?? 0;
    if (score >= minScore && score > (best ? sentence.scores.get(best)! : 0)) best = type;
  }
  return best;
}

/** The best sentence for the type, joined with a neighbour that carries the same concern. */
function quoteFor(text: string, sentences: ScoredSentence[], type: ObjectionType, minScore = MIN_SCORE): FoundObjection {
  let bestIndex = -1;
  sentences.forEach((sentence, index) => {
    if (topType(sentence, minScore) !== type) return;
    if (bestIndex < 0 || sentence.scores.get(type)! > sentences[bestIndex]!.scores.get(type)!) bestIndex = index;
  });
  const best = sentences[bestIndex]!;
  const previous = sentences[bestIndex - 1];
  const next = sentences[bestIndex + 1];
  const joins = (other: ScoredSentence | undefined): boolean =>
    !!other && (other.scores.get(type) ?? 0) >= 1 && [undefined, type].includes(topType(other));
  let span = narrowSpan(text, best.span, best.at);
  if (span === best.span) {
    const worryOnly = previous && previous.concern && !topType(previous) && previous.span.text.length < 80;
    if (worryOnly || joins(previous)) span = { start: previous!.span.start, end: best.span.end, text: text.slice(previous!.span.start, best.span.end) };
    else if (joins(next)) span = { start: best.span.start, end: next!.span.end, text: text.slice(best.span.start, next!.span.end) };
  }
  return { type, quote: span, score: best.scores.get(type)! };
}

/**
 * The concerns voiced in one caller turn, at most one per type. When nothing clears the bar but the
 * caller hedges ("but", "honestly", "my worry is") and the agent answers as to a concern ("I totally
 * understand", "that's a fair question"), the strongest weaker cue is taken as the objection.
 */
export function objectionsInTurn(text: string, agentBefore = '', agentAfter = ''): FoundObjection[] {
  const sentences = scoreSentences(text, agentBefore);
  const types = new Set(sentences.map((sentence) => topType(sentence)).filter((type): type is ObjectionType => type !== undefined));
  if (types.size > 0 || !HEDGE.test(matchForm(text)) || !AGENT_EMPATHY.test(matchForm(agentAfter).trimStart())) {
    return [...types].map((type) => quoteFor(text, sentences, type)).sort((a, b) => a.quote.start - b.quote.start);
  }
  const weak = sentences
    .map((sentence) => ({ type: topType(sentence, 1), score: Math.max(0, ...sentence.scores.values()) }))
    .filter((candidate): candidate is { type: ObjectionType; score: number } => candidate.type !== undefined)
    .sort((a, b) => b.score - a.score)[0];
  return weak ? [quoteFor(text, sentences, weak.type, 1)] : [];
}

function isMachine(turn: CallTurn): boolean {
  const form = matchForm(turn.text);
  return VOICEMAIL.some((pattern) => pattern.test(form));
}

const MAX_OBJECTIONS = 20;

/**
 * The caller's objections, each at the turn where its type first becomes explicit (a concern
 * repeated later is the same objection). In a non-consult call only a reaction to an offer counts.
 */
export function detectObjections(call: CallTurns, finding: Pick<CategoryFinding, 'category'>): DetectedObjection[] {
  const found: DetectedObjection[] = [];
  const seen = new Set<ObjectionType>();
  for (const turn of call.callerTurns) {
    if (isMachine(turn)) continue;
    const agentBefore = call.agentTextBefore(turn.index);
    if (finding.category === 'other_question' && !AGENT_OFFER.test(matchForm(agentBefore))) continue;
    for (const objection of objectionsInTurn(turn.text, agentBefore, call.agentResponseAfter(turn.index))) {
      if (seen.has(objection.type) || found.length >= MAX_OBJECTIONS) continue;
      seen.add(objection.type);
      found.push({ ...objection, turn });
    }
  }
  return found;
}
