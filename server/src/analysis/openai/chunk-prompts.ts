import type { Objection } from '@call-assist/shared';
import { ANALYSIS_INTRO, ASR_NOTE, CATEGORY_RULES, OBJECTION_RULES, TRANSCRIPT_HEADING } from './analysis-prompt.js';
import type { ChunkAnalysis } from './chunk-schemas.js';
import type { BookingOutcome } from './merge-chunks.js';
import type { TranscriptChunk } from './transcript-chunks.js';

type Message = { role: 'system' | 'user'; content: string };

/** The map step: one part of a long call, the same objection rules as a whole call, plus the booking events it shows. */
export const CHUNK_INSTRUCTIONS = `${ANALYSIS_INTRO} A long call has been split into consecutive parts that are analysed separately and merged afterwards; you see ONE part. Answer with JSON matching the chunk_analysis schema only.

Report only what this part shows. Turn numbers [n] and caller turn numbers are those of the whole call. A part may begin with a few lines repeated from the end of the previous part and may begin or end mid-conversation.

${OBJECTION_RULES}
- Report objections in the repeated opening lines too. If the part ends before the agent answers an objection or before the caller reacts, give how "" and overcome false: the next part repeats those lines and judges it.

booking: the last booking event in this part. A booking means the agent explicitly confirms a specific time (day and/or hour) for a consultation or appointment; a virtual consult counts; a reschedule counts only when the new time is confirmed.
- status "confirmed": the agent confirms such a time in this part.
- status "cancelled": a time picked or confirmed earlier is withdrawn or cancelled in this part, or the caller definitely declines to book.
- status "discussed": booking is discussed or times are offered in this part, but nothing is confirmed or cancelled in it (a voicemail on an outbound booking call is "discussed").
- status "none": booking is not discussed in this part.
turn: the [n] turn number where that last event happens (null for "none"). evidence: the few words showing it ("" for "none").

callerIntent: why the caller is calling, as far as this part shows ("" if it does not). partSummary: one or two plain sentences on what happens in this part. sentiment: the caller's sentiment in this part. actionItems: concrete follow-ups for the clinic this part shows. keyPoints: the facts a manager should know from this part.
${ASR_NOTE}`;

/** The reduce step: the whole call's analysis from the parts' analyses, with the booking rule stated explicitly. */
export const REDUCE_INSTRUCTIONS = `${ANALYSIS_INTRO} A long call was split into consecutive parts, each analysed separately. From those analyses (you do not see the transcript) write the analysis of the whole call. Answer with JSON matching the call_summary schema only.

${CATEGORY_RULES}
Deciding the category from the parts:
- Whether a consult was scheduled is decided by the LAST booking event in call order. A time confirmed in a later part means "consult_scheduled" even when earlier parts say booking was only discussed, declined or not confirmed: those parts could not see the end of the call. A cancellation in a later part undoes an earlier confirmation. "discussed" never undoes a confirmation. The "Booking outcome" line applies this rule for you; follow it.
- Without a confirmed time, choose "consult_not_scheduled" (the call was about booking, or was an outbound booking attempt) or "other_question" from the parts' intents and summaries.

The caller's objections have already been collected and merged from the parts; they are listed for context only.

summary: two or three plain sentences on what the caller wanted and the outcome of the whole call. sentiment: the caller's overall sentiment across the call (positive, neutral, negative, mixed). intent: why the caller called, in a few words. tags: short lowercase labels. actionItems: concrete follow-ups for the clinic, merged across parts without duplicates, leaving out any a later part made moot (empty if none). keyPoints: the facts a manager should know, merged across parts without duplicates.
${ASR_NOTE}`;

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/** The messages for one chunk: where it sits in the call, then its lines. */
export function buildChunkMessages(chunk: TranscriptChunk, chunkCount: number, turnCount: number): Message[] {
  const repeated = chunk.overlapLines > 0 ? `; its first ${chunk.overlapLines} line(s) repeat the end of part ${chunk.index}` : '';
  return [
    { role: 'system', content: CHUNK_INSTRUCTIONS },
    {
      role: 'user',
      content: `Part ${chunk.index + 1} of ${chunkCount} of a call of ${turnCount} turns: turns ${chunk.firstTurn} to ${chunk.lastTurn}${repeated}.\n${TRANSCRIPT_HEADING}\n${chunk.text}`,
    },
  ];
}

