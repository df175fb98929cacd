import type { BulkImportFileStatus, BulkImportStatus } from '@call-assist/shared';
import { and, count, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, Executor } from './database.js';
import type { OrgScope } from './organisations.js';
import { bulkImportFiles, bulkImportJobs } from './schema.js';

export type BulkImportJobRow = typeof bulkImportJobs.$inferSelect;
export type BulkImportFileRow = typeof bulkImportFiles.$inferSelect;

/** File states in which a worker is (or was, if it died) busy with the file. */
export const ACTIVE_FILE_STATUSES = ['downloading', 'converting', 'transcribing', 'analyzing'] as const satisfies readonly BulkImportFileStatus[];
const FINISHED_FILE_STATUSES = ['completed', 'failed', 'cancelled'] as const satisfies readonly BulkImportFileStatus[];

export async function createBulkImportJob(
  db: Db,
  scope: OrgScope,
  fields: { customerName: string; customerSlug: string; sourceUrl: string; provider: string | null },
): Promise<BulkImportJobRow> {
  const [row] = await db.insert(bulkImportJobs).values({ orgId: scope.orgId, ...fields }).returning();
  return row!;
}

export async function getBulkImportJob(db: Db, scope: OrgScope, jobId: string): Promise<BulkImportJobRow | undefined> {
  const [row] = await db.select().from(bulkImportJobs).where(and(eq(bulkImportJobs.orgId, scope.orgId), eq(bulkImportJobs.id, jobId)));
  return row;
}

