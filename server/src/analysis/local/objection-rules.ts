import type { ObjectionType } from '@call-assist/shared';
import type { CategoryFinding } from './category-rules.js';
import type { CallTurn, CallTurns } from './call-turns.js';
import { AGENT_ACKNOWLEDGEMENT, AGENT_EMPATHY, AGENT_OFFER, HEDGE, TYPE_PRIORITY, WORRY } from './objection-lexicon.js';
import { HANDLING_ACTIONS } from './reaction-lexicon.js';
import { MIN_SCORE, scoreSentences, topType, type ScoredSentence } from './sentence-scores.js';
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

const MAX_QUOTE_SENTENCES = 3;

/** The best sentence for the type, joined with a neighbour that carries the same concern. */
function quoteFor(text: string, sentences: ScoredSentence[], type: ObjectionType, minScore = MIN_SCORE): FoundObjection {
  let bestIndex = -1;
  sentences.forEach((sentence, index) => {
    if (topType(sentence, minScore) !== type) return;
    if (bestIndex < 0 || sentence.scores.get(type)! > sentences[bestIndex]!.scores.get(type)!) bestIndex = index;
  });
  const best = sentences[bestIndex]!;
  const joins = (other: ScoredSentence | undefined): boolean =>
    !!other && (((other.scores.get(type) ?? 0) >= 1 && [undefined, type].includes(topType(other))) || (other.concern && other.scores.size === 0 && other.span.text.length < 100));
  let span = narrowSpan(text, best.span, best.at);
  if (span === best.span) {
    // Grow over neighbours carrying the same concern, up to MAX_QUOTE_SENTENCES sentences.
    let first = bestIndex;
    let last = bestIndex;
    while (last - first + 1 < MAX_QUOTE_SENTENCES) {
      if (joins(sentences[first - 1])) first--;
      else if (joins(sentences[last + 1])) last++;
      else break;
    }
    const start = sentences[first]!.span.start;
    const end = sentences[last]!.span.end;
    if (first !== bestIndex || last !== bestIndex) span = { start, end, text: text.slice(start, end) };
  }
  return { type, quote: span, score: best.scores.get(type)! };
}

/**
 * The concerns voiced in one caller turn, at most one per type. When nothing clears the bar but the
 * agent answers as to a concern ("I totally understand", "I'm sorry she had that experience") and
 * the caller hedged or voiced a stance, the strongest weaker cue is taken as the objection; between
 * equally weak cues, the one the agent's answer speaks to wins.
 */
export function objectionsInTurn(text: string, agentBefore = '', agentAfter = ''): FoundObjection[] {
  const sentences = scoreSentences(text, agentBefore);
  dropContextSentences(sentences);
  const types = new Set(sentences.map((sentence) => topType(sentence)).filter((type): type is ObjectionType => type !== undefined));
  const hedged = HEDGE.test(matchForm(text)) || sentences.some((sentence) => sentence.concern);
  const acknowledged = agentAcknowledges(agentAfter);
  if (types.size > 0 || !acknowledged || !(hedged || acknowledged === 'concern')) {
    return [...types].map((type) => quoteFor(text, sentences, type)).sort((a, b) => a.quote.start - b.quote.start);
  }
  const answered = handlingCounts(agentAfter);
  const weak = sentences
    .flatMap((sentence) => [...sentence.scores].map(([type, score]) => ({ type, score, answered: answered.get(type) ?? 0 })))
    .filter((candidate) => candidate.score >= 1)
    .sort((a, b) => b.score - a.score || b.answered - a.answered || TYPE_PRIORITY.indexOf(a.type) - TYPE_PRIORITY.indexOf(b.type))[0];
  if (!weak) return concernNamedByTheAnswer(text, sentences, agentAfter);
  for (const sentence of sentences) {
    for (const type of sentence.scores.keys()) if (type !== weak.type) sentence.scores.delete(type);
  }
  return [quoteFor(text, sentences, weak.type, 1)];
}

/**
 * A worry voiced without a topic the lexicon knows ("that really rattled me"), acknowledged by the
 * agent, whose answer speaks to one kind of concern more than any other: that kind it is.
 */
function concernNamedByTheAnswer(text: string, sentences: ScoredSentence[], agentAfter: string): FoundObjection[] {
  const ranked = [...handlingCounts(agentAfter, 2)].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (!top || top[1] < 2 || (second && second[1] === top[1])) return [];
  const worried = sentences.findIndex((sentence) => {
    const form = matchForm(sentence.span.text);
    const at = form.search(WORRY);
    return at >= 0 && !negatedBefore(form, at);
  });
  if (worried < 0) return [];
  for (const [index, sentence] of sentences.entries()) {
    sentence.scores.clear();
    if (index === worried) sentence.scores.set(top[0], 1);
  }
  return [quoteFor(text, sentences, top[0], 1)];
}

/**
 * A sentence that reaches the bar only by a topic word and the caller's stance ("I saw on the news a
 * patient died") next to one that names a different concern outright ("How do I know you're not one
 * of those places?") is the story behind that concern, not a second one.
 */
function dropContextSentences(sentences: ScoredSentence[]): void {
  const strongType = sentences.map((sentence) => {
    const type = topType(sentence);
    return type && (sentence.cueScores.get(type) ?? 0) >= MIN_SCORE ? type : undefined;
  });
  sentences.forEach((sentence, index) => {
    const type = topType(sentence);
    if (!type || (sentence.cueScores.get(type) ?? 0) >= MIN_SCORE) return;
    const neighbours = [strongType[index - 1], strongType[index + 1]].filter((other) => other !== undefined);
    if (neighbours.length > 0 && !neighbours.includes(type)) sentence.scores.delete(type);
  });
}

/**
 * Whether the agent's first words acknowledge a concern: `concern` when they name it as one ("that's
 * a fair worry", "I'm sorry that happened"), `empathy` for softer openings ("I understand", "good
 * question") that also greet plain questions.
 */
function agentAcknowledges(response: string): 'concern' | 'empathy' | undefined {
  const opening = splitSentences(response)
    .slice(0, 2)
    .map((sentence) => matchForm(sentence.text))
    .join(' ');
  if (AGENT_ACKNOWLEDGEMENT.test(opening)) return 'concern';
  return AGENT_EMPATHY.test(opening.trimStart()) ? 'empathy' : undefined;
}

/** How many handling moves for each type of concern the agent's response makes (moves serving at most `maxTypes` types). */
function handlingCounts(response: string, maxTypes = Infinity): Map<ObjectionType, number> {
  const form = matchForm(response);
  const counts = new Map<ObjectionType, number>();
  for (const action of HANDLING_ACTIONS) {
    if (action.types.length > maxTypes || !action.pattern.test(form)) continue;
    for (const type of action.types) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
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
