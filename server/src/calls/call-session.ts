import { randomUUID } from 'node:crypto';
import {
  CardTrigger,
  tokenize,
  type CardFeedback,
  type CardFeedbackRecordedMessage,
  type CardMessage,
  type ResumedCard,
  type RuleSet,
  type ServerMessage,
  type Stability,
  type TranscriptFinalMessage,
  type TranscriptPartialMessage,
  type Trigger,
} from '@call-assist/shared';
import type { OrgScope } from '../db/organisations.js';
import type { WavRecorder } from '../lib/audio/wav-recorder.js';
import type { Logger } from '../lib/logger.js';
import type { TranscriberStatus, TranscriberStream, TranscriptEvent } from '../stt/streaming-transcriber.js';
import { AudioClock } from './audio-clock.js';
import type { CallProgress, CallStore } from './call-store.js';
import { WriteQueue } from './write-queue.js';
import { describeError } from '../lib/errors.js';
import { metrics, seconds } from '../lib/metrics.js';

export interface CallSessionDeps {
  store: CallStore;
  /** Publishes a message to everyone watching the call (the bus). */
  publish(message: ServerMessage): Promise<void>;
  logger: Logger;
  stability: Stability;
  /** The engine's name, when the stream does not report its own (no failover chain). */
  providerName: string;
}

/** What a resumed connection receives to rebuild the rep's view. */
export interface SessionSnapshot {
  cards: ResumedCard[];
  finals: TranscriptFinalMessage[];
  audioMs: number;
}

/** `suspended`: the gateway shut down mid-call; the call goes on from another gateway. */
export type EndStatus = 'ended' | 'interrupted' | 'failed' | 'suspended';

const SAMPLES_PER_MS = 16;

/**
 * One live call once streaming: audio → recording + speech engine; transcript → matcher → cards;
 * everything published to the call's bus channel and persisted. Knows interfaces only.
 */
export class CallSession {
  private readonly clock = new AudioClock();
  private readonly writes: WriteQueue;
  private readonly trigger: CardTrigger;
  private finalSeq = 0;
  /** Everything a reconnecting rep needs again: fired cards (with feedback) and finals, in order. */
  private readonly firedCards = new Map<string, ResumedCard>();
  private readonly finals: TranscriptFinalMessage[] = [];
  private ending: Promise<void> | undefined;
  private resolveEnded!: (status: EndStatus) => void;
  /** Settles once the call has fully ended (engine flushed, everything written, `call.ended` sent). */
  readonly ended = new Promise<EndStatus>((resolve) => (this.resolveEnded = resolve));

  /** Call audio before this session's stream began (a call continued from another gateway); engine times are shifted by it. */
  private readonly offsetMs: number;

  constructor(
    readonly callId: string,
    readonly scope: OrgScope,
    rules: RuleSet,
    private readonly stream: TranscriberStream,
    private readonly recorder: WavRecorder,
    private readonly deps: CallSessionDeps,
    continued?: CallProgress,
  ) {
    this.writes = new WriteQueue(deps.logger);
    this.trigger = new CardTrigger(rules, deps.stability);
    this.offsetMs = continued?.audioDurationMs ?? 0;
    if (continued) this.restore(continued);
  }

  /** Picks up where the gateway that suspended the call stopped: seq, transcript and fired cards. */
  private restore(progress: CallProgress): void {
    for (const segment of progress.segments) {
      const speaker = segment.speaker === 'any' ? undefined : segment.speaker;
      this.finals.push({ type: 'transcript.final', callId: this.callId, seq: segment.seq, text: segment.text, startMs: segment.startMs, endMs: segment.endMs, ...(speaker && { speaker }) });
      this.finalSeq = Math.max(this.finalSeq, segment.seq + 1);
    }
    for (const card of progress.cards) {
      this.firedCards.set(card.id, {
        type: 'card',
        callId: this.callId,
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
      });
      if (card.talkingPointId) this.trigger.restoreFired(card.talkingPointId, card.audioMs);
    }
  }

