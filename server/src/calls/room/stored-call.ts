import type { ResumedCard } from '@call-assist/shared';
import type { CallProgress } from '../call-store.js';
import { CallLog } from './call-log.js';

/** The call's log as stored: what a gateway continuing the call, or watchers while nobody runs it, start from. */
export function logFromProgress(callId: string, progress: CallProgress): CallLog {
  const cards: ResumedCard[] = progress.cards.map((card) => ({
    type: 'card',
    callId,
    cardId: card.id,
    talkingPointId: card.talkingPointId,
    title: card.title,
    body: card.body,
    phrase: card.phrase,
    audioMs: card.audioMs,
    latencyMs: card.latencyMs,
    audioToCardMs: card.audioToCardMs,
    source: card.source,
    feedback: card.feedback,
  }));
  return CallLog.from(callId, {
    provider: progress.provider,
    audioMs: progress.audioDurationMs,
    channels: progress.layout.channels,
    speakers: progress.layout.speakers,
    finals: progress.segments.map((segment) => {
      const speaker = segment.speaker === 'any' ? undefined : segment.speaker;
      const channel = segment.channel;
      return { type: 'transcript.final', callId, seq: segment.seq, text: segment.text, startMs: segment.startMs, endMs: segment.endMs, ...(channel !== undefined && { channel }), ...(speaker && { speaker }) };
    }),
    cards,
    feedback: progress.cards.flatMap((card) => (card.feedback && card.feedbackAt ? [{ cardId: card.id, feedback: card.feedback, at: card.feedbackAt.toISOString() }] : [])),
    mutedSpans: progress.mutedSpans,
  });
}
