import {
  CloseCode,
  maxAudioFrameBytes,
  type CardFeedback,
  type CardFeedbackRecordedMessage,
  type RuleSet,
  type ServerMessage,
  type TranscriptFinalMessage,
} from '@call-assist/shared';
import type { OrgScope } from '../../db/organisations.js';
import type { WavRecorder } from '../../lib/audio/wav-recorder.js';
import { describeError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { metrics, seconds } from '../../lib/metrics.js';
import type { TranscriberStatus, TranscriberStream, TranscriptEvent } from '../../stt/streaming-transcriber.js';
import type { AudioLayout, CallStore } from '../call-store.js';
import { WriteQueue } from '../write-queue.js';
import type { CallLog, CallSnapshot } from './call-log.js';
import type { CardFiring } from './card-firing.js';
import { FinalsInOrder } from './finals-in-order.js';
import type { RoomMember } from './room-member.js';

/** `suspended`: the gateway shut down mid-call; the call goes on from another gateway. */
export type EndStatus = 'ended' | 'interrupted' | 'failed' | 'suspended';

export interface CallRoomDeps {
  store: CallStore;
  logger: Logger;
  /** How long the call waits for its rep to reconnect before it ends as interrupted. */
  resumeGraceMs: number;
  /** Messages for watchers on other gateways (the room's relay); fire-and-forget. */
  relay?: (payload: string) => void;
}

/** The pieces a room runs on, made by `LiveCalls` when the call starts or continues here. */
export interface RoomParts {
  log: CallLog;
  /** The call's channels and who each carries. */
  layout: AudioLayout;
  stream: TranscriberStream;
  recorder: WavRecorder;
  firing: CardFiring;
  /** The call streamed before this room (on another gateway): a rep joining resumes it. */
  continued: boolean;
}

/**
 * One live call on the gateway that runs it, as tldraw's room owns its sessions: the rep's socket
 * and this gateway's watchers join it and are sent every message directly (each exactly once); the
 * bus only relays the call to other gateways. It is the call's one writer — audio into the
 * recording and the engine, transcript into cards, feedback, mute and the end all go through it, so
 * its log is what every socket joining it receives.
 */
export class CallRoom {
  private rep: RoomMember | undefined;
  private readonly watchers = new Set<RoomMember>();
  private readonly writes: WriteQueue;
  private readonly log: CallLog;
  private graceTimer: NodeJS.Timeout | undefined;
  private repJoined: boolean;
  private readonly finals: FinalsInOrder;
  /** Per channel: silenced while muted (the rep's; a `caller` channel goes on). */
  private readonly mutable: boolean[];
  private ending: Promise<void> | undefined;
  private resolveEnded!: (status: EndStatus) => void;
  /** Settles once the call has fully ended (engine flushed, everything written, `call.ended` sent). */
  readonly ended = new Promise<EndStatus>((resolve) => (this.resolveEnded = resolve));

  constructor(
    readonly callId: string,
    readonly scope: OrgScope,
    private readonly parts: RoomParts,
    private readonly deps: CallRoomDeps,
  ) {
    this.log = parts.log;
    this.log.provider = parts.stream.provider;
    this.log.channels = parts.layout.channels;
    this.log.speakers = [...parts.layout.speakers];
    this.repJoined = parts.continued;
    this.writes = new WriteQueue(deps.logger);
    this.finals = new FinalsInOrder(parts.layout.channels, (final) => this.sendFinal(final));
    this.mutable = parts.layout.speakers.map((speaker) => speaker !== 'caller');
  }

  /** The call's channels and who each carries. */
  get layout(): AudioLayout {
    return this.parts.layout;
  }

  get provider(): string {
    return this.parts.stream.provider;
  }

  /** True once the call is ending: it takes no more audio and cannot be resumed. */
  get isEnding(): boolean {
    return this.ending !== undefined;
  }

  snapshot(): CallSnapshot {
    return this.log.snapshot();
  }

  setRules(rules: RuleSet): void {
    this.parts.firing.setRules(rules);
  }

  // ---- members ----------------------------------------------------------------------------------

  /**
   * The rep's socket joins and gets `ready` (the call after its position). Another socket holding the
   * call refuses it (`busy`) unless `takeOver`: then that one is closed as superseded.
   */
  joinRep(member: RoomMember, options: { takeOver: boolean }): 'joined' | 'busy' | 'ended' {
    if (this.ending) return 'ended';
    const previous = this.rep;
    if (previous && !options.takeOver) return 'busy';
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.rep = member;
    previous?.close(CloseCode.callBusy, 'another connection resumed this call');
    if (previous || this.repJoined) this.deps.logger.info({ callId: this.callId, tookOver: previous !== undefined }, 'live call resumed by a new connection');
    member.sync(this.log, { role: 'rep', provider: this.provider, maxFrameBytes: maxAudioFrameBytes(this.parts.layout.channels), resumed: this.repJoined });
    this.repJoined = true;
    return 'joined';
  }

  joinWatcher(member: RoomMember): void {
    this.watchers.add(member);
    member.sync(this.log, { role: 'watch', provider: this.provider, resumed: this.log.audioMs > 0 });
  }

  /**
   * A member's socket closed. The rep's leaves the call to a reconnect for the grace period, or ends
   * it at once (`endNow`: it was closed with a code the client does not retry after).
   */
  leave(member: RoomMember, options: { endNow?: boolean } = {}): void {
    member.closed();
    this.watchers.delete(member);
    if (member !== this.rep) return;
    this.rep = undefined;
    if (this.ending) return;
    if (options.endNow || this.deps.resumeGraceMs <= 0) return void this.end('interrupted');
    this.deps.logger.info({ callId: this.callId, graceMs: this.deps.resumeGraceMs }, 'rep connection dropped; call kept for a reconnect');
    this.graceTimer = setTimeout(() => {
      if (this.rep) return;
      this.deps.logger.info({ callId: this.callId }, 'no reconnect within the grace period; call interrupted');
      void this.end('interrupted');
    }, this.deps.resumeGraceMs);
  }

  // ---- audio and engine ------------------------------------------------------------------------

  /** Audio interleaved over the call's channels. */
  writeAudio(samples: Int16Array): void {
    if (this.ending) return;
    // Muted: the recording and the engine get silence of the same length on the rep's channel, so call time goes on.
    if (this.log.muted) this.silenceMuted(samples);
    this.parts.recorder.write(samples);
    this.log.audioMs = this.parts.recorder.durationMs;
    this.parts.stream.write(samples);
    this.finals.audio(this.log.audioMs);
  }

  private silenceMuted(samples: Int16Array): void {
    const channels = this.mutable.length;
    for (let channel = 0; channel < channels; channel++) {
      if (!this.mutable[channel]) continue;
      for (let at = channel; at < samples.length; at += channels) samples[at] = 0;
    }
  }

  /** Engine callback: the transcript, labelled with its channel's speaker, then any cards it fires. */
  onTranscript(heard: TranscriptEvent): void {
    const receivedAt = performance.now();
    const channel = heard.channel ?? 0;
    const speaker = this.parts.layout.speakers[channel];
    const event: TranscriptEvent = { ...heard, channel, ...(speaker && speaker !== 'any' && { speaker }) };
    if (event.kind === 'partial') {
      this.broadcast({ type: 'transcript.partial', callId: this.callId, text: event.text, startMs: event.startMs, endMs: event.endMs, ...this.labels(event) });
      this.finals.partial(event);
    } else {
      this.finals.final(event);
    }
    for (const card of this.parts.firing.onTranscript(event, receivedAt, (ms) => this.parts.stream.arrivalOf(ms))) {
      this.broadcast(card);
      metrics.speechToCard.observe({ source: card.source }, seconds(card.audioToCardMs));
      const { type: _type, callId: _callId, body: _body, cardId, ...stored } = card;
      this.writes.enqueue('card event', () => this.deps.store.saveCard(this.scope, this.callId, { id: cardId, ...stored }));
    }
  }

  /** A final, in audio order across the channels: numbered, sent, stored. */
  private sendFinal(event: TranscriptEvent): void {
    const final: TranscriptFinalMessage = { type: 'transcript.final', callId: this.callId, seq: this.log.nextSeq, text: event.text, startMs: event.startMs, endMs: event.endMs, ...this.labels(event) };
    this.broadcast(final);
    const channel = this.parts.layout.channels > 1 ? event.channel : undefined;
    this.writes.enqueue('transcript segment', () =>
      this.deps.store.saveSegment(this.scope, this.callId, { seq: final.seq, text: event.text, startMs: event.startMs, endMs: event.endMs, speaker: event.speaker, channel, words: event.words }),
    );
  }

  /** `channel` (two-channel calls) and `speaker` (where the call says who is on the channel). */
  private labels(event: TranscriptEvent): { channel?: number; speaker?: TranscriptEvent['speaker'] } {
    return { ...(this.parts.layout.channels > 1 && { channel: event.channel ?? 0 }), ...(event.speaker && { speaker: event.speaker }) };
  }

  /** The stream moved to another engine: tell everyone, record it on the call. */
  onProviderSwitch(status: TranscriberStatus): void {
    const message = `Speech engine switched from ${status.previous} to ${status.provider}; the transcript continues.`;
    this.broadcast({ type: 'status', callId: this.callId, code: status.code, provider: status.provider, message });
    this.writes.enqueue('provider switch', () =>
      this.deps.store.recordProviderSwitch(this.scope, this.callId, { atMs: status.atMs, from: status.previous, to: status.provider, reason: status.reason.slice(0, 300) }),
    );
  }

  /** The first engine of the chain was unavailable when the call started here: the call record says so. */
  noteStartedOn(firstEngine: string, atMs: number): void {
    const change = { atMs: Math.round(atMs), from: firstEngine, to: this.provider, reason: `${firstEngine} unavailable when the call started` };
    this.writes.enqueue('provider switch', () => this.deps.store.recordProviderSwitch(this.scope, this.callId, change));
  }

  /** Every engine failed: the call ends as failed. */
  onEngineError(message: string): void {
    this.broadcast({ type: 'error', code: 'engine_failed', message });
    void this.end('failed');
  }

  // ---- changes (this room is the call's one writer) -------------------------------------------

  /** Records the rep's feedback and tells every socket; resolves once written. Undefined for a card the call never fired. */
  async feedback(cardId: string, feedback: CardFeedback): Promise<CardFeedbackRecordedMessage | undefined> {
    if (!this.log.hasCard(cardId)) return undefined;
    const at = new Date();
    const recorded: CardFeedbackRecordedMessage = { type: 'card.feedback', callId: this.callId, cardId, feedback, at: at.toISOString() };
    this.broadcast(recorded);
    this.writes.enqueue('card feedback', () => this.deps.store.setCardFeedback(this.scope, this.callId, cardId, feedback, at));
    await this.writes.drain();
    return recorded;
  }

  /** Mutes or unmutes: while muted nothing is recognised and the recording is silent; the span is stored. */
  mute(muted: boolean): void {
    if (this.ending || muted === this.log.muted) return;
    this.broadcast({ type: 'call.muted', callId: this.callId, muted, atMs: Math.round(this.log.audioMs) });
    const spans = this.log.mutedSpans.map((span) => ({ ...span }));
    this.writes.enqueue('muted spans', () => this.deps.store.saveMutedSpans(this.scope, this.callId, spans));
  }

  /**
   * Flushes the engine, sends the last finals and cards, waits for every write, closes the
   * recording, then sends `call.ended` and closes the sockets 1000. Idempotent.
   */
  end(status: EndStatus): Promise<void> {
    this.ending ??= this.finish(status);
    return this.ending;
  }

  private async finish(status: EndStatus): Promise<void> {
    clearTimeout(this.graceTimer);
    if (status === 'failed') this.parts.stream.abort();
    else await this.parts.stream.finish();
    this.finals.flush();
    // A call ending muted: the muted span ends with it.
    if (this.log.muted && status !== 'suspended') this.mutedUntilEnd();
    await this.parts.recorder.close().catch((error: unknown) => this.deps.logger.error({ err: describeError(error) }, 'could not close recording'));
    const audioDurationMs = Math.round(this.parts.recorder.durationMs);
    if (status === 'suspended') {
      // Not over: the rep's reconnect continues it on another gateway, from exactly what is stored now.
      this.writes.enqueue('call suspend', () => this.deps.store.suspendCall(this.scope, this.callId, { audioDurationMs }));
      await this.writes.drain();
    } else {
      this.writes.enqueue('call end', () => this.deps.store.endCall(this.scope, this.callId, { status, audioDurationMs }));
      await this.writes.drain();
      this.broadcast({ type: 'call.ended', callId: this.callId });
      for (const member of [this.rep, ...this.watchers]) member?.close(CloseCode.normal, 'call ended');
    }
    this.resolveEnded(status);
  }

  private mutedUntilEnd(): void {
    this.broadcast({ type: 'call.muted', callId: this.callId, muted: false, atMs: Math.round(this.log.audioMs) });
    const spans = this.log.mutedSpans.map((span) => ({ ...span }));
    this.writes.enqueue('muted spans', () => this.deps.store.saveMutedSpans(this.scope, this.callId, spans));
  }

  /** Into the log, then to every member here, then to other gateways: serialised once. */
  private broadcast(message: ServerMessage): void {
    this.log.apply(message);
    const payload = JSON.stringify(message);
    this.rep?.deliver(message, payload);
    for (const watcher of this.watchers) watcher.deliver(message, payload);
    this.deps.relay?.(payload);
  }
}
