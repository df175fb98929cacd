import type { CardFeedback, FiredCard, MutedSpan, Speaker } from '@call-assist/shared';
import type { OrgScope } from '../db/organisations.js';

export interface StoredSegment {
  seq: number;
  text: string;
  startMs: number;
  endMs: number;
  speaker?: 'caller' | 'agent' | 'any' | undefined;
  /** The channel it was heard on (two-channel calls). */
  channel?: number | undefined;
  words?: { word: string; startMs: number; endMs: number }[] | undefined;
}

/** A live call's audio: interleaved channels, and who each carries (`any`: unlabelled). */
export interface AudioLayout {
  channels: number;
  speakers: Speaker[];
}

/** A card as it fired, before any feedback; its talking point may be deleted later (then null in `FiredCard`). */
export type StoredCard = Omit<FiredCard, 'talkingPointId' | 'feedback' | 'feedbackAt' | 'firedAt'> & { talkingPointId: string };

/** Why a call cannot start streaming. */
export type StartRefusal = 'unknown' | 'ended' | 'busy';

/** Where a call stands: `live` on some gateway, `suspended` between two (a gateway shut down under it). */
export type CallState = 'unknown' | 'created' | 'live' | 'suspended' | 'ended';

/** Everything stored of a call so far: a gateway continuing it, or watchers while no gateway runs it, start from here. */
export interface CallProgress {
  audioDurationMs: number;
  provider: string | null;
  layout: AudioLayout;
  segments: StoredSegment[];
  /** In firing order. */
  cards: (StoredCard & { body: string; feedback: CardFeedback | null; feedbackAt: Date | null })[];
  mutedSpans: MutedSpan[];
}

/** Persistence the live-call code needs; db/ implements it with PostgreSQL. */
export interface CallStore {
  /**
   * Moves a created call to live, atomically: only one socket can start a call; its audio layout is
   * set then. A call suspended by a gateway that shut down is taken over the same way (`resumed`,
   * keeping the layout it has).
   */
  startCall(scope: OrgScope, callId: string, fields: { sttProvider: string; audioKey: string; layout: AudioLayout }): Promise<StartRefusal | 'started' | 'resumed'>;
  /** The transcript, cards, muted spans and audio length stored for the call. */
  callProgress(scope: OrgScope, callId: string): Promise<CallProgress>;
  /** Its gateway is shutting down mid-call: everything is flushed; any gateway may resume it. */
  suspendCall(scope: OrgScope, callId: string, fields: { audioDurationMs: number }): Promise<void>;
  /** Suspended calls nobody resumed within `graceMs` end as interrupted; returns them (to be analysed). */
  expireSuspendedCalls(graceMs: number): Promise<{ orgId: string; callId: string }[]>;
  /** Undoes `startCall` when the call could not start after all (engine refused): it may be retried. */
  releaseCall(scope: OrgScope, callId: string, previous: 'started' | 'resumed'): Promise<void>;
  endCall(scope: OrgScope, callId: string, fields: { status: 'ended' | 'interrupted' | 'failed'; audioDurationMs: number }): Promise<void>;
  /** The engine serving the call changed (failover); `reason` says why. */
  recordProviderSwitch(scope: OrgScope, callId: string, change: { atMs: number; from: string; to: string; reason: string }): Promise<void>;
  callState(scope: OrgScope, callId: string): Promise<CallState>;
  saveSegment(scope: OrgScope, callId: string, segment: StoredSegment): Promise<void>;
  saveCard(scope: OrgScope, callId: string, card: StoredCard): Promise<void>;
  /** The call's muted spans so far (the whole list: idempotent). */
  saveMutedSpans(scope: OrgScope, callId: string, spans: MutedSpan[]): Promise<void>;
  /** Records the rep's feedback (given at `at`), by the gateway running the call; false when the card is not one of this call's. */
  setCardFeedback(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback, at: Date): Promise<boolean>;
  /**
   * Records feedback on a call no gateway runs (ended, or between gateways), atomically with that
   * check: `live` when a gateway runs it (then only that gateway may write it).
   */
  setCardFeedbackUnlessLive(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback, at: Date): Promise<'recorded' | 'unknown_card' | 'live'>;
}
