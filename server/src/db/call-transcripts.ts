import { and, asc, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Speaker } from '@call-assist/shared';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';
import { callAnalyses, calls, transcriptSegments } from './schema.js';

/** A call with its final transcript, as backtests read it. */
export interface CallTranscript {
  id: string;
  title: string | null;
  createdAt: Date;
  startedAt: Date | null;
  /** The analysis' category, when the call has one. */
  outcome: string | null;
  segments: { seq: number; text: string; startMs: number; endMs: number; speaker: Speaker | null }[];
}

export interface CallTranscriptQuery {
  from?: Date | undefined;
  to?: Date | undefined;
  /** Most calls yielded in all. */
  limit: number;
  /** Calls per batch (one query for the calls, one for their segments). */
  batchSize?: number;
}

/**
 * The organisation's calls that have a transcript, newest first, in batches: keyset pagination on
 * (created_at, id), so however many calls the organisation has, memory holds one batch.
 */
export async function* callTranscriptBatches(db: Db, scope: OrgScope, query: CallTranscriptQuery): AsyncGenerator<CallTranscript[]> {
  const batchSize = query.batchSize ?? 50;
  const where: SQL[] = [
    eq(calls.orgId, scope.orgId),
    exists(
      db
        .select({ one: sql`1` })
        .from(transcriptSegments)
        .where(and(eq(transcriptSegments.orgId, scope.orgId), eq(transcriptSegments.callId, calls.id))),
    ),
  ];
  if (query.from) where.push(gte(calls.createdAt, query.from));
  if (query.to) where.push(lte(calls.createdAt, query.to));
  let after: string | undefined;
  for (let remaining = query.limit; remaining > 0; ) {
    // Compared with the last row's own values in SQL: a JS Date would drop the microseconds.
    const cursor = after ? [sql`(${calls.createdAt}, ${calls.id}) < (select c.created_at, c.id from calls c where c.id = ${after})`] : [];
    const rows = await db
      .select({ id: calls.id, title: calls.title, createdAt: calls.createdAt, startedAt: calls.startedAt, outcome: callAnalyses.category })
      .from(calls)
      .leftJoin(callAnalyses, and(eq(callAnalyses.callId, calls.id), eq(callAnalyses.orgId, scope.orgId)))
      .where(and(...where, ...cursor))
      .orderBy(desc(calls.createdAt), desc(calls.id))
      .limit(Math.min(batchSize, remaining));
    if (rows.length === 0) return;
    const segments = await db
      .select({
        callId: transcriptSegments.callId,
        seq: transcriptSegments.seq,
        text: transcriptSegments.text,
        startMs: transcriptSegments.startMs,
        endMs: transcriptSegments.endMs,
        speaker: transcriptSegments.speaker,
      })
      .from(transcriptSegments)
      .where(and(eq(transcriptSegments.orgId, scope.orgId), inArray(transcriptSegments.callId, rows.map((row) => row.id))))
      .orderBy(asc(transcriptSegments.callId), asc(transcriptSegments.seq));
    const byCall = new Map<string, CallTranscript['segments']>(rows.map((row) => [row.id, []]));
    for (const { callId, ...segment } of segments) byCall.get(callId)!.push(segment);
    yield rows.map((row) => ({ ...row, segments: byCall.get(row.id)! }));
    remaining -= rows.length;
    after = rows.at(-1)!.id;
    if (rows.length < batchSize) return;
  }
}
