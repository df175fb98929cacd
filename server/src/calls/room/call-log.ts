import type { CardFeedback, MutedSpan, ReadyMessage, ResumedCard, ServerMessage, Speaker, TranscriptFinalMessage } from '@call-assist/shared';
import { z } from 'zod';

/** Where a client's copy of the call ends: the last final seq and the last card it holds. */
export interface LogPosition {
  lastSeq?: number | undefined;
  lastCardId?: string | undefined;
}

/** Feedback on one card, as `ready` lists it. */
export type FeedbackEntry = ReadyMessage['feedback'][number];

/** The call so far in a form that crosses the bus (a room's snapshot for another gateway). */
export const callSnapshotSchema = z.object({
  provider: z.string().nullable(),
  audioMs: z.number(),
  channels: z.number().int(),
  speakers: z.array(z.custom<Speaker>()),
  finals: z.array(z.custom<TranscriptFinalMessage>()),
  cards: z.array(z.custom<ResumedCard>()),
  feedback: z.array(z.custom<FeedbackEntry>()),
  mutedSpans: z.array(z.custom<MutedSpan>()),
});
export type CallSnapshot = z.infer<typeof callSnapshotSchema>;

/**
 * Everything a live call has said and done so far — finals, fired cards in firing order with their
 * feedback, muted spans, the engine serving it — built by applying the call's own messages. The
 * room holds the authoritative one; a gateway whose watchers follow a call owned elsewhere holds a
 * replica, applying the same messages. Anyone joining gets `ready` from it, after their position.
 */
export class CallLog {
  private readonly finals: TranscriptFinalMessage[] = [];
  /** Fired cards in firing order (`lastCardId` positions refer to it). */
  private readonly cards = new Map<string, ResumedCard>();
  private readonly feedbackAt = new Map<string, string>();
  private readonly spans: MutedSpan[] = [];
  provider: string | null = null;
  /** Call audio received so far, ms (kept current by whoever owns the audio). */
  audioMs = 0;
  /** The call's audio channels and who each carries (`any`: unlabelled). */
  channels = 1;
  speakers: Speaker[] = ['any'];

  constructor(readonly callId: string) {}

  static from(callId: string, snapshot: CallSnapshot): CallLog {
    const log = new CallLog(callId);
    log.provider = snapshot.provider;
    log.audioMs = snapshot.audioMs;
    log.channels = snapshot.channels;
    log.speakers = [...snapshot.speakers];
    log.finals.push(...snapshot.finals);
    for (const card of snapshot.cards) log.cards.set(card.cardId, { ...card });
    for (const entry of snapshot.feedback) log.feedbackAt.set(entry.cardId, entry.at);
    log.spans.push(...snapshot.mutedSpans.map((span) => ({ ...span })));
    return log;
  }

  /** The seq the next final gets. */
  get nextSeq(): number {
    return (this.finals.at(-1)?.seq ?? -1) + 1;
  }

  get muted(): boolean {
    return this.spans.at(-1)?.endMs === null;
  }

  get mutedSpans(): readonly MutedSpan[] {
    return this.spans;
  }

  hasCard(cardId: string): boolean {
    return this.cards.has(cardId);
  }

  cardIds(): string[] {
    return [...this.cards.keys()];
  }

  feedbackOf(cardId: string): { feedback: CardFeedback | null; at: string | undefined } {
    return { feedback: this.cards.get(cardId)?.feedback ?? null, at: this.feedbackAt.get(cardId) };
  }

  /** Records a message of the call; messages that change nothing lasting (partials, errors) are ignored. */
  apply(message: ServerMessage): void {
    switch (message.type) {
      case 'transcript.final':
        if (message.seq >= this.nextSeq) this.finals.push(message);
        return;
      case 'card':
        if (!this.cards.has(message.cardId)) this.cards.set(message.cardId, { ...message, feedback: null });
        return;
      case 'card.feedback': {
        const card = this.cards.get(message.cardId);
        if (!card) return;
        card.feedback = message.feedback;
        this.feedbackAt.set(message.cardId, message.at);
        return;
      }
      case 'call.muted':
        if (message.muted && !this.muted) this.spans.push({ startMs: message.atMs, endMs: null });
        else if (!message.muted && this.muted) this.spans.at(-1)!.endMs = message.atMs;
        return;
      case 'status':
        this.provider = message.provider;
        return;
      case 'ready':
      case 'transcript.partial':
      case 'call.ended':
      case 'error':
        return;
      default:
        message satisfies never;
    }
  }

  snapshot(): CallSnapshot {
    return {
      provider: this.provider,
      audioMs: this.audioMs,
      channels: this.channels,
      speakers: [...this.speakers],
      finals: [...this.finals],
      cards: [...this.cards.values()].map((card) => ({ ...card })),
      feedback: this.feedback(),
      mutedSpans: this.spans.map((span) => ({ ...span })),
    };
  }

  /** The finals after `lastSeq` and the cards fired after `lastCardId` (all of them for an unknown card). */
  since(position: LogPosition): { finals: TranscriptFinalMessage[]; cards: ResumedCard[] } {
    const finals = position.lastSeq === undefined ? [...this.finals] : this.finals.filter((final) => final.seq > position.lastSeq!);
    const cards = [...this.cards.values()];
    const after = position.lastCardId === undefined ? -1 : cards.findIndex((card) => card.cardId === position.lastCardId);
    return { finals, cards: cards.slice(after + 1).map((card) => ({ ...card })) };
  }

  /** Feedback recorded on every card, in firing order. */
  feedback(): FeedbackEntry[] {
    return [...this.cards.values()].flatMap((card) => {
      const at = this.feedbackAt.get(card.cardId);
      return card.feedback && at ? [{ cardId: card.cardId, feedback: card.feedback, at }] : [];
    });
  }
}