export async function listBulkImportJobs(db: Db, scope: OrgScope, limit: number, offset: number): Promise<{ rows: BulkImportJobRow[]; total: number }> {
  const where = eq(bulkImportJobs.orgId, scope.orgId);
  const [rows, [totals]] = await Promise.all([
    db.select().from(bulkImportJobs).where(where).orderBy(desc(bulkImportJobs.createdAt), desc(bulkImportJobs.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(bulkImportJobs).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export type FileCounts = Record<BulkImportFileStatus, number> & { total: number };

const emptyCounts = (): FileCounts => ({ total: 0, pending: 0, downloading: 0, converting: 0, transcribing: 0, analyzing: 0, completed: 0, failed: 0, cancelled: 0 });

/** Files per status of each job. */
export async function bulkImportFileCounts(db: Executor, scope: OrgScope, jobIds: string[]): Promise<Map<string, FileCounts>> {
  const result = new Map(jobIds.map((id) => [id, emptyCounts()]));
  if (jobIds.length === 0) return result;
  const rows = await db
    .select({ jobId: bulkImportFiles.jobId, status: bulkImportFiles.status, n: count() })
    .from(bulkImportFiles)
    .where(and(eq(bulkImportFiles.orgId, scope.orgId), inArray(bulkImportFiles.jobId, jobIds)))
    .groupBy(bulkImportFiles.jobId, bulkImportFiles.status);
  for (const row of rows) {
    const counts = result.get(row.jobId)!;
    counts[row.status] += row.n;
    counts.total += row.n;
  }
  return result;
}

export async function listBulkImportFiles(db: Db, scope: OrgScope, jobId: string): Promise<BulkImportFileRow[]> {
  return db
    .select()
    .from(bulkImportFiles)
    .where(and(eq(bulkImportFiles.orgId, scope.orgId), eq(bulkImportFiles.jobId, jobId)))
    .orderBy(bulkImportFiles.createdAt, bulkImportFiles.url);
}

/** Records what discovery found; a re-run (after a restart) adds nothing twice. Returns the job's pending files. */
export async function addDiscoveredFiles(db: Db, scope: OrgScope, jobId: string, files: { url: string; name: string }[]): Promise<BulkImportFileRow[]> {
  // Chunks keep each statement well under PostgreSQL's parameter limit.
  for (let i = 0; i < files.length; i += 500) {
    const chunk = files.slice(i, i + 500).map((file) => ({ orgId: scope.orgId, jobId, url: file.url, name: file.name }));
    await db.insert(bulkImportFiles).values(chunk).onConflictDoNothing({ target: [bulkImportFiles.jobId, bulkImportFiles.url] });
  }
  return db
    .select()
    .from(bulkImportFiles)
    .where(and(eq(bulkImportFiles.orgId, scope.orgId), eq(bulkImportFiles.jobId, jobId), eq(bulkImportFiles.status, 'pending')));
}

/**
 * Takes the file for one worker run: a pending file, or one whose previous run stopped reporting
 * (dead worker). Exactly one caller wins; the others get undefined and leave the file alone.
 */
export async function claimBulkImportFile(db: Db, scope: OrgScope, fileId: string, claimId: string, staleAfterS: number): Promise<BulkImportFileRow | undefined> {
  const [row] = await db
    .update(bulkImportFiles)
    .set({ status: 'downloading', claimId, attempts: sql`${bulkImportFiles.attempts} + 1`, error: null, updatedAt: new Date() })
    .where(
      and(
        eq(bulkImportFiles.orgId, scope.orgId),
        eq(bulkImportFiles.id, fileId),
        or(
          eq(bulkImportFiles.status, 'pending'),
          and(inArray(bulkImportFiles.status, [...ACTIVE_FILE_STATUSES]), lt(bulkImportFiles.updatedAt, sql`now() - make_interval(secs => ${staleAfterS})`)),
        ),
      ),
    )
    .returning();
  return row;
}

/**
 * Updates a file this run still owns (also the heartbeat: updated_at). False when another run has
 * taken it over or it was cancelled: the caller stops working on it.
 */
export async function updateClaimedFile(
  db: Db,
  scope: OrgScope,
  fileId: string,
  claimId: string,
  fields: Partial<Pick<BulkImportFileRow, 'status' | 'error' | 'callId' | 'bytes' | 'format' | 'durationMs' | 'originalKey'>>,
): Promise<boolean> {
  const updated = await db
    .update(bulkImportFiles)
    .set({ ...fields, updatedAt: new Date() })
    .where(
      and(
        eq(bulkImportFiles.orgId, scope.orgId),
        eq(bulkImportFiles.id, fileId),
        eq(bulkImportFiles.claimId, claimId),
        inArray(bulkImportFiles.status, [...ACTIVE_FILE_STATUSES]),
      ),
    )
    .returning({ id: bulkImportFiles.id });
  return updated.length > 0;
}

/** A failure worth another try later: the file goes back to pending (its run gives up its claim). */
export async function releaseClaimedFile(db: Db, scope: OrgScope, fileId: string, claimId: string, error: string): Promise<void> {
  await db
    .update(bulkImportFiles)
    .set({ status: 'pending', error, claimId: null, updatedAt: new Date() })
    .where(and(eq(bulkImportFiles.orgId, scope.orgId), eq(bulkImportFiles.id, fileId), eq(bulkImportFiles.claimId, claimId)));
}

/** Files no worker is moving forward: pending ones and active ones with a stale heartbeat. Across organisations (the sweeper). */
export async function findStalledBulkImportFiles(db: Db, staleAfterS: number): Promise<{ orgId: string; id: string }[]> {
  return db
    .select({ orgId: bulkImportFiles.orgId, id: bulkImportFiles.id })
    .from(bulkImportFiles)
    .innerJoin(bulkImportJobs, eq(bulkImportJobs.id, bulkImportFiles.jobId))
    .where(
      and(
        inArray(bulkImportFiles.status, ['pending', ...ACTIVE_FILE_STATUSES]),
        lt(bulkImportFiles.updatedAt, sql`now() - make_interval(secs => ${staleAfterS})`),
        inArray(bulkImportJobs.status, ['downloading', 'converting', 'transcribing', 'analyzing']),
      ),
    )
    .limit(1000);
}

/** Jobs whose discovery stopped reporting (its worker died). */
export async function findStalledDiscoveries(db: Db, staleAfterS: number): Promise<{ orgId: string; id: string }[]> {
  return db
    .select({ orgId: bulkImportJobs.orgId, id: bulkImportJobs.id })
    .from(bulkImportJobs)
    .where(and(eq(bulkImportJobs.status, 'discovering'), lt(bulkImportJobs.updatedAt, sql`now() - make_interval(secs => ${staleAfterS})`)))
    .limit(100);
}

export async function setBulkImportJobStatus(db: Db, scope: OrgScope, jobId: string, status: BulkImportStatus, error: string | null = null): Promise<void> {
  await db
    .update(bulkImportJobs)
    .set({ status, error, updatedAt: new Date() })
    .where(and(eq(bulkImportJobs.orgId, scope.orgId), eq(bulkImportJobs.id, jobId)));
}

/** Keeps a job's updated_at fresh while its discovery runs (so it is not taken for dead). */
export async function touchBulkImportJob(db: Db, scope: OrgScope, jobId: string): Promise<void> {
  await db
    .update(bulkImportJobs)
    .set({ updatedAt: new Date() })
    .where(and(eq(bulkImportJobs.orgId, scope.orgId), eq(bulkImportJobs.id, jobId), eq(bulkImportJobs.status, 'discovering')));
}

/** The job's status as its files say, once discovery is over: the least advanced stage, or how it ended. */
export function jobStatusFromFiles(counts: FileCounts): BulkImportStatus {
  const unfinished = counts.total - counts.completed - counts.failed - counts.cancelled;
  if (unfinished > 0) {
    if (counts.pending + counts.downloading > 0) return 'downloading';
    if (counts.converting > 0) return 'converting';
    if (counts.transcribing > 0) return 'transcribing';
    return 'analyzing';
  }
  if (counts.failed === 0) return counts.completed > 0 || counts.total === 0 ? 'completed' : 'cancelled';
  return counts.completed > 0 ? 'completed_with_errors' : 'failed';
}

/**
 * Recomputes the status of a running job from its files. A job that is discovering, cancelled or
 * failed as a whole keeps its status. Returns the job after the update.
 */
export async function refreshBulkImportJobStatus(db: Db, scope: OrgScope, jobId: string): Promise<BulkImportJobRow | undefined> {
  return db.transaction(async (tx) => {
    // Row lock: two workers finishing files of one job at once must not race the status.
    const [job] = await tx
      .select()
      .from(bulkImportJobs)
      .where(and(eq(bulkImportJobs.orgId, scope.orgId), eq(bulkImportJobs.id, jobId)))
      .for('update');
    if (!job || job.status === 'discovering' || job.status === 'cancelled' || (job.status === 'failed' && job.error)) return job;
    const counts = (await bulkImportFileCounts(tx, scope, [jobId])).get(jobId)!;
    const status = jobStatusFromFiles(counts);
    if (status === job.status) return job;
    const [updated] = await tx.update(bulkImportJobs).set({ status, updatedAt: new Date() }).where(eq(bulkImportJobs.id, jobId)).returning();
    return updated;
  });
}

/** Cancels the job and every file not finished yet; workers notice at their next step. */
export async function cancelBulkImportJob(db: Db, scope: OrgScope, jobId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(bulkImportJobs)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(and(eq(bulkImportJobs.orgId, scope.orgId), eq(bulkImportJobs.id, jobId)));
    await tx
      .update(bulkImportFiles)
      .set({ status: 'cancelled', claimId: null, updatedAt: new Date() })
      .where(
        and(
          eq(bulkImportFiles.orgId, scope.orgId),
          eq(bulkImportFiles.jobId, jobId),
          inArray(bulkImportFiles.status, ['pending', ...ACTIVE_FILE_STATUSES]),
        ),
      );
  });
}

/** Failed files (and, for a cancelled job, cancelled ones) go back to pending; returns them. */
export async function resetFailedBulkImportFiles(db: Db, scope: OrgScope, jobId: string): Promise<BulkImportFileRow[]> {
  return db.transaction(async (tx) => {
    const retry: BulkImportFileStatus[] = ['failed', 'cancelled'];
    const rows = await tx
      .update(bulkImportFiles)
      .set({ status: 'pending', error: null, claimId: null, updatedAt: new Date() })
      .where(and(eq(bulkImportFiles.orgId, scope.orgId), eq(bulkImportFiles.jobId, jobId), inArray(bulkImportFiles.status, retry)))
      .returning();
    if (rows.length > 0) {
      await tx
        .update(bulkImportJobs)
        .set({ status: 'downloading', error: null, updatedAt: new Date() })
        .where(and(eq(bulkImportJobs.orgId, scope.orgId), eq(bulkImportJobs.id, jobId)));
    }
    return rows;
  });
}

export const isFinishedFileStatus = (status: BulkImportFileStatus) => (FINISHED_FILE_STATUSES as readonly string[]).includes(status);