  /** The engine serving the call now (it changes on failover). */
  get provider(): string {
    return this.stream.provider ?? this.deps.providerName;
  }

  /** True once `end` was called: the call takes no more audio and cannot be resumed. */
  get isEnding(): boolean {
    return this.ending !== undefined;
  }

  snapshot(): SessionSnapshot {
    return { cards: [...this.firedCards.values()].map((card) => ({ ...card })), finals: [...this.finals], audioMs: Math.round(this.offsetMs + this.clock.totalMs) };
  }

  setRules(rules: RuleSet): void {
    this.trigger.setRules(rules);
  }

  writeAudio(samples: Int16Array): void {
    if (this.ending) return;
    this.clock.record(samples.length / SAMPLES_PER_MS, performance.now());
    this.recorder.write(samples);
    this.stream.write(samples);
  }

  /** Engine callback: publish the transcript, then any cards it triggers. */
  onTranscript(streamEvent: TranscriptEvent): void {
    const receivedAt = performance.now();
    // The clock counts this stream's audio; everything published and stored is in call time.
    const audioArrivedAt = this.clock.arrivalOf(streamEvent.endMs);
    const event = this.offsetMs === 0 ? streamEvent : shiftEvent(streamEvent, this.offsetMs);
    if (audioArrivedAt !== undefined) metrics.sttLatency.observe({ provider: this.provider, kind: event.kind }, seconds(receivedAt - audioArrivedAt));
    const heard = { text: event.text, speaker: event.speaker, audioMs: event.endMs };
    if (event.kind === 'partial') {
      this.publish({ type: 'transcript.partial', callId: this.callId, text: event.text, startMs: event.startMs, endMs: event.endMs, ...(event.speaker && { speaker: event.speaker }) } satisfies TranscriptPartialMessage);
      this.fireCards(this.trigger.onPartial(heard), event, receivedAt);
      return;
    }
    const seq = this.finalSeq++;
    const final: TranscriptFinalMessage = { type: 'transcript.final', callId: this.callId, seq, text: event.text, startMs: event.startMs, endMs: event.endMs, ...(event.speaker && { speaker: event.speaker }) };
    this.finals.push(final);
    this.publish(final);
    this.writes.enqueue('transcript segment', () =>
      this.deps.store.saveSegment(this.scope, this.callId, { seq, text: event.text, startMs: event.startMs, endMs: event.endMs, speaker: event.speaker, words: event.words }),
    );
    this.fireCards(this.trigger.onFinal(heard), event, receivedAt);
  }

  private fireCards(triggers: Trigger[], event: TranscriptEvent, receivedAt: number): void {
    for (const trigger of triggers) {
      const audioMs = this.audioTimeOf(trigger, event);
      const now = performance.now();
      const card: CardMessage = {
        type: 'card',
        callId: this.callId,
        cardId: randomUUID(),
        talkingPointId: trigger.talkingPoint.id,
        title: trigger.talkingPoint.title,
        body: trigger.talkingPoint.body,
        phrase: trigger.phrase,
        audioMs,
        latencyMs: round(now - receivedAt),
        audioToCardMs: round(now - (this.clock.arrivalOf(audioMs - this.offsetMs) ?? receivedAt)),
        source: trigger.source,
      };
      this.firedCards.set(card.cardId, { ...card, feedback: null });
      this.publish(card);
      metrics.speechToCard.observe({ source: card.source }, seconds(card.audioToCardMs));
      this.writes.enqueue('card event', () =>
        this.deps.store.saveCard(this.scope, this.callId, {
          id: card.cardId,
          talkingPointId: card.talkingPointId,
          title: card.title,
          phrase: card.phrase,
          source: card.source,
          audioMs: card.audioMs,
          latencyMs: card.latencyMs,
          audioToCardMs: card.audioToCardMs,
        }),
      );
    }
  }

