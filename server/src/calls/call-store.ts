import type { FiredCard } from '@call-assist/shared';
import type { OrgScope } from '../db/organisations.js';

export interface StoredSegment {
  seq: number;
  text: string;
  startMs: number;
  endMs: number;
  speaker?: 'caller' | 'agent' | 'any' | undefined;
  words?: { word: string; startMs: number; endMs: number }[] | undefined;
}

/** A card as it fired, before any feedback; its talking point may be deleted later (then null in `FiredCard`). */
export type StoredCard = Omit<FiredCard, 'talkingPointId' | 'feedback' | 'feedbackAt' | 'firedAt'> & { talkingPointId: string };

/** Why a call cannot start streaming. */
export type StartRefusal = 'unknown' | 'ended' | 'busy';

/** What a call suspended by another gateway had when it moved: it continues from here. */
export interface CallProgress {
  audioDurationMs: number;
  segments: StoredSegment[];
  cards: (StoredCard & { body: string; feedback: 'used' | 'dismissed' | null })[];
}

/** Persistence the live-call code needs; db/ implements it with PostgreSQL. */
export interface CallStore {
  /**
   * Moves a created call to live, atomically: only one socket can start a call. A call suspended by
   * a gateway that shut down is taken over the same way (`resumed`).
   */
  startCall(scope: OrgScope, callId: string, fields: { sttProvider: string; audioKey: string }): Promise<StartRefusal | 'started' | 'resumed'>;
  /** The transcript, cards and audio length a suspended call had (after `startCall` said `resumed`). */
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
  /** Whether the call exists in this organisation, and whether it already ended. */
  callState(scope: OrgScope, callId: string): Promise<'unknown' | 'open' | 'ended'>;
  saveSegment(scope: OrgScope, callId: string, segment: StoredSegment): Promise<void>;
  saveCard(scope: OrgScope, callId: string, card: StoredCard): Promise<void>;
  /** Records the rep's feedback (given at `at`); false when the card is not one of this call's. */
  setCardFeedback(scope: OrgScope, callId: string, cardId: string, feedback: 'used' | 'dismissed', at: Date): Promise<boolean>;
}
