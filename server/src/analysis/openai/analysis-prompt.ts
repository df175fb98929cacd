import type { AnalysisTranscript } from '@call-assist/shared';
import { inferSpeakerRoles, type Role } from '../local/speaker-roles.js';

/** The opening sentence every prompt shares. */
export const ANALYSIS_INTRO = "You analyse phone calls between a clinic's front desk (the agent) and a caller, for aesthetic and medical clinics.";

/** What each category means; stated to the whole-call prompt and to the reduce step of a chunked analysis. */
export const CATEGORY_RULES = `category:
- "consult_scheduled" only when the agent explicitly confirms a specific time (day and/or hour) for a consultation or appointment in this call. A virtual consult counts. A reschedule counts only when the new time is confirmed. A slot picked and then withdrawn before confirmation does not count.
- "consult_not_scheduled": the call was about booking (or an outbound booking attempt) but no time was confirmed. A voicemail reached on an outbound booking call is consult_not_scheduled.
- "other_question": wrong numbers, parking, billing, hours, aftercare, records, gift cards, jobs and other non-booking questions.
categoryConfidence: 0 to 1.`;

/** How objections are typed, quoted and judged; shared by the whole-call and the per-part prompts. */
export const OBJECTION_RULES = `objections: concerns the caller raises, in order. type is one of:
- "safety-risk" (pain, side effects, risks, downtime, medical worries)
- "cost-value" (price too high, not worth it, budget, financing reluctance)
- "timing" (not now, schedule conflicts, needs time to decide, too soon)
- "social-concerns" (what a partner, family or others think; looking unnatural to others)
- "provider-trust" (doubts about the clinic, its staff, credentials, reviews, bad past experience)
- "results-skepticism" (doubts it works, lasts or will look good)
- "other"
Rules:
- quote: copy an EXACT, verbatim substring of the caller's words (one caller turn) where the concern first becomes explicit; do not paraphrase, fix grammar or merge turns. Keep it short (one sentence or clause).
- callerTurn: the 0-based index among the caller's turns only (shown as "caller turn N" in the transcript).
- A price the agent states and the caller accepts is NOT a cost-value objection. Questions alone (for example "how much is it?") are not objections; an objection is a stated concern or hesitation.
- An objection to an upsell can still be labelled in an other_question call.
- how: how the agent handled the concern, in a short sentence; "" when the agent ignored it.
- overcome: true only when the caller's next reaction shows the agent's handling resolved the concern. An ignored objection has how "" and overcome false, even if the caller books anyway.`;

export const ASR_NOTE = 'The transcript comes from speech recognition and may contain recognition errors; the roles of some turns may be inferred.';

/**
 * The labelling conventions the analysis is judged against (corpus README), stated for the model.
 * Kept general on purpose: no rule names an individual call.
 */
export const ANALYSIS_INSTRUCTIONS = `${ANALYSIS_INTRO} Answer with JSON matching the call_analysis schema only.

${CATEGORY_RULES}

${OBJECTION_RULES}

summary: two or three plain sentences on what the caller wanted and the outcome. sentiment: the caller's overall sentiment (positive, neutral, negative, mixed). intent: why the caller called, in a few words. tags: short lowercase labels. actionItems: concrete follow-ups for the clinic (empty if none). keyPoints: the facts a manager should know.
${ASR_NOTE}`;

/** A turn as the prompt numbers it: its resolved role and, for callers, its index among caller turns. */
export interface PromptTurn {
  role: Role;
  text: string;
  callerIndex: number | null;
}

/** Resolves unknown speakers (mono recordings) with the local analyzer's role inference. */
export function promptTurns(transcript: AnalysisTranscript): PromptTurn[] {
  const roles = inferSpeakerRoles(transcript.turns);
  let callers = 0;
  return transcript.turns.map((turn, index) => {
    const role = roles[index]!;
    return { role, text: turn.text, callerIndex: role === 'caller' ? callers++ : null };
  });
}

/**
 * One numbered transcript line, as every prompt shows it. `part` labels a piece of a turn too long
 * for one prompt (only in chunked analysis).
 */
export function formatTurn(turn: PromptTurn, index: number, part?: { n: number; of: number }): string {
  const piece = part ? `part ${part.n} of ${part.of}` : null;
  const who = turn.role === 'caller' ? `caller (caller turn ${turn.callerIndex}${piece ? `, ${piece}` : ''})` : piece ? `agent (${piece})` : 'agent';
  return `[${index}] ${who}: ${turn.text.replace(/\s+/g, ' ').trim()}`;
}

/**
 * The whole transcript as numbered lines: what the analyzer's budget is measured on, and what a
 * call within it is sent as. Longer calls are split into chunks of the same lines (transcript-chunks.ts).
 */
export function formatTranscript(turns: PromptTurn[]): string {
  return turns.map((turn, index) => formatTurn(turn, index)).join('\n');
}

/** Heads the numbered lines in every request that carries transcript. */
export const TRANSCRIPT_HEADING = 'Transcript (one line per turn, [turn number] role: words):';

/** The chat messages for analysing a whole call in one request. */
export function buildAnalysisMessages(turns: PromptTurn[]): { role: 'system' | 'user'; content: string }[] {
  return [
    { role: 'system', content: ANALYSIS_INSTRUCTIONS },
    { role: 'user', content: `${TRANSCRIPT_HEADING}\n${formatTranscript(turns)}` },
  ];
}
