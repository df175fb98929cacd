import type { CardFeedback, MutedSpan } from '@call-assist/shared';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AudioLayout, CallProgress, CallState, CallStore, StartRefusal } from '../calls/call-store.js';
import { insertCardEvent, listCardEvents, setCardFeedback } from './card-events.js';
import type { Db } from './database.js';
import { redactSegment, type Redactor } from '../lib/pii-redaction.js';
import type { OrgScope } from './organisations.js';
import { cardEvents, calls, talkingPoints } from './schema.js';
import { insertTranscriptSegment, listTranscriptSegments } from './transcript-segments.js';
import { createLiveCall, getCall, markCallEnded } from './calls.js';

/** CallStore on PostgreSQL; every statement is scoped by the organisation. */
export class PgCallStore implements CallStore {
  /** `redact`: applied to transcript text before it is stored (REDACT_PII). */
  constructor(
    private readonly db: Db,
    private readonly options: { redact?: Redactor } = {},
  ) {}

  async createCall(scope: OrgScope, userId: string): Promise<string> {
    return (await createLiveCall(this.db, scope, userId)).id;
  }

  async startCall(scope: OrgScope, callId: string, fields: { sttProvider: string; audioKey: string; layout: AudioLayout }): Promise<StartRefusal | 'started' | 'resumed'> {
    // Conditional updates: of two sockets racing to start (or take over) one call, exactly one wins.
    const { layout, ...rest } = fields;
    const started = await this.db
      .update(calls)
      .set({ status: 'live', startedAt: new Date(), ...rest, audioChannels: layout.channels, channelRoles: layout.speakers })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId), eq(calls.status, 'created')))
      .returning({ id: calls.id });
    if (started.length > 0) return 'started';
    const resumed = await this.db
      .update(calls)
      .set({ status: 'live', suspendedAt: null, sttProvider: fields.sttProvider })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId), eq(calls.status, 'suspended')))
      .returning({ id: calls.id });
    if (resumed.length > 0) return 'resumed';
    const call = await getCall(this.db, scope, callId);
    if (!call) return 'unknown';
    return call.status === 'live' ? 'busy' : 'ended';
  }

  async releaseCall(scope: OrgScope, callId: string, previous: 'started' | 'resumed'): Promise<void> {
    const fields = previous === 'started' ? { status: 'created' as const, startedAt: null, sttProvider: null, audioKey: null } : { status: 'suspended' as const, suspendedAt: new Date() };
    await this.db
      .update(calls)
      .set(fields)
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId), eq(calls.status, 'live')));
  }

  async callProgress(scope: OrgScope, callId: string): Promise<CallProgress> {
    const [call, segments, cards] = await Promise.all([getCall(this.db, scope, callId), listTranscriptSegments(this.db, scope, callId), listCardEvents(this.db, scope, callId)]);
    const bodies = await talkingPointBodies(this.db, scope, cards.flatMap((card) => (card.talkingPointId ? [card.talkingPointId] : [])));
    return {
      audioDurationMs: call?.audioDurationMs ?? 0,
      provider: call?.sttProvider ?? null,
      layout: { channels: call?.audioChannels ?? 1, speakers: call?.channelRoles.length ? call.channelRoles : ['any'] },
      mutedSpans: call?.mutedSpans ?? [],
      segments: segments.map((segment) => ({ ...segment, speaker: segment.speaker ?? undefined, channel: segment.channel ?? undefined, words: segment.words ?? undefined })),
      cards: cards.map((card) => ({
        id: card.id,
        talkingPointId: card.talkingPointId ?? '',
        title: card.title,
        body: (card.talkingPointId && bodies.get(card.talkingPointId)) ?? '',
        phrase: card.phrase,
        source: card.source,
        audioMs: card.audioMs,
        latencyMs: card.latencyMs,
        audioToCardMs: card.audioToCardMs,
        feedback: card.feedback,
        feedbackAt: card.feedbackAt,
      })),
    };
  }

  async suspendCall(scope: OrgScope, callId: string, fields: { audioDurationMs: number }): Promise<void> {
    await this.db
      .update(calls)
      .set({ status: 'suspended', suspendedAt: new Date(), audioDurationMs: fields.audioDurationMs })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId), eq(calls.status, 'live')));
  }

  async expireSuspendedCalls(graceMs: number): Promise<{ orgId: string; callId: string }[]> {
    // Across organisations: a housekeeping sweep, not a request on anyone's behalf.
    return this.db
      .update(calls)
      .set({ status: 'interrupted', endedAt: sql`${calls.suspendedAt}` })
      .where(and(eq(calls.status, 'suspended'), lt(calls.suspendedAt, sql`now() - make_interval(secs => ${graceMs / 1000})`)))
      .returning({ orgId: calls.orgId, callId: calls.id });
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

  async callState(scope: OrgScope, callId: string): Promise<CallState> {
    const call = await getCall(this.db, scope, callId);
    if (!call) return 'unknown';
    return call.status === 'created' || call.status === 'live' || call.status === 'suspended' ? call.status : 'ended';
  }

  async saveMutedSpans(scope: OrgScope, callId: string, spans: MutedSpan[]): Promise<void> {
    await this.db
      .update(calls)
      .set({ mutedSpans: spans })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
  }

  async setCardFeedbackUnlessLive(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback, at: Date): Promise<'recorded' | 'unknown_card' | 'live'> {
    // FOR SHARE on the call row: a gateway claiming the call (UPDATE … status = 'live') waits for this
    // write, or this one waits for the claim and then finds the call live. Either way the room's log,
    // read after its claim, holds every feedback written here.
    const updated = await this.db
      .update(cardEvents)
      .set({ feedback, feedbackAt: at })
      .where(
        and(
          eq(cardEvents.orgId, scope.orgId),
          eq(cardEvents.callId, callId),
          eq(cardEvents.id, cardId),
          sql`${cardEvents.callId} in (select ${calls.id} from ${calls} where ${calls.orgId} = ${scope.orgId} and ${calls.id} = ${callId} and ${calls.status} <> 'live' for share)`,
        ),
      )
      .returning({ id: cardEvents.id });
    if (updated.length > 0) return 'recorded';
    return (await this.callState(scope, callId)) === 'live' ? 'live' : 'unknown_card';
  }

  async saveSegment(scope: OrgScope, callId: string, segment: Parameters<CallStore['saveSegment']>[2]): Promise<void> {
    const { text, words } = redactSegment(segment, this.options.redact);
    await insertTranscriptSegment(this.db, scope, {
      callId,
      seq: segment.seq,
      text,
      startMs: Math.round(segment.startMs),
      endMs: Math.round(segment.endMs),
      speaker: segment.speaker ?? null,
      channel: segment.channel ?? null,
      words,
    });
  }

  async saveCard(scope: OrgScope, callId: string, card: Parameters<CallStore['saveCard']>[2]): Promise<void> {
    await insertCardEvent(this.db, scope, { ...card, callId, audioMs: Math.round(card.audioMs) });
  }

  setCardFeedback(scope: OrgScope, callId: string, cardId: string, feedback: CardFeedback, at: Date): Promise<boolean> {
    return setCardFeedback(this.db, scope, callId, cardId, feedback, at);
  }
}

async function talkingPointBodies(db: Db, scope: OrgScope, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: talkingPoints.id, body: talkingPoints.body })
    .from(talkingPoints)
    .where(and(eq(talkingPoints.orgId, scope.orgId), inArray(talkingPoints.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.body]));
}
