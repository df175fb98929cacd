import type { CallTurns, TurnRun } from './call-turns.js';
import { objectionsInTurn, type DetectedObjection } from './objection-rules.js';
import { BOOKING_ACCEPTANCE, HANDLING_ACTIONS, NEGATIVE_REACTION, POSITIVE_REACTION } from './reaction-lexicon.js';
import { OBJECTION_CUES } from './objection-lexicon.js';
import { clip, matchForm, patternFor, splitSentences } from './text-spans.js';

/** How the agent handled an objection and whether the caller's reaction shows it was resolved. */
export interface Handling {
  overcome: boolean;
  /** What the agent did; empty when the response did not address the concern. */
  how: string;
}

const MAX_ACTIONS_IN_HOW = 3;
/** The agent offering to get back in touch later instead of booking now. */
const FOLLOW_UP_LATER =
  /\b(?:reach out|reached out|call you|give you a (?:call|ring)|text you|email you|check (?:back )?in|follow up|touch base|get back to you|put (?:a|you on) (?:note|list))\b[^.?!]*\b(?:in (?:\w+ ){0,2}(?:weeks?|months?)|next (?:week|month|year|season)|in (?:january|february|march|april|may|june|july|august|september|october|november|december|the (?:spring|summer|fall|winter|new year))|after|later|when you(?:'re| are) ready|once|the week)\b/;
const CONDITIONAL_CLAUSE = /\b(?:before|until|unless|if|once)\b[^,.;!?]*/g;
const REACTION_TURNS = 2;

/** The handling moves for this type of concern found in the agent's response. */
export function describeHandling(response: string, type: DetectedObjection['type']): string {
  const form = matchForm(response);
  const descriptions = HANDLING_ACTIONS.filter((action) => action.types.includes(type) && action.pattern.test(form)).map((action) => action.description);
  if (descriptions.length === 0) return '';
  const listed = descriptions.slice(0, MAX_ACTIONS_IN_HOW);
  const last = listed.pop()!;
  return `Agent ${listed.length > 0 ? `${listed.join(', ')} and ${last}` : last}.`;
}

/** Words too common in these calls to show that the agent spoke to the caller's point. */
const COMMON_WORDS = new Set(
  ('that this with have just like really about what would could should there their they them then than when were your yours been being from into only ' +
    'also some more most much very well even because going know think thing things want okay yeah actually honestly kind sort pretty right here where ' +
    'which while will make made does done doing said says something anything everything people time first after before other again still sure maybe ' +
    'gonna mean feel look looking need come back good great totally completely understand question thank thanks doctor consult consultation ' +
    'appointment treatment worried worry concern scared afraid nervous heard read seen getting come coming hear hope lot lots little bit')
    .split(' '),
);

const contentWords = (form: string): Set<string> =>
  new Set((form.match(/[a-z]{4,}/g) ?? []).filter((word) => !COMMON_WORDS.has(word)).map((word) => word.replace(/(?:s|es|ing|ed)$/, '')));

/**
 * The agent's sentence that takes up a word of the caller's concern ("over video" → "on video"),
 * for concerns the handling lexicon does not know: answering the point is handling it.
 */
function sentenceOnTheSamePoint(quote: string, response: string): string | undefined {
  const asked = contentWords(matchForm(quote));
  return splitSentences(response).find((sentence) => [...contentWords(matchForm(sentence.text))].some((word) => asked.has(word)))?.text;
}

/** Index of the last match of any pattern in the text, or -1. */
function lastMatch(form: string, patterns: readonly RegExp[]): number {
  let last = -1;
  for (const pattern of patterns) {
    const global = new RegExp(patternFor(pattern, form).source, 'g');
    for (let match = global.exec(form); match; match = global.exec(form)) {
      last = Math.max(last, match.index);
      if (match[0].length === 0) global.lastIndex++;
    }
  }
  return last;
}

/** The agent's first sentence that speaks the concern's own language ("swelling" to a downtime worry). */
function sentenceOnTheSameTopic(response: string, type: DetectedObjection['type']): string | undefined {
  const cues = OBJECTION_CUES[type];
  return splitSentences(response).find((sentence) => {
    const form = matchForm(sentence.text);
    return !/\?\s*$/.test(form) && cues.some((cue) => cue.pattern.test(form));
  })?.text;
}

/**
 * The caller's verdict in one turn: `true` settled, `false` still standing, `undefined` no sign.
 * Sentences that raise a new concern are set aside; raising the same concern again, without relief
 * in the same breath, is a `false`. The last sign in the turn wins ("Okay... but I don't know").
 */
function reactionIn(call: CallTurns, run: TurnRun, objection: DetectedObjection): boolean | undefined {
  const raised = objectionsInTurn(run.text, call.agentTextBefore(run.firstIndex));
  let verdict: boolean | undefined;
  for (const sentence of splitSentences(run.text)) {
    const form = matchForm(sentence.text);
    // Relief on a condition ("before I'd feel okay about it", "if it works") is not relief yet.
    const unconditional = form.replace(CONDITIONAL_CLAUSE, (clause) => ' '.repeat(clause.length));
    const positive = Math.max(lastMatch(unconditional, POSITIVE_REACTION), lastMatch(unconditional, BOOKING_ACCEPTANCE));
    const negative = lastMatch(form, NEGATIVE_REACTION);
    const raisedHere = raised.filter((other) => sentence.start < other.quote.end && other.quote.start < sentence.end);
    // Relief voiced before a new concern in the same run-on sentence ("ok good and what if...") still counts.
    const firstRaised = Math.min(...raisedHere.map((other) => other.quote.start - sentence.start));
    if (raisedHere.some((other) => other.type === objection.type) && positive < 0) verdict = false;
    else if (raisedHere.length > 0 && !(positive >= 0 && positive < firstRaised && negative < 0)) continue;
    else if (positive >= 0 || negative >= 0) verdict = positive > negative;
  }
  return verdict;
}

/**
 * Was the objection overcome? Only if the agent addressed it and the caller's next reaction (the
 * next turn, or the one after when the next shows nothing) shows it settled; an ignored objection
 * is never overcome, even if the caller books anyway. The agent addressed it when the reply makes a
 * handling move for that kind of concern, takes up the caller's words, or speaks to its topic.
 */
export function assessHandling(call: CallTurns, objection: DetectedObjection): Handling {
  const response = call.agentResponseAfter(objection.turn.index);
  // The quote plus the caller's next sentence: a question often follows the worry ("... over video?").
  const after = splitSentences(objection.turn.text).find((sentence) => sentence.start >= objection.quote.end);
  const onPoint = sentenceOnTheSamePoint(`${objection.quote.text} ${after?.text ?? ''}`, response) ?? sentenceOnTheSameTopic(response, objection.type);
  const how = describeHandling(response, objection.type) || (onPoint ? `Agent answered the point: "${clip(onPoint, 200)}"` : '');
  if (!how) return { overcome: false, how: '' };
  // Agreeing to be contacted later settles nothing: the caller is still putting it off.
  const deferred = FOLLOW_UP_LATER.test(matchForm(response));
  for (const next of call.callerRunsAfter(objection.turn.index, REACTION_TURNS)) {
    const verdict = reactionIn(call, next, objection);
    if (verdict === undefined) continue;
    const books = BOOKING_ACCEPTANCE.some((pattern) => pattern.test(matchForm(next.text)));
    return { overcome: verdict && (!deferred || books), how };
  }
  return { overcome: false, how };
}
