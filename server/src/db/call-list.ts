import type { CallListQuery, CallSummary } from '@call-assist/shared';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from './database.js';
import type { CallScope } from '../auth/caller.js';
import { callScopeFilter } from './calls.js';
import { callAnalyses, calls, transcriptSegments } from './schema.js';

/** The tags a call shows: the manager's override, else the analysis'. */
const effectiveTags = sql`coalesce(${calls.tagsOverride}, ${callAnalyses.result} -> 'tags', '[]'::jsonb)`;

function filters(scope: CallScope, query: CallListQuery): SQL[] {
  const where: SQL[] = [callScopeFilter(scope)!];
  if (query.category) where.push(eq(callAnalyses.category, query.category));
  if (query.objection) where.push(sql`${callAnalyses.result} -> 'objections' @> ${JSON.stringify([{ type: query.objection }])}::jsonb`);
  if (query.tag) where.push(sql`${effectiveTags} ? ${query.tag}`);
  if (query.start_date) where.push(gte(calls.createdAt, new Date(query.start_date)));
  if (query.end_date) where.push(lte(calls.createdAt, endOfDay(query.end_date)));
  if (query.q) {
    where.push(sql`exists (select 1 from ${transcriptSegments} where ${transcriptSegments.orgId} = ${scope.orgId}
      and ${transcriptSegments.callId} = ${calls.id}
      and to_tsvector('english', ${transcriptSegments.text}) @@ plainto_tsquery('english', ${query.q}))`);
  }
  return where;
}

/** A bare date as end bound means the whole day. */
export function endOfDay(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

/** Calls of the organisation, newest first, filtered; with the total for paging. */
export async function listCalls(db: Db, scope: CallScope, query: CallListQuery): Promise<{ total: number; calls: CallSummary[] }> {
  const where = and(...filters(scope, query));
  const rows = await db
    .select({
      call: calls,
      category: callAnalyses.category,
      result: callAnalyses.result,
      tags: sql<string[]>`${effectiveTags}`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(calls)
    .leftJoin(callAnalyses, eq(callAnalyses.callId, calls.id))
    .where(where)
    .orderBy(desc(calls.createdAt))
    .limit(query.limit)
    .offset(query.skip);
  return {
    total: rows[0]?.total ?? 0,
    calls: rows.map(({ call, category, result, tags }) => ({
      id: call.id,
      source: call.source,
      title: call.title,
      status: call.status,
      createdAt: call.createdAt.toISOString(),
      startedAt: call.startedAt?.toISOString() ?? null,
      endedAt: call.endedAt?.toISOString() ?? null,
      audioDurationMs: call.audioDurationMs,
      analysisStatus: call.analysisStatus,
      category: category ?? null,
      sentiment: result?.sentiment ?? null,
      tags,
      objectionTypes: [...new Set(result?.objections.map((o) => o.type) ?? [])],
      summary: result?.summary ?? null,
    })),
  };
}

/** Counts of calls per analysis status (GET /api/calls/stats). */
export async function analysisStatusCounts(db: Db, scope: CallScope): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: calls.analysisStatus, count: sql<number>`count(*)`.mapWith(Number) })
    .from(calls)
    .where(callScopeFilter(scope))
    .groupBy(calls.analysisStatus);
  const counts: Record<string, number> = { pending: 0, processing: 0, completed: 0, failed: 0 };
  for (const row of rows) if (row.status !== 'none') counts[row.status] = row.count;
  return counts;
}
