import type { CallCategory } from '@call-assist/shared';
import type { CallTurn, CallTurns } from './call-turns.js';
import { matchForm, splitSentences } from './text-spans.js';
import {
  AFTERCARE_ACROSS_SENTENCES,
  BOOKING_CONFIRMATION,
  BOOKING_WITHDRAWN,
  CONSULT_HINT,
  CONSULT_INTEREST,
  NOT_A_BOOKING,
  OTHER_TOPICS,
  OUTBOUND,
  TIME_EXPRESSION,
  TREATMENTS,
  VOICEMAIL,
} from './topic-lexicon.js';

/** The agent's sentence that confirmed a booking. */
export interface BookingConfirmation {
  turnIndex: number;
  sentence: string;
}

/** The category and what the rules saw on the way there (reused for summary, tags, actions). */
export interface CategoryFinding {
  category: CallCategory;
  confidence: number;
  outbound: boolean;
  voicemail: boolean;
  /** Intent of a non-consult call, e.g. `billing question`. */
  otherTopic: string | undefined;
  confirmation: BookingConfirmation | undefined;
  /** The caller had an appointment already and called to cancel it. */
  cancelled: boolean;
  treatments: string[];
}

const EXISTING_APPOINTMENT = /\bi (?:have|had|'ve got) (?:an?|my) (?:appointment|consult|consultation)\b(?! (?:with you|there) (?:before|once|years?))/;
/** An appointment still ahead ("I have an appointment coming up", "my consult on Tuesday"). */
const UPCOMING_APPOINTMENT =
  /\bi (?:have|'ve got|got) (?:an?|my) (?:appointment|consult|consultation)\b[^.?!]{0,30}\b(?:coming up|tomorrow|today|on|this|next|at|scheduled|booked)\b|\bmy (?:appointment|consult|consultation) (?:is |on |for |tomorrow|today|this|next)/;
const CHANGE_INTENT = /\b(?:move|reschedule|change|switch|push)\b/;
const CANCEL_INTENT = /\bcancel/;
const CALLER_CHECKS_BOOKING = /\b(?:so )?(?:i'm|i am|we're) (?:all )?(?:set|booked|confirmed)\b/;
const AGENT_AFFIRMS = /^(?:yes|yep|yeah|correct|that's right|exactly|you got it)\b/;
const AGENT_CONSULT_TALK = /\bconsult(?:ation)?s?\b/;

function isConfirmingSentence(form: string): boolean {
  return !form.trimEnd().endsWith('?') && TIME_EXPRESSION.test(form) && !NOT_A_BOOKING.test(form) && BOOKING_CONFIRMATION.some((p) => p.test(form));
}

/** A caller asking "so I'm booked for Thursday at ten?" and the agent answering yes. */
function callerCheckedBooking(call: CallTurns, turn: CallTurn): BookingConfirmation | undefined {
  const form = matchForm(turn.text);
  if (turn.role !== 'caller' || !CALLER_CHECKS_BOOKING.test(form) || !TIME_EXPRESSION.test(form)) return undefined;
  const answer = call.turns[turn.index + 1];
  if (answer?.role !== 'agent' || !AGENT_AFFIRMS.test(matchForm(answer.text).trim())) return undefined;
  return { turnIndex: answer.index, sentence: turn.text };
}

/**
 * The last booking the agent confirmed with a specific time, unless it was taken back later or only
 * restates the appointment the caller already had (a parking or billing call about it).
 */
export function findBookingConfirmation(call: CallTurns): BookingConfirmation | undefined {
  let found: BookingConfirmation | undefined;
  for (const turn of call.turns) {
    const checked = callerCheckedBooking(call, turn);
    if (checked) found = checked;
    if (turn.role !== 'agent') continue;
    const sentence = splitSentences(turn.text).find((span) => isConfirmingSentence(matchForm(span.text)));
    if (sentence) found = { turnIndex: turn.index, sentence: sentence.text };
  }
  if (!found) return undefined;
  const later = call.turns.slice(found.turnIndex + 1).map((turn) => matchForm(turn.text));
  if (later.some((text) => BOOKING_WITHDRAWN.some((pattern) => pattern.test(text)))) return undefined;
  const callerBefore = call.callerTurns.filter((turn) => turn.index < found.turnIndex).map((turn) => matchForm(turn.text)).join(' ');
  if (EXISTING_APPOINTMENT.test(callerBefore) && !CHANGE_INTENT.test(callerBefore)) return undefined;
  return found;
}

/**
 * Points for each non-consult topic and for consult interest in the caller's opening turns. The
 * first substantive turn states the purpose, so a topic there outweighs later consult-ish talk.
 */
function scoreOpening(call: CallTurns): { topics: Map<string, number>; consult: number } {
  const topics = new Map<string, number>();
  let consult = 0;
  call.openingCallerTurns(2).forEach((turn, order) => {
    const weight = order === 0 ? 3 : 1;
    const consultWeight = order === 0 ? 2 : 1;
    const turnForm = matchForm(turn.text);
    if (Object.values(TREATMENTS).some((pattern) => pattern.test(turnForm)) || CONSULT_HINT.test(turnForm)) consult += 1;
    for (const sentence of splitSentences(turn.text)) {
      const form = matchForm(sentence.text);
      let otherHit = false;
      for (const [topic, patterns] of Object.entries(OTHER_TOPICS)) {
        const hits = patterns.filter((pattern) => pattern.test(form)).length;
        if (hits > 0) topics.set(topic, (topics.get(topic) ?? 0) + weight * hits);
        otherHit ||= hits > 0;
      }
      // "I wanted to ask about parking" is interest in parking, not in a treatment.
      if (!otherHit) consult += consultWeight * CONSULT_INTEREST.filter((pattern) => pattern.test(form)).length;
    }
    // A symptom and the worry about it often sit in different sentences ("I have a bruise ... Is that normal?").
    if (AFTERCARE_ACROSS_SENTENCES.test(turnForm) && !topics.has('aftercare question')) topics.set('aftercare question', weight);
  });
  // An appointment the caller already has, asked about rather than moved or cancelled ("what time
  // is it again?"), is a question about that appointment, not a consult call.
  const callerText = matchForm(call.callerTurns.map((turn) => turn.text).join(' '));
  if (UPCOMING_APPOINTMENT.test(callerText) && !CHANGE_INTENT.test(callerText) && !CANCEL_INTENT.test(callerText)) {
    topics.set('appointment question', (topics.get('appointment question') ?? 0) + 2);
  }
  return { topics, consult };
}

/** The agent saying "wrong number" anywhere settles it. */
function agentSaysWrongNumber(call: CallTurns): boolean {
  return call.agentTurns.some((turn) => /\bwrong number\b|\byou (?:might|may|must) have the wrong\b/.test(matchForm(turn.text)));
}

/** Treatment names heard in the call, in lexicon order. */
export function findTreatments(call: CallTurns): string[] {
  const form = matchForm(call.turns.map((turn) => turn.text).join(' '));
  return Object.entries(TREATMENTS)
    .filter(([, pattern]) => pattern.test(form))
    .map(([name]) => name);
}

function isOutbound(call: CallTurns): boolean {
  const opening = call.agentTurns.slice(0, 2).map((turn) => matchForm(turn.text));
  return opening.some((text) => OUTBOUND.some((pattern) => pattern.test(text)));
}

function isVoicemail(call: CallTurns): boolean {
  return call.turns.some((turn) => turn.role === 'caller' && VOICEMAIL.filter((pattern) => pattern.test(matchForm(turn.text))).length > 0);
}

function bestTopic(topics: Map<string, number>): [string, number] | undefined {
  return [...topics.entries()].sort((a, b) => b[1] - a[1])[0];
}

/**
 * What the call achieved: a confirmed booking is `consult_scheduled`; otherwise the caller's opening
 * decides between a consult call that did not book (including voicemail on an outbound follow-up,
 * cancellations) and another question (wrong number, billing, parking, hours, aftercare, ...).
 */
export function classifyCategory(call: CallTurns): CategoryFinding {
  const outbound = isOutbound(call);
  const voicemail = isVoicemail(call);
  const treatments = findTreatments(call);
  const confirmation = findBookingConfirmation(call);
  const { topics, consult: openingConsult } = scoreOpening(call);
  if (agentSaysWrongNumber(call)) topics.set('wrong number', (topics.get('wrong number') ?? 0) + 4);
  const callerText = matchForm(call.callerTurns.map((turn) => turn.text).join(' '));
  const cancelled = !confirmation && CANCEL_INTENT.test(callerText) && /\b(?:consult|consultation|appointment)\b/.test(callerText);
  const agentConsult = call.agentTurns.some((turn) => AGENT_CONSULT_TALK.test(matchForm(turn.text))) ? 1 : 0;
  const consult = openingConsult + (outbound ? 3 : 0) + agentConsult;
  const top = bestTopic(topics);
  const base = { outbound, voicemail, confirmation, cancelled, treatments };
  if (confirmation) return { ...base, category: 'consult_scheduled', confidence: 0.9, otherTopic: undefined };
  if (top && top[1] >= 2 && top[1] > consult) {
    const confidence = Math.min(0.9, 0.55 + 0.05 * (top[1] - consult));
    return { ...base, category: 'other_question', confidence, otherTopic: top[0] };
  }
  if (voicemail) return { ...base, category: 'consult_not_scheduled', confidence: 0.85, otherTopic: undefined };
  if (consult > 0) {
    const confidence = Math.min(0.85, 0.55 + 0.05 * (consult - (top?.[1] ?? 0)));
    return { ...base, category: 'consult_not_scheduled', confidence, otherTopic: undefined };
  }
  return { ...base, category: 'other_question', confidence: 0.4, otherTopic: top?.[0] };
}
