import type { ObjectionType } from '@call-assist/shared';
import {
  AGENT_ASKS_CONCERN,
  CONCERN_STANCE,
  FEAR,
  HEARSAY,
  MONEY_MENTION,
  OBJECTION_CUES,
  PERSON_PRONOUN,
  PRICE_ACCEPTED,
  PRICE_SHOCK,
  PRICE_WORDS,
  THIRD_PARTY,
  TYPE_PRIORITY,
  WAVED_OFF,
} from './objection-lexicon.js';
import { matchForm, negatedBefore, patternFor, splitSentences, type Span } from './text-spans.js';

/**
 * Scoring one caller turn, sentence by sentence: which concern each sentence voices and how
 * strongly. The cues come from `objection-lexicon.ts`; this module weighs them in context (a price
 * on the table, a person in view, the caller's stance, a "no" to the agent's question).
 */

/** One sentence of a caller turn, scored for every objection type. */
export interface ScoredSentence {
  span: Span;
  scores: Map<ObjectionType, number>;
  /** Per type, the weight of cues that are a concern on their own (phrases, not topic words): breaks ties. */
  phrases: Map<ObjectionType, number>;
  /** The scores from cues alone, before the caller's stance added weight. */
  cueScores: Map<ObjectionType, number>;
  /** The caller's stance (worry, doubt, reluctance) is voiced in this sentence. */
  concern: boolean;
  /** Position of the first cue found, to narrow long unpunctuated sentences around it. */
  at: number;
}

/** A short question, as when a caller repeats a price back. */
const ECHO_QUESTION = /\?\s*$/;

/** The score a sentence needs for its concern to count. */
export const MIN_SCORE = 2;

const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|[0-9]+)\b/;
/** A caller answering "no" to the agent's question about worries: that sentence names no concern. */
const DENIAL = /^(?:(?:oh|um|uh|hmm|well)\W+)?(?:no|nope|nah|not really|not at all|none|not that i know of)\b/;
/** A yes-or-no question about what could happen ("Will it leave a scar?", "Is there a chance..."). */
const OUTCOME_QUESTION =
  /(?:^|\W)(?<!\b(?:how|when|where|why|what) )(?:will|would|could|can|might|does|do|is there (?:a|any) (?:chance|risk|way)|what are the chances|(?:is|are) (?:it|this|that|they|the \w+) going to)\b[^?]*\?\s*$/;
