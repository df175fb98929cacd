import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor } from './database.js';
import type { OrgScope } from './organisations.js';
import { transcriptSegments } from './schema.js';

export type TranscriptSegmentRow = typeof transcriptSegments.$inferSelect;
export type NewTranscriptSegment = Omit<typeof transcriptSegments.$inferInsert, 'id' | 'orgId'>;

/** Idempotent on (call, seq), so a retried write never duplicates a segment. */
export async function insertTranscriptSegment(db: Executor, scope: OrgScope, segment: NewTranscriptSegment): Promise<void> {
  await db
    .insert(transcriptSegments)
    .values({ ...segment, orgId: scope.orgId })
    .onConflictDoNothing();
}

export async function listTranscriptSegments(db: Db, scope: OrgScope, callId: string): Promise<TranscriptSegmentRow[]> {
  return db
    .select()
    .from(transcriptSegments)
    .where(and(eq(transcriptSegments.orgId, scope.orgId), eq(transcriptSegments.callId, callId)))
    .orderBy(asc(transcriptSegments.seq));
}