function describeBooking(booking: BookingOutcome): string {
  const events = booking.events.map((event) => `part ${event.chunk + 1}, turn ${event.turn}: ${event.status}`);
  const timeline = `Booking events in call order: ${events.length ? events.join('; ') : 'none'}.`;
  const { decisive } = booking;
  const outcome =
    decisive === null
      ? 'no part shows a confirmed time, so the category is "consult_not_scheduled" or "other_question".'
      : decisive.status === 'confirmed'
        ? `a time was confirmed at turn ${decisive.turn} (part ${decisive.chunk + 1}) and not cancelled afterwards, so the category is "consult_scheduled", whatever earlier parts say.`
        : `the last decisive event is a cancellation or refusal at turn ${decisive.turn} (part ${decisive.chunk + 1}), so no consult was scheduled: "consult_not_scheduled" or "other_question".`;
  return `${timeline}\nBooking outcome (the last confirmation or cancellation in call order decides): ${outcome}`;
}

/**
 * The merged objections, in at most `maxChars`: in full while they fit, then without how they were
 * handled and with shorter quotes, then only the first ones and a count of the rest.
 */
function describeObjections(objections: readonly Objection[], maxChars: number): string {
  const heading = 'Objections merged from the parts, in call order:';
  if (objections.length === 0) return 'Objections merged from the parts: none.';
  const full = (objection: Objection, i: number) =>
    `${i + 1}. ${objection.type} (caller turn ${objection.callerTurn}, ${objection.overcome ? 'overcome' : 'not overcome'}): "${clip(objection.quote, 200)}"${objection.how ? ` — handled: ${clip(objection.how, 200)}` : ' — not handled'}`;
  const brief = (objection: Objection, i: number) => `${i + 1}. ${objection.type} (caller turn ${objection.callerTurn}, ${objection.overcome ? 'overcome' : 'not overcome'}): "${clip(objection.quote, 80)}"`;
  for (const line of [full, brief]) {
    const text = [heading, ...objections.map(line)].join('\n');
    if (text.length <= maxChars) return text;
  }
  const kept = [heading];
  let used = heading.length + 40;
  for (const [i, objection] of objections.entries()) {
    const line = brief(objection, i);
    if (used + 1 + line.length > maxChars) break;
    kept.push(line);
    used += 1 + line.length;
  }
  return [...kept, `(and ${objections.length - kept.length + 1} more)`].join('\n');
}

/** One part's analysis, most decisive lines first, cut to `maxChars` (whole lines). */
function describePart(chunk: TranscriptChunk, chunkCount: number, result: ChunkAnalysis, maxChars: number): string {
  const { booking } = result;
  const lines = [
    `Part ${chunk.index + 1} of ${chunkCount} (turns ${chunk.firstTurn} to ${chunk.lastTurn}):`,
    `- booking: ${booking.status}${booking.turn !== null ? ` at turn ${booking.turn}` : ''}${booking.evidence ? ` ("${clip(booking.evidence, 120)}")` : ''}`,
    `- summary: ${clip(result.partSummary, 600)}`,
    `- caller intent: ${clip(result.callerIntent, 200) || '(not shown)'}`,
    `- caller sentiment: ${result.sentiment}`,
    ...result.actionItems.map((item) => `- action item: ${clip(item, 300)}`),
    ...result.keyPoints.map((point) => `- key point: ${clip(point, 300)}`),
  ];
  const kept = lines.slice(0, 2);
  let used = kept.join('\n').length;
  for (const line of lines.slice(2)) {
    if (used + 1 + line.length > maxChars) break;
    kept.push(line);
    used += 1 + line.length;
  }
  return kept.join('\n');
}

export interface ReduceInput {
  chunks: readonly TranscriptChunk[];
  results: readonly ChunkAnalysis[];
  objections: readonly Objection[];
  booking: BookingOutcome;
  turnCount: number;
  /** Budget for the user message: up to a third for the objections, the rest shared out between the parts' analyses. */
  maxChars: number;
}

/** The messages for the reduce step: the parts' analyses (never the transcript), the booking timeline and the merged objections. */
export function buildReduceMessages(input: ReduceInput): Message[] {
  const head = `The call has ${input.turnCount} turns, analysed in ${input.chunks.length} parts.`;
  const booking = describeBooking(input.booking);
  // The objections get up to a third of the budget, the parts share the rest.
  const objections = describeObjections(input.objections, Math.floor(input.maxChars / 3));
  const tail = `${booking}\n\n${objections}`;
  const share = Math.max(120, Math.floor((input.maxChars - head.length - tail.length - 2 * (input.chunks.length + 1)) / input.chunks.length));
  const parts = input.chunks.map((chunk, i) => describePart(chunk, input.chunks.length, input.results[i]!, share));
  return [
    { role: 'system', content: REDUCE_INSTRUCTIONS },
    { role: 'user', content: [head, ...parts, tail].join('\n\n') },
  ];
}