  /** Where the phrase ended in the audio: its last word's end when the engine gave word times. */
  private audioTimeOf(trigger: Trigger, event: TranscriptEvent): number {
    let tokens = 0;
    for (const word of event.words ?? []) {
      // A word can be several tokens ("don't" → "do not"), so count tokens, not words.
      tokens += tokenize(word.word).length;
      if (tokens > trigger.endToken) return word.endMs;
    }
    return event.endMs;
  }

  /**
   * Records the rep's feedback on a card of this call and tells every socket on the call; resolves
   * once written (after the card itself: one write queue). Undefined for a card this call never fired.
   */
  async feedback(cardId: string, feedback: CardFeedback): Promise<CardFeedbackRecordedMessage | undefined> {
    const card = this.firedCards.get(cardId);
    if (!card) return undefined;
    const at = new Date();
    card.feedback = feedback;
    this.writes.enqueue('card feedback', () => this.deps.store.setCardFeedback(this.scope, this.callId, cardId, feedback, at));
    const recorded: CardFeedbackRecordedMessage = { type: 'card.feedback', callId: this.callId, cardId, feedback, at: at.toISOString() };
    this.publish(recorded);
    await this.writes.drain();
    return recorded;
  }

  /** The failover chain moved the call to another engine: tell the rep, record it on the call. */
  onProviderSwitch(status: TranscriberStatus): void {
    const message = `Speech engine switched from ${status.previous} to ${status.provider}; the transcript continues.`;
    metrics.sttFailovers.inc({ from: status.previous, to: status.provider });
    this.publish({ type: 'status', callId: this.callId, code: status.code, provider: status.provider, message });
    this.writes.enqueue('provider switch', () =>
      this.deps.store.recordProviderSwitch(this.scope, this.callId, { atMs: status.atMs, from: status.previous, to: status.provider, reason: status.reason.slice(0, 300) }),
    );
  }

  /** Every engine of the chain failed: the call ends as failed. */
  onEngineError(message: string): void {
    this.publish({ type: 'error', code: 'engine_failed', message });
    void this.end('failed');
  }

  /**
   * Flushes the engine, publishes the last finals and cards, waits for every write, closes the
   * recording, then publishes `call.ended`. Idempotent.
   */
  end(status: EndStatus): Promise<void> {
    this.ending ??= this.finish(status);
    return this.ending;
  }

  private async finish(status: EndStatus): Promise<void> {
    if (status === 'failed') this.stream.abort();
    else await this.stream.finish();
    await this.recorder.close().catch((error: unknown) => this.deps.logger.error({ err: describeError(error) }, 'could not close recording'));
    const audioDurationMs = Math.round(this.recorder.durationMs);
    if (status === 'suspended') {
      // Not over: the rep's reconnect continues it on another gateway, from exactly what is stored now.
      this.writes.enqueue('call suspend', () => this.deps.store.suspendCall(this.scope, this.callId, { audioDurationMs }));
      await this.writes.drain();
    } else {
      this.writes.enqueue('call end', () => this.deps.store.endCall(this.scope, this.callId, { status, audioDurationMs }));
      await this.writes.drain();
      await this.publishNow({ type: 'call.ended', callId: this.callId });
    }
    this.resolveEnded(status);
  }

  private publish(message: ServerMessage): void {
    void this.publishNow(message);
  }

  private async publishNow(message: ServerMessage): Promise<void> {
    try {
      await this.deps.publish(message);
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).message, type: message.type }, 'could not publish to the bus');
    }
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function shiftEvent(event: TranscriptEvent, offsetMs: number): TranscriptEvent {
  return {
    ...event,
    startMs: event.startMs + offsetMs,
    endMs: event.endMs + offsetMs,
    ...(event.words && { words: event.words.map((word) => ({ ...word, startMs: word.startMs + offsetMs, endMs: word.endMs + offsetMs })) }),
  };
}
