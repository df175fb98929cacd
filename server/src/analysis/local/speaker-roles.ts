import type { AnalysisTranscript } from '@call-assist/shared';
import { matchForm } from './text-spans.js';

/** Who said a turn once roles are resolved. */
export type Role = 'agent' | 'caller';

/** What the clinic's side says: greets with the business, offers times, takes details, confirms. */
const AGENT_CUES: readonly RegExp[] = [
  /\bthanks? (?:you )?for (?:calling|holding|waiting)\b/,
  /\bhow (?:can|may) i help\b/,
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening))?[,.]?\s*(?:this is|it's) \w+ (?:from|with|at)\b/,
  // "Summit Vein and Laser, this is Danielle." — a business name, then the agent's name.
  /^(?:good (?:morning|afternoon|evening),? )?[^.?!,]{3,60}, (?:this is|it's) \w+(?: speaking)?[.!]?$|\bthis is \w+ speaking\b/,
  /^(?:good (?:morning|afternoon|evening),? )?[a-z' ]{0,40}\b(?:spa|clinic|center|centre|surgery|dental|dentistry|aesthetics|laser|dermatology|institute|studio|restoration|plastics|skin|implants?)\b[^.?!]{0,30}[,.!]/,
  /\b(?:calling|reaching out) from\b/,
  /^(?:hi|hello|hey)?[,.]?\s*(?:is this|may i speak (?:with|to)|can i speak (?:with|to)) \w+\s*\?/,
  /\b(?:can|could|may) i (?:get|have|grab) (?:your|the)\b/,
  /\bwhat(?:'s| is) (?:your|the best) (?:name|number|email|date of birth)\b/,
  /\bi (?:have|'ve got|can do) (?:this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b/,
  /\byou(?:'re| are) (?:all )?(?:set|booked|scheduled)\b/,
  /\bwe (?:offer|take most|work with|use a|specialize|do a lot)\b|\bwe have (?:openings?|an opening|availability|financing|a special|late hours|packages?|a promotion|payment plans?)\b/,
  /\b(?:do you want|would you like) me to\b|\banything else (?:i|we) can\b|^(?:you're|you are) welcome\b/,
  /\bour (?:doctor|injectors?|nurses?|providers?|patients|consults?|consultations?|office|clinic|team|surgeons?)\b/,
  /\bi(?:'ll| will) (?:text|email|send|mail|shoot) (?:you|over|that over|the|a|some)\b|\bi(?:'ll| will) (?:put|flag|note)\b/,
  /\b(?:give you a call|(?:she|he|someone|the nurse|the doctor|they)(?:'ll| will| should| can) (?:call|reach|text) you|i'm going to have|call us (?:right away|back|anytime)|let me (?:pull (?:you|that|it) up|look (?:you|that|it) up|check (?:the schedule|our|availability|on that))|i'm (?:so |really )?sorry about)\b/,
  /\bthe consult(?:ation)? (?:is|takes|fee)\b/,
  /\byou filled out\b|\byou (?:requested|downloaded|signed up|reached out|inquired)\b/,
];

/** What a caller says: asks about price and safety, states a need, gives their own details. */
const CALLER_CUES: readonly RegExp[] = [
  /\bhow much (?:is|does|do|would|will)\b/,
  /\bis (?:it|that|this) (?:safe|normal)\b/,
  /\bi(?:'m| am) (?:calling|interested|thinking|looking|wondering)\b/,
  /\bi was (?:wondering|calling|looking|hoping|thinking)\b/,
  /\bmy (?:husband|wife|kids|son|daughter|dentist|dermatologist|doctor|insurance|cell|number|email)\b/,
  /\bi (?:have|had) (?:an appointment|a consult|a consultation)\b/,
  /\b(?:do|are) you (?:guys )?(?:have|do|take|offer|open|accept)\b/,
  /\bwhat (?:do|would) you have\b/,
  /\bmy name(?:'s| is)\b|^(?:yes,? |yeah,? |yep,? )?(?:this is \w+|speaking)[.!]?$/,
  /\byou(?:'ve| have) reached\b|\bleave (?:me )?a message\b|\b(?:at|after) the (?:tone|beep)\b|\bpress (?:one|two|three|[0-9])\b/,
  /\b(?:who's|who is) (?:this|calling)\b|\b(?:you have|you've got) on file\b/,
];

const SECOND_PERSON = /\b(?:you|your|you're|you'll|you've|we|our|us|we're|we'll|we've)\b/g;
const COURTESY = /\b(?:thanks?(?: so much)?,? you|thank you|you too|see you|you(?:'re| are) (?:welcome|the best|a lifesaver|very kind)|you(?:'ve| have) been (?:very |so |really )?helpful|your message)\b/g;
const FIRST_PERSON = /\b(?:i|my|me|i'm|i've|i'd|i'll|mine)\b/g;
const PRONOUN_WEIGHT = 0.5;

/**
 * Agent-like minus caller-like: phrase cues, plus a softer lean from pronouns (the agent speaks of
 * "you" and "we", the caller of "I" and "my").
 */
function cueScore(text: string): number {
  const form = matchForm(text);
  const agent = AGENT_CUES.filter((cue) => cue.test(form)).length;
  const caller = CALLER_CUES.filter((cue) => cue.test(form)).length;
  // Courtesies ("thank you", "you too") are said by both sides and carry no lean.
  const second = form.replace(COURTESY, ' ').match(SECOND_PERSON)?.length ?? 0;
  const first = form.match(FIRST_PERSON)?.length ?? 0;
  const lean = (second - first) / Math.sqrt(second + first + 1);
  return agent - caller + PRONOUN_WEIGHT * Math.max(-1.5, Math.min(1.5, lean));
}

const CUE_WEIGHT = 1.5;
// Two people take turns: a turn is more likely from the other party than from the same one again.
const STAY_PENALTY = 1;
const FIRST_TURN_AGENT_BONUS = 0.75;
const KNOWN_WEIGHT = 100;

/**
 * Each turn's role. Known speakers are kept; `unknown` ones (mono recordings) are inferred with a
 * two-state Viterbi pass: per-turn cue scores (agent-like vs caller-like phrases) plus a preference
 * for alternation and for the agent speaking first, so one strong cue also places its neighbours.
 */
export function inferSpeakerRoles(turns: AnalysisTranscript['turns']): Role[] {
  if (turns.length === 0) return [];
  if (turns.every((turn) => turn.speaker !== 'unknown')) return turns.map((turn) => turn.speaker as Role);
  const emit = turns.map((turn, index) => {
    if (turn.speaker !== 'unknown') return turn.speaker === 'agent' ? KNOWN_WEIGHT : -KNOWN_WEIGHT;
    return CUE_WEIGHT * cueScore(turn.text) + (index === 0 ? FIRST_TURN_AGENT_BONUS : 0);
  });
  // score[s]: best total ending in state s (0 = agent, 1 = caller); back[i][s]: previous state.
  let score = [emit[0]!, -emit[0]!];
  const back: number[][] = [];
  for (let i = 1; i < turns.length; i++) {
    const next = [0, 0];
    const from = [0, 0];
    for (const state of [0, 1]) {
      const stay = score[state]! - STAY_PENALTY;
      const swap = score[1 - state]!;
      from[state] = stay >= swap ? state : 1 - state;
      next[state] = Math.max(stay, swap) + (state === 0 ? emit[i]! : -emit[i]!);
    }
    back.push(from);
    score = next;
  }
  const states = [score[0]! >= score[1]! ? 0 : 1];
  for (let i = back.length - 1; i >= 0; i--) states.unshift(back[i]![states[0]!]!);
  return states.map((state) => (state === 0 ? 'agent' : 'caller'));
}
