import { CloseCode, type CardFeedback, type CardFeedbackRecordedMessage, type Stability } from '@call-assist/shared';
import type { RulesCache } from '../assist/rules-cache.js';
import { channels, type Bus } from '../bus/bus.js';
import { RpcTimeout, type BusRpc } from '../bus/bus-rpc.js';
import type { OrgScope } from '../db/organisations.js';
import { WavRecorder } from '../lib/audio/wav-recorder.js';
import { AppError, describeError, ProviderError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import { callAudioKey, type BlobStore } from '../storage/blob-store.js';
import type { StreamingTranscriber, TranscriberStream } from '../stt/streaming-transcriber.js';
import type { AnalysisQueue } from './analysis-queue.js';
import type { CallTokens } from './call-tokens.js';
import type { AudioLayout, CallStore } from './call-store.js';
import { CallLog } from './room/call-log.js';
import { CallRoom } from './room/call-room.js';
import { CardFiring } from './room/card-firing.js';
import { RemoteRoom } from './room/remote-room.js';
import { RoomRelay } from './room/room-relay.js';
import type { RoomMember } from './room/room-member.js';
import { feedbackReplySchema } from './room/room-wire.js';
import { logFromProgress } from './room/stored-call.js';

export interface LiveCallsDeps {
  store: CallStore & { createCall(scope: OrgScope, userId: string): Promise<string> };
  tokens: CallTokens;
  transcriber: StreamingTranscriber;
  rules: RulesCache;
  blobs: BlobStore;
  bus: Bus;
  rpc: BusRpc;
  logger: Logger;
  stability: Stability;
  sampleRateHz: number;
  analysis: AnalysisQueue;
  /** How long a call whose rep connection dropped waits for a reconnect before it ends as interrupted. */
  resumeGraceMs: number;
}

export type JoinResult = { ok: true; room: CallRoom } | { ok: false; code: CloseCode; reason: string };

/** How long a change forwarded to the gateway running a call waits for its answer. */
const FORWARD_TIMEOUT_MS = 5_000;

const refusals = {
  busy: { code: CloseCode.callBusy, reason: 'call is already streaming' },
  ended: { code: CloseCode.callEnded, reason: 'call already ended' },
} as const;

const sameLayout = (a: AudioLayout, b: AudioLayout) => a.channels === b.channels && a.speakers.every((speaker, i) => speaker === b.speakers[i]);
const layoutRefusal = (layout: AudioLayout) => ({
  ok: false as const,
  code: CloseCode.invalidMessage,
  reason: `the call streams ${layout.channels} channel${layout.channels > 1 ? 's' : ''} (${layout.speakers.join(', ')}): hello must say the same`,
});

/**
 * This gateway's live calls: the rooms of the calls it runs, and feeds for its watchers of calls
 * running elsewhere. Sockets join through here; changes to a call go to its room, here or — for a
 * call running on another gateway — forwarded over the bus to that gateway's room.
 */
export class LiveCalls {
  private readonly rooms = new Map<string, CallRoom>();
  private readonly feeds = new Map<string, RemoteRoom>();
  /** Analyses being enqueued, so shutdown waits for them. */
  private readonly enqueuing = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly deps: LiveCallsDeps) {
    // Every gateway sweeps: the one that suspended a call may never come back.
    this.sweeper = setInterval(() => void this.expireSuspended(), Math.max(1_000, deps.resumeGraceMs / 2));
    this.sweeper.unref();
    deps.rules.onChange((orgId, rules) => {
      for (const room of this.rooms.values()) if (room.scope.orgId === orgId) room.setRules(rules);
    });
  }

  /** A new live call taken by `userId`, and the token its rep socket opens with. */
  async create(scope: OrgScope, userId: string): Promise<{ callId: string; token: string; expiresInS: number }> {
    const callId = await this.deps.store.createCall(scope, userId);
    return { callId, token: this.deps.tokens.issue({ callId, orgId: scope.orgId, userId, purpose: 'stream' }), expiresInS: this.deps.tokens.ttlSeconds };
  }

  liveCallIds(): string[] {
    return [...this.rooms.keys()];
  }

  callState(scope: OrgScope, callId: string) {
    return this.deps.store.callState(scope, callId);
  }

  private roomOf(scope: OrgScope, callId: string): CallRoom | undefined {
    const room = this.rooms.get(callId);
    return room?.scope.orgId === scope.orgId ? room : undefined;
  }

  /**
   * The rep's socket joins the call: its room here if it runs here (a reconnect), else the call is
   * claimed and its room opened (engine stream, recording); refusals carry their close code.
   */
  async joinRep(scope: OrgScope, callId: string, member: RoomMember, options: { takeOver: boolean; layout: AudioLayout }): Promise<JoinResult> {
    const running = this.roomOf(scope, callId);
    if (running) {
      if (!sameLayout(running.layout, options.layout)) return layoutRefusal(running.layout);
      const joined = running.joinRep(member, options);
      return joined === 'joined' ? { ok: true, room: running } : { ok: false, ...refusals[joined] };
    }
    const claimed = await this.deps.store.startCall(scope, callId, { sttProvider: this.deps.transcriber.name, audioKey: callAudioKey(scope.orgId, callId), layout: options.layout });
    if (claimed === 'unknown') return { ok: false, code: CloseCode.unknownCall, reason: 'unknown call' };
    if (claimed !== 'started' && claimed !== 'resumed') return { ok: false, ...refusals[claimed] };
    const opened = await this.openRoom(scope, callId, claimed, options.layout);
    if (!opened.ok) return opened;
    opened.room.joinRep(member, options);
    return opened;
  }

  private async openRoom(scope: OrgScope, callId: string, claimed: 'started' | 'resumed', asked: AudioLayout): Promise<JoinResult> {
    const { deps } = this;
    const logger = deps.logger.child({ callId });
    // A call suspended by a gateway that shut down continues here from what it stored, with the layout it started with.
    const continued = claimed === 'resumed' ? await deps.store.callProgress(scope, callId) : undefined;
    if (continued && !sameLayout(continued.layout, asked)) {
      await deps.store.releaseCall(scope, callId, claimed);
      return layoutRefusal(continued.layout);
    }
    const layout = continued?.layout ?? asked;
    const rules = await deps.rules.get(scope.orgId);
    const audioKey = callAudioKey(scope.orgId, callId);
    const recorder = continued
      ? await WavRecorder.continue(deps.blobs, audioKey, deps.sampleRateHz, layout.channels)
      : await WavRecorder.create(deps.blobs, audioKey, deps.sampleRateHz, layout.channels);
    // The engine starts before the room exists (a refusal must not create one); events go to it once it does.
    const forward: { to?: CallRoom } = {};
    let stream: TranscriberStream;
    try {
      stream = await deps.transcriber.open({
        sampleRateHz: deps.sampleRateHz,
        channels: layout.channels,
        keyterms: rules.phraseOwners.map((owner) => owner.phrase),
        startAtMs: recorder.durationMs,
        onTranscript: (event) => forward.to?.onTranscript(event),
        onError: (error) => forward.to?.onEngineError(error.message),
        onStatus: (status) => forward.to?.onProviderSwitch(status),
        logger,
      });
    } catch (error) {
      // Refused before any audio: give the call back so the client's retry can start it.
      await recorder.close().catch(() => {});
      await deps.store.releaseCall(scope, callId, claimed);
      logger.warn({ err: describeError(error) }, 'speech engine refused a call');
      const reason = error instanceof ProviderError ? error.message : 'the speech engine could not start';
      return { ok: false, code: CloseCode.engineUnavailable, reason: reason.slice(0, 120) };
    }
    const log = continued ? logFromProgress(callId, continued) : new CallLog(callId);
    log.audioMs = recorder.durationMs;
    const firing = new CardFiring(callId, rules, deps.stability);
    firing.restore(log.since({}).cards);
    const relay: RoomRelay = new RoomRelay(callId, deps.bus, deps.rpc, { snapshot: () => room.snapshot(), feedback: (cardId, feedback) => room.feedback(cardId, feedback) }, logger);
    const room: CallRoom = new CallRoom(callId, scope, { log, layout, stream, recorder, firing, continued: continued !== undefined }, {
      store: deps.store,
      logger,
      resumeGraceMs: deps.resumeGraceMs,
      relay: (payload) => relay.publish(payload),
    });
    forward.to = room;
    this.rooms.set(callId, room);
    metrics.liveCalls.inc();
    // This gateway's watchers who were following the call from elsewhere (or waiting for it) join its room.
    const feed = this.feeds.get(callId);
    if (feed) for (const member of feed.handOver()) room.joinWatcher(member);
    // Not awaited: a call starts even while the bus is down (only other gateways' watchers need it).
    relay.start().catch((error: unknown) => logger.warn({ err: describeError(error) }, 'could not offer the call to other gateways'));
    if (stream.provider !== deps.transcriber.name) room.noteStartedOn(deps.transcriber.name, recorder.durationMs);
    if (continued) logger.info({ audioMs: Math.round(recorder.durationMs), segments: continued.segments.length }, 'call continued from a gateway that shut down');
    void room.ended.then((status) => this.closed(room, relay, status));
    return { ok: true, room };
  }

  private closed(room: CallRoom, relay: RoomRelay, status: string): void {
    if (this.rooms.get(room.callId) === room) this.rooms.delete(room.callId);
    metrics.liveCalls.dec();
    void relay.stop();
    // Interrupted calls are analysed too: what was said until the drop is still worth reviewing.
    // A suspended call is not over: the gateway that continues it enqueues the analysis.
    if (status === 'failed' || status === 'suspended') return;
    const enqueued = this.deps.analysis
      .enqueueAnalysis(room.scope, room.callId)
      .catch((error: unknown) => this.deps.logger.error({ err: describeError(error), callId: room.callId }, 'could not enqueue the call analysis'))
      .finally(() => this.enqueuing.delete(enqueued));
    this.enqueuing.add(enqueued);
  }

  /** A watcher joins: the call's room if it runs here, else this gateway's feed of it. */
  async watch(scope: OrgScope, callId: string, member: RoomMember): Promise<void> {
    const room = this.roomOf(scope, callId);
    if (room) return room.joinWatcher(member);
    const existing = this.feeds.get(callId);
    if (existing?.scope.orgId === scope.orgId) return existing.attach(member);
    const feed = new RemoteRoom(callId, scope, { bus: this.deps.bus, rpc: this.deps.rpc, store: this.deps.store, logger: this.deps.logger }, (done) => {
      if (this.feeds.get(callId) === done) this.feeds.delete(callId);
    });
    this.feeds.set(callId, feed);
    feed.attach(member);
    await feed.open();
  }

  /** A watcher's socket closed. */
  unwatch(callId: string, member: RoomMember): void {
    this.rooms.get(callId)?.leave(member);
    this.feeds.get(callId)?.detach(member);
  }

  /**
   * Records a rep's feedback on a card and tells every socket on the call: by the call's room — here,
   * or forwarded to the gateway running it, answering once applied there — or, when no gateway runs
   * the call, in the database. Undefined when the card is not one of this call's.
   */
  async recordFeedback(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback): Promise<CardFeedbackRecordedMessage | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const room = this.roomOf(scope, callId);
      if (room) return room.feedback(cardId, feedback);
      const at = new Date();
      const stored = await this.deps.store.setCardFeedbackUnlessLive(scope, callId, cardId, feedback, at);
      if (stored === 'unknown_card') return undefined;
      if (stored === 'recorded') return { type: 'card.feedback', callId, cardId, feedback, at: at.toISOString() };
      try {
        const reply = feedbackReplySchema.parse(await this.deps.rpc.request(channels.room(callId), { type: 'feedback', cardId, feedback }, FORWARD_TIMEOUT_MS));
        return reply.recorded ?? undefined;
      } catch (error) {
        this.deps.logger.warn({ err: describeError(error), callId }, 'card feedback could not reach the gateway running the call');
        // It may have ended (or moved here) meanwhile: then the loop records it; else the client may retry.
        if (!(error instanceof RpcTimeout) || (await this.deps.store.callState(scope, callId)) === 'live') break;
      }
    }
    throw new AppError('call_unreachable', 'the gateway running this call did not answer in time; try again', 503);
  }

  /**
   * Shutdown: every room, streaming or awaiting a reconnect, is flushed (engine, transcript, cards,
   * recording) and suspended, so the rep's reconnect continues it on another gateway (or on this one
   * after a restart). Nobody resuming within the grace period → interrupted (`expireSuspended`).
   */
  async suspendAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.rooms.values()].map((room) => room.end('suspended')));
    await Promise.all(this.enqueuing);
    for (const feed of [...this.feeds.values()]) feed.close();
  }

  /** Ends suspended calls whose grace period passed without a reconnect, and analyses them. */
  async expireSuspended(): Promise<void> {
    try {
      for (const { orgId, callId } of await this.deps.store.expireSuspendedCalls(this.deps.resumeGraceMs)) {
        this.deps.logger.info({ callId }, 'suspended call not resumed within the grace period; interrupted');
        await this.deps.analysis.enqueueAnalysis({ orgId }, callId);
      }
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error) }, 'could not expire suspended calls');
    }
  }
}
