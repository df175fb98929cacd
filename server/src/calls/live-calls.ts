import { CloseCode, type CardFeedback, type CardFeedbackRecordedMessage, type ServerMessage, type Stability } from '@call-assist/shared';
import type { RulesCache } from '../assist/rules-cache.js';
import { channels, type Bus } from '../bus/bus.js';
import type { OrgScope } from '../db/organisations.js';
import { WavRecorder } from '../lib/audio/wav-recorder.js';
import { describeError, ProviderError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { callAudioKey, type BlobStore } from '../storage/blob-store.js';
import type { StreamingTranscriber, TranscriberStream } from '../stt/streaming-transcriber.js';
import type { AnalysisQueue } from './analysis-queue.js';
import type { CallTokens } from './call-tokens.js';
import { CallSession } from './call-session.js';
import type { CallStore } from './call-store.js';
import { LiveSessions, type SessionOwner } from './live-sessions.js';

export interface LiveCallsDeps {
  store: CallStore & { createCall(scope: OrgScope, userId: string): Promise<string> };
  tokens: CallTokens;
  transcriber: StreamingTranscriber;
  rules: RulesCache;
  blobs: BlobStore;
  bus: Bus;
  logger: Logger;
  stability: Stability;
  sampleRateHz: number;
  analysis: AnalysisQueue;
  /** How long a call whose rep connection dropped waits for a reconnect before it ends as interrupted. */
  resumeGraceMs: number;
}

export type StartResult =
  | { ok: true; session: CallSession; provider: string; resumed: boolean }
  | { ok: false; code: CloseCode; reason: string };

/** Serialised once, compared by the sockets to know the call is over. */
export const callEndedPayload = (callId: string) => JSON.stringify({ type: 'call.ended', callId } satisfies ServerMessage);

const refusals = {
  busy: { code: CloseCode.callBusy, reason: 'call is already streaming' },
  ended: { code: CloseCode.callEnded, reason: 'call already ended' },
} as const;

/** Creating live calls, starting (or resuming) their sessions, card feedback; the sockets call in here. */
export class LiveCalls {
  private readonly sessions: LiveSessions;
  /** Analyses being enqueued, so shutdown waits for them. */
  private readonly enqueuing = new Set<Promise<void>>();

  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly deps: LiveCallsDeps) {
    this.sessions = new LiveSessions(deps.resumeGraceMs, deps.logger);
    // Every gateway sweeps: the one that suspended a call may never come back.
    this.sweeper = setInterval(() => void this.expireSuspended(), Math.max(1_000, deps.resumeGraceMs / 2));
    this.sweeper.unref();
    deps.rules.onChange((orgId, rules) => {
      for (const session of this.sessions.all()) if (session.scope.orgId === orgId) session.setRules(rules);
    });
  }

  /** A new live call taken by `userId`, and the token its rep socket opens with. */
  async create(scope: OrgScope, userId: string): Promise<{ callId: string; token: string; expiresInS: number }> {
    const callId = await this.deps.store.createCall(scope, userId);
    return { callId, token: this.deps.tokens.issue({ callId, orgId: scope.orgId, userId, purpose: 'stream' }), expiresInS: this.deps.tokens.ttlSeconds };
  }

  liveCallIds(): string[] {
    return this.sessions.all().map((session) => session.callId);
  }

  callState(scope: OrgScope, callId: string) {
    return this.deps.store.callState(scope, callId);
  }

  /**
   * Relays everything published for the call (from any gateway) to `send`, then `onEnded` right
   * after the `call.ended` message, so a socket can close only once it has delivered the end.
   */
  relay(callId: string, send: (payload: string) => void, onEnded: () => void) {
    const ended = callEndedPayload(callId);
    return this.deps.bus.subscribe(channels.call(callId), (payload) => {
      send(payload);
      if (payload === ended) onEnded();
    });
  }

  /**
   * Resumes the call's session if it is live on this gateway (its connection dropped, or `takeOver`),
   * else claims the call and opens the engine stream and the recording; refusals carry their close code.
   */
  async start(scope: OrgScope, callId: string, owner: SessionOwner, options: { takeOver?: boolean } = {}): Promise<StartResult> {
    const resumed = this.sessions.resume(scope, callId, owner, options.takeOver ?? false);
    if (resumed?.ok) return { ok: true, session: resumed.session, provider: resumed.session.provider, resumed: true };
    if (resumed) return { ok: false, ...refusals[resumed.refusal] };
    const { deps } = this;
    const audioKey = callAudioKey(scope.orgId, callId);
    const claimed = await deps.store.startCall(scope, callId, { sttProvider: deps.transcriber.name, audioKey });
    if (claimed === 'unknown') return { ok: false, code: CloseCode.unknownCall, reason: 'unknown call' };
    if (claimed !== 'started' && claimed !== 'resumed') return { ok: false, ...refusals[claimed] };
    // A call suspended by a gateway that shut down continues here from what it stored.
    const continued = claimed === 'resumed' ? await deps.store.callProgress(scope, callId) : undefined;

    const rules = await deps.rules.get(scope.orgId);
    // The engine starts before the session exists (a refusal must not create one); events go to it once it does.
    const forward: { to?: CallSession } = {};
    let stream: TranscriberStream;
    try {
      stream = await deps.transcriber.open({
        sampleRateHz: deps.sampleRateHz,
        keyterms: rules.phraseOwners.map((owner) => owner.phrase),
        onTranscript: (event) => forward.to?.onTranscript(event),
        onError: (error) => forward.to?.onEngineError(error.message),
        onStatus: (status) => forward.to?.onProviderSwitch(status),
        logger: deps.logger.child({ callId }),
      });
    } catch (error) {
      // Refused before any audio: give the call back so the client's retry can start it.
      await deps.store.releaseCall(scope, callId, claimed);
      deps.logger.warn({ err: (error as Error).message, callId }, 'speech engine refused a call');
      const reason = error instanceof ProviderError ? error.message : 'the speech engine could not start';
      return { ok: false, code: CloseCode.engineUnavailable, reason: reason.slice(0, 120) };
    }
    const recordingFile = await deps.blobs.writablePath(audioKey);
    const recorder = continued ? await WavRecorder.continue(recordingFile, deps.sampleRateHz) : new WavRecorder(recordingFile, deps.sampleRateHz);
    const channel = channels.call(callId);
    const session = new CallSession(callId, scope, rules, stream, recorder, {
      store: deps.store,
      publish: (message) => deps.bus.publish(channel, JSON.stringify(message)),
      logger: deps.logger.child({ callId }),
      stability: deps.stability,
      providerName: deps.transcriber.name,
    }, continued && { ...continued, audioDurationMs: recorder.durationMs });
    forward.to = session;
    this.sessions.add(session, owner);
    void session.ended.then((status) => {
      // Interrupted calls are analysed too: what was said until the drop is still worth reviewing.
      // A suspended call is not over: the gateway that continues it enqueues the analysis.
      if (status === 'failed' || status === 'suspended') return;
      const enqueued = deps.analysis
        .enqueueAnalysis(scope, callId)
        .catch((error: unknown) => deps.logger.error({ err: describeError(error), callId }, 'could not enqueue the call analysis'))
        .finally(() => this.enqueuing.delete(enqueued));
      this.enqueuing.add(enqueued);
    });
    const provider = stream.provider ?? deps.transcriber.name;
    if (provider !== deps.transcriber.name) {
      // The first engine of the chain refused the call: it started on a later one.
      session.onProviderSwitch({ code: 'provider.switched', provider, previous: deps.transcriber.name, atMs: 0, reason: 'refused at start' });
    }
    if (continued) deps.logger.info({ callId, audioMs: Math.round(recorder.durationMs), segments: continued.segments.length }, 'call continued from a gateway that shut down');
    return { ok: true, session, provider, resumed: continued !== undefined };
  }

  /**
   * `owner`'s connection closed without `end`: the call waits for a reconnect, then ends as
   * interrupted (at once with `endNow`: the client was told not to come back).
   */
  release(session: CallSession, owner: SessionOwner, options: { endNow?: boolean } = {}): void {
    this.sessions.release(session, owner, options.endNow ?? false);
  }

  /**
   * Records a rep's feedback on a card and tells every socket on the call. Through the session when
   * the call is live here (ordered after the card's own write), else straight to the store. Undefined
   * when the card is not one of this call's in this organisation.
   */
  async recordFeedback(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback): Promise<CardFeedbackRecordedMessage | undefined> {
    const session = this.sessions.get(scope, callId);
    if (session) return session.feedback(cardId, feedback);
    const at = new Date();
    if (!(await this.deps.store.setCardFeedback(scope, callId, cardId, feedback, at))) return undefined;
    const recorded: CardFeedbackRecordedMessage = { type: 'card.feedback', callId, cardId, feedback, at: at.toISOString() };
    // Watchers of a call live on another gateway hear it too; nobody listens once the call ended.
    await this.deps.bus
      .publish(channels.call(callId), JSON.stringify(recorded))
      .catch((error: unknown) => this.deps.logger.warn({ err: describeError(error), callId }, 'could not publish card feedback'));
    return recorded;
  }

  /**
   * Shutdown: every live session, streaming or awaiting a reconnect, is flushed (engine, transcript,
   * cards, recording) and suspended, so the rep's reconnect continues it on another gateway (or on
   * this one after a restart). Nobody resuming within the grace period → interrupted (`expireSuspended`).
   */
  async suspendAll(): Promise<void> {
    clearInterval(this.sweeper);
    this.sessions.clearTimers();
    await Promise.all(this.sessions.all().map((session) => session.end('suspended')));
    await Promise.all(this.enqueuing);
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
