import { CloseCode, type ServerMessage } from '@call-assist/shared';
import type { Stability } from '../assist/card-trigger.js';
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

export interface LiveCallsDeps {
  store: CallStore & { createCall(scope: OrgScope): Promise<string> };
  tokens: CallTokens;
  tokenTtlS: number;
  transcriber: StreamingTranscriber;
  rules: RulesCache;
  blobs: BlobStore;
  bus: Bus;
  logger: Logger;
  stability: Stability;
  sampleRateHz: number;
  analysis: AnalysisQueue;
}

export type StartResult = { ok: true; session: CallSession; provider: string } | { ok: false; code: CloseCode; reason: string };

/** Serialised once, compared by the sockets to know the call is over. */
export const callEndedPayload = (callId: string) => JSON.stringify({ type: 'call.ended', callId } satisfies ServerMessage);

/** Creating live calls and starting their sessions; the sockets call in here. */
export class LiveCalls {
  private readonly sessions = new Set<CallSession>();
  /** Analyses being enqueued, so shutdown waits for them. */
  private readonly enqueuing = new Set<Promise<void>>();

  constructor(private readonly deps: LiveCallsDeps) {
    deps.rules.onChange((orgId, rules) => {
      for (const session of this.sessions) if (session.scope.orgId === orgId) session.setRules(rules);
    });
  }

  async create(scope: OrgScope): Promise<{ callId: string; token: string; expiresInS: number }> {
    const callId = await this.deps.store.createCall(scope);
    return { callId, token: this.deps.tokens.issue(callId, scope.orgId), expiresInS: this.deps.tokenTtlS };
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

  /** Claims the call, opens the engine stream and the recording; refusals carry their close code. */
  async start(scope: OrgScope, callId: string): Promise<StartResult> {
    const { deps } = this;
    const audioKey = callAudioKey(scope.orgId, callId);
    const claimed = await deps.store.startCall(scope, callId, { sttProvider: deps.transcriber.name, audioKey });
    if (claimed === 'unknown') return { ok: false, code: CloseCode.unknownCall, reason: 'unknown call' };
    if (claimed === 'ended') return { ok: false, code: CloseCode.callEnded, reason: 'call already ended' };
    if (claimed === 'busy') return { ok: false, code: CloseCode.callBusy, reason: 'call is already streaming' };

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
      });
    } catch (error) {
      // Refused before any audio: give the call back so the client's retry can start it.
      await deps.store.releaseCall(scope, callId);
      deps.logger.warn({ err: (error as Error).message, callId }, 'speech engine refused a call');
      const reason = error instanceof ProviderError ? error.message : 'the speech engine could not start';
      return { ok: false, code: CloseCode.engineUnavailable, reason: reason.slice(0, 120) };
    }
    const recorder = new WavRecorder(await deps.blobs.writablePath(audioKey), deps.sampleRateHz);
    const channel = channels.call(callId);
    const session = new CallSession(callId, scope, rules, stream, recorder, {
      store: deps.store,
      publish: (message) => deps.bus.publish(channel, JSON.stringify(message)),
      logger: deps.logger.child({ callId }),
      stability: deps.stability,
    });
    forward.to = session;
    this.sessions.add(session);
    void session.ended.then((status) => {
      this.sessions.delete(session);
      // Interrupted calls are analysed too: what was said until the drop is still worth reviewing.
      if (status === 'failed') return;
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
    return { ok: true, session, provider };
  }

  /** Ends every live session (shutdown): each is flushed and recorded as interrupted. */
  async endAll(): Promise<void> {
    await Promise.all([...this.sessions].map((session) => session.end('interrupted')));
    await Promise.all(this.enqueuing);
  }
}
