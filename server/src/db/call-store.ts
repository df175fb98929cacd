import { and, eq, sql } from 'drizzle-orm';
import type { CallStore, StartRefusal } from '../calls/call-store.js';
import { insertCardEvent, setCardFeedback } from './card-events.js';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';
import { calls } from './schema.js';
import { insertTranscriptSegment } from './transcript-segments.js';
import { createLiveCall, getCall, markCallEnded } from './calls.js';

/** CallStore on PostgreSQL; every statement is scoped by the organisation. */
export class PgCallStore implements CallStore {
  constructor(private readonly db: Db) {}

  async createCall(scope: OrgScope): Promise<string> {
    return (await createLiveCall(this.db, scope)).id;
  }

  async startCall(scope: OrgScope, callId: string, fields: { sttProvider: string; audioKey: string }): Promise<StartRefusal | 'started'> {
    // Conditional update: of two sockets racing to start one call, exactly one wins.
    const started = await this.db
      .update(calls)
      .set({ status: 'live', startedAt: new Date(), ...fields })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId), eq(calls.status, 'created')))
      .returning({ id: calls.id });
    if (started.length > 0) return 'started';
    const call = await getCall(this.db, scope, callId);
    if (!call) return 'unknown';
    return call.status === 'live' ? 'busy' : 'ended';
  }

  async releaseCall(scope: OrgScope, callId: string): Promise<void> {
    await this.db
      .update(calls)
      .set({ status: 'created', startedAt: null, sttProvider: null, audioKey: null })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId), eq(calls.status, 'live')));
  }

  async endCall(scope: OrgScope, callId: string, fields: { status: 'ended' | 'interrupted' | 'failed'; audioDurationMs: number }): Promise<void> {
    await markCallEnded(this.db, scope, callId, fields);
  }

  async recordProviderSwitch(scope: OrgScope, callId: string, change: { atMs: number; from: string; to: string; reason: string }): Promise<void> {
    await this.db
      .update(calls)
      .set({ sttProvider: change.to, providerSwitches: sql`${calls.providerSwitches} || ${JSON.stringify([change])}::jsonb` })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
  }

  async callState(scope: OrgScope, callId: string): Promise<'unknown' | 'open' | 'ended'> {
    const call = await getCall(this.db, scope, callId);
    if (!call) return 'unknown';
    return call.status === 'created' || call.status === 'live' ? 'open' : 'ended';
  }

  async saveSegment(scope: OrgScope, callId: string, segment: Parameters<CallStore['saveSegment']>[2]): Promise<void> {
    await insertTranscriptSegment(this.db, scope, {
      callId,
      seq: segment.seq,
      text: segment.text,
      startMs: Math.round(segment.startMs),
      endMs: Math.round(segment.endMs),
      speaker: segment.speaker ?? null,
      words: segment.words ?? null,
    });
  }

  async saveCard(scope: OrgScope, callId: string, card: Parameters<CallStore['saveCard']>[2]): Promise<void> {
    await insertCardEvent(this.db, scope, { ...card, callId, audioMs: Math.round(card.audioMs) });
  }

  setCardFeedback(scope: OrgScope, callId: string, cardId: string, feedback: 'used' | 'dismissed', at: Date): Promise<boolean> {
    return setCardFeedback(this.db, scope, callId, cardId, feedback, at);
  }
}