/** Relief at an answer, opening a turn (not a bare "Great." that acknowledges anything). */
const RELIEF =
  /\b(?:makes? (?:me )?feel|feel (?:a lot |so much |much |way )?better|reassur\w*|relief|relieved|good to know|that helps|makes (?:total |a lot of )?sense|that's (?:good|fair|better|different|not bad)|not (?:too|that|so) bad|less scary|load off)\b/;
/** The caller turning to a new concern after relief. */
const NEW_CONCERN = /^(?:\W*(?:oh|okay|ok|um|uh|so|and|well)\W+)*(?:but|though|although|the (?:other|only|one) thing|my (?:other|only|one)|another thing|one (?:more|other) thing|also|what about|now)\b|\b(?:though|however)\b/;
const AGENT_ASKS_ABOUT_WORRY = /\b(?:worr\w*|concern\w*|nervous|bother\w*|hesitat\w*|scared|afraid|unsure)\b[^.?!]*\?/;

const globalPatterns = new Map<RegExp, RegExp>();
/** A global copy of the pattern, made once, for `matchAll`. */
function globalOf(pattern: RegExp): RegExp {
  let global = globalPatterns.get(pattern);
  if (!global) globalPatterns.set(pattern, (global = new RegExp(pattern.source, 'g')));
  return global;
}

/** A money amount, or a number next to price words ("four ninety nine a month"). */
const isMoneyTalk = (form: string): boolean => MONEY_MENTION.test(form) || (NUMBER_WORD.test(form) && PRICE_WORDS.test(form));

interface SentenceContext {
  /** A price is on the table (in this turn or the agent's words before it). */
  price: boolean;
  /** Someone other than the caller is in view: named here, or a pronoun for one named earlier. */
  person: boolean;
}

/** Sum of the weights of the type's cues found in the sentence (negated cues skipped). */
function cueScores(form: string, context: SentenceContext): { scores: Map<ObjectionType, number>; phrases: Map<ObjectionType, number>; at: number } {
  const scores = new Map<ObjectionType, number>();
  const phrases = new Map<ObjectionType, number>();
  let at = -1;
  for (const type of TYPE_PRIORITY) {
    let score = 0;
    let support = 0;
    for (const { pattern, weight, negatable, needsPrice, needsPerson, supporting, perWord } of OBJECTION_CUES[type]) {
      if ((needsPrice && !context.price) || (needsPerson && !context.person)) continue;
      const matches = [...form.matchAll(globalOf(patternFor(pattern, form)))].filter((match) => !(negatable && negatedBefore(form, match.index)));
      if (matches.length === 0) continue;
      if (supporting) {
        support += weight;
        continue;
      }
      score += perWord ? weight * Math.min(2, new Set(matches.map((match) => match[0])).size) : weight;
      if (weight >= MIN_SCORE) phrases.set(type, (phrases.get(type) ?? 0) + weight);
      if (at < 0 || matches[0]!.index < at) at = matches[0]!.index;
    }
    if (score > 0) scores.set(type, score + support);
  }
  return { scores, phrases, at: Math.max(at, 0) };
}

/**
 * A shocked word next to a price makes a cost objection; a price the caller accepts is none; a
 * topic waved off ("a little swelling is fine") loses its point.
 */
function adjustScores(form: string, scores: Map<ObjectionType, number>, shockBonus: number): void {
  let cost = (scores.get('cost-value') ?? 0) + shockBonus;
  if (PRICE_ACCEPTED.test(form)) cost -= 2;
  if (cost > 0) scores.set('cost-value', cost);
  else scores.delete('cost-value');
  if (WAVED_OFF.test(form)) {
    for (const [type, score] of scores) {
      if (score > 1) scores.set(type, score - 1);
      else scores.delete(type);
    }
  }
}

/** A worry, doubt or reluctance not negated ("worried", but not "not worried"). */
function hasConcern(form: string): boolean {
  return [...form.matchAll(globalOf(patternFor(CONCERN_STANCE, form)))].some((match) => !negatedBefore(form, match.index));
}

const near = (flags: boolean[], index: number): boolean => !!(flags[index - 1] || flags[index] || flags[index + 1]);

/**
 * Scores every sentence of a caller turn for every objection type. `agentBefore` is what the agent
 * said just before: a price there puts one on the table, and a question about the caller's worries
 * makes the answer a concern (or, answered "no", none).
 */
export function scoreSentences(text: string, agentBefore = ''): ScoredSentence[] {
  const form = matchForm(text);
  const agentForm = matchForm(agentBefore);
  const price = isMoneyTalk(form) || isMoneyTalk(agentForm) || PRICE_WORDS.test(agentForm);
  const spans = splitSentences(text);
  const forms = spans.map((span) => form.slice(span.start, span.end));
  const money = forms.map((sentence) => isMoneyTalk(sentence));
  // Shock at a price, or the price echoed back as a question ("Twenty five hundred an eye?") unless
  // the caller goes on to accept it ("Six hundred? That's less than I figured.").
  const echoIsShock = !PRICE_ACCEPTED.test(form);
  const shock = forms.map(
    (sentence, index) =>
      price && (PRICE_SHOCK.test(sentence) || (echoIsShock && isMoneyTalk(sentence) && ECHO_QUESTION.test(sentence) && spans[index]!.text.split(/\s+/).length <= 8)),
  );
  let personEarlier = false;
  const sentences = spans.map((span, index) => {
    const sentenceForm = forms[index]!;
    const named = THIRD_PARTY.test(sentenceForm);
    const { scores, phrases, at } = cueScores(sentenceForm, { price, person: named || (personEarlier && PERSON_PRONOUN.test(sentenceForm)) });
    personEarlier ||= named;
    const shockBonus = shock[index] && near(money, index) ? 2 : money[index] && near(shock, index) ? 1 : 0;
    adjustScores(sentenceForm, scores, shockBonus);
    return { span, scores, phrases, cueScores: new Map(scores), concern: hasConcern(sentenceForm), at: span.start + at };
  });
  if (sentences[0] && AGENT_ASKS_ABOUT_WORRY.test(agentForm) && DENIAL.test(forms[0]!)) sentences[0].scores.clear();
  // The caller's stance strengthens the concern named in the same sentence; a sentence that is
  // only stance ("That really scares me.") strengthens its neighbours; an answer to "what's
  // holding you back?" is a concern throughout.
  const elicited = AGENT_ASKS_CONCERN.test(agentForm);
  const stanceOnly = sentences.map((sentence) => sentence.concern && sentence.scores.size === 0);
  sentences.forEach((sentence, index) => {
    if (!((elicited && index < 2) || sentence.concern || stanceOnly[index - 1] || stanceOnly[index + 1])) return;
    for (const [type, score] of sentence.scores) sentence.scores.set(type, score + 1);
  });
  // A turn that opens with relief ("Okay, that makes me feel better.") is a reaction: what follows
  // echoes the topic ("I don't want to look frozen") unless a cue names a concern on its own or
  // the caller turns to a new one ("But...", "The other thing is...").
  if (forms[0] && RELIEF.test(forms[0])) {
    sentences.forEach((sentence, index) => {
      if (index === 0 || NEW_CONCERN.test(forms[index]!)) return;
      for (const type of sentence.scores.keys()) if ((sentence.cueScores.get(type) ?? 0) < MIN_SCORE) sentence.scores.delete(type);
    });
  }
  // "Will it scar?", "Is there a chance it won't work?": asking whether a bad outcome can happen.
  sentences.forEach((sentence, index) => {
    if (sentence.concern || !OUTCOME_QUESTION.test(forms[index]!)) return;
    for (const type of ['safety-risk', 'results-skepticism'] as const) {
      const score = sentence.scores.get(type);
      if (score !== undefined && score < MIN_SCORE) sentence.scores.set(type, score + 1);
    }
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

/** The sentence's strongest type: highest score, then the one named by a phrase, then `TYPE_PRIORITY`. */
export function topType(sentence: ScoredSentence, minScore = MIN_SCORE): ObjectionType | undefined {
  let best: ObjectionType | undefined;
  for (const type of TYPE_PRIORITY) {
    const score = sentence.scores.get(type) ?? 0;
    if (score < minScore) continue;
    const bestScore = best ? sentence.scores.get(best)! : 0;
    if (score > bestScore || (score === bestScore && (sentence.phrases.get(type) ?? 0) > (sentence.phrases.get(best!) ?? 0))) best = type;
  }
  return best;
}
