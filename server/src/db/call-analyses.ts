import type { CallAnalysis } from '@call-assist/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from './database.js';
import type { OrgScope } from './organisations.js';
import { callAnalyses, calls } from './schema.js';

export type AnalysisStatus = (typeof calls.$inferSelect)['analysisStatus'];
export type CallAnalysisRow = typeof callAnalyses.$inferSelect;

/** Writes the call's analysis, replacing any earlier one: a retried job never leaves two. */
export async function saveAnalysis(db: Db, scope: OrgScope, callId: string, analyzer: string, result: CallAnalysis): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(callAnalyses)
      .values({ callId, orgId: scope.orgId, analyzer, category: result.category, result })
      .onConflictDoUpdate({ target: callAnalyses.callId, set: { analyzer, category: result.category, result, updatedAt: new Date() } });
    await tx
      .update(calls)
      .set({ analysisStatus: 'completed', analysisError: null })
      .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
  });
}

export async function getAnalysis(db: Db, scope: OrgScope, callId: string): Promise<CallAnalysisRow | undefined> {
  const [row] = await db.select().from(callAnalyses).where(and(eq(callAnalyses.orgId, scope.orgId), eq(callAnalyses.callId, callId)));
  return row;
}

export async function setAnalysisStatus(db: Db, scope: OrgScope, callId: string, status: AnalysisStatus, error: string | null = null): Promise<void> {
  await db
    .update(calls)
    .set({ analysisStatus: status, analysisError: error })
    .where(and(eq(calls.orgId, scope.orgId), eq(calls.id, callId)));
}
