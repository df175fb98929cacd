import { randomUUID } from 'node:crypto';
import {
  FINISHED_BULK_IMPORT_STATUSES,
  type BulkImportFile,
  type BulkImportJobList,
  type BulkImportJobStatus,
  type BulkImportStart,
  type BulkImportStarted,
} from '@call-assist/shared';
import { and, eq } from 'drizzle-orm';
import type { Bus, Unsubscribe } from '../../bus/bus.js';
import {
  addDiscoveredFiles,
  bulkImportFileCounts,
  cancelBulkImportJob,
  claimBulkImportFile,
  createBulkImportJob,
  findStalledBulkImportFiles,
  findStalledDiscoveries,
  getBulkImportJob,
  listBulkImportFiles,
  listBulkImportJobs,
  refreshBulkImportJobStatus,
  releaseClaimedFile,
  resetFailedBulkImportFiles,
  setBulkImportJobStatus,
  touchBulkImportJob,
  updateClaimedFile,
  type BulkImportFileRow,
  type BulkImportJobRow,
  type FileCounts,
} from '../../db/bulk-imports.js';
import { setAnalysisStatus } from '../../db/call-analyses.js';
import type { Db } from '../../db/database.js';
import type { OrgScope } from '../../db/organisations.js';
import { bulkImportFiles, calls, bulkImportJobs } from '../../db/schema.js';
import { analyzeCall, type AnalyzeCallDeps } from '../../jobs/analyze-call.js';
import type { JobMeta, JobRunner } from '../../jobs/job-runner.js';
import { decodeRecording } from '../../lib/audio/decode-audio.js';
import { probeAudio } from '../../lib/audio/probe-audio.js';
import { AppError, describeError, errorMessage, ProviderError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { metrics } from '../../lib/metrics.js';
import type { BatchTranscriber } from '../../stt/batch/batch-transcriber.js';
import { storeRecording } from '../import-recording.js';
import { discoverAudio } from '../web/discover-audio.js';
import type { FetchPolicy } from '../web/fetch-policy.js';
import { downloadToFile } from '../web/safe-fetch.js';
import { analysisKey, customerBucket, customerSlug, originalFileKey } from './storage-keys.js';

const DISCOVER_QUEUE = 'bulk-import-discover';
const FILE_QUEUE = 'bulk-import-file';

interface DiscoverJob {
  orgId: string;
  jobId: string;
}
interface FileJob {
  orgId: string;
  fileId: string;
}

/** Failures that another attempt will not fix: the file fails at once with this reason. */
const PERMANENT_ERRORS = new Set(['url_refused', 'too_large', 'not_audio', 'unsupported_format', 'empty_transcript', 'no_audio_found']);

export interface BulkImportOptions {
  policy: FetchPolicy;
  maxFiles: number;
  maxDepth: number;
  /** Files this process works on at once (0: only enqueue; workers elsewhere do the work). */
  concurrency: number;
  /** A file or discovery without a heartbeat for this long is presumed dead and taken over. */
  staleAfterS: number;
}

export interface BulkImportDeps {
  db: Db;
  bus: Bus;
  jobs: JobRunner;
  logger: Logger;
  /** Transcription + analysis, exactly as for any other recorded call. */
  analysis: AnalyzeCallDeps;
  /** Configured speech engines; `batchFor(name)` transcribes with that engine first. */
  engines: { names: readonly string[]; batchFor(name: string | null): BatchTranscriber };
}

export const bulkImportChannel = (jobId: string) => `bulk-import:${jobId}`;

/**
 * Bulk import of a customer's recorded calls from a web location: discovery, then every audio file
 * as its own job (download → convert → transcribe → analyse), each processed exactly once even when
 * workers die: a run claims its file, reports a heartbeat, and a stale claim is taken over by the
 * sweeper. Progress is published on the bus after every step.
 */
export class BulkImports {
  private sweeper: NodeJS.Timeout | undefined;
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly deps: BulkImportDeps,
    private readonly options: BulkImportOptions,
  ) {}

  /** Creates the queues; with concurrency > 0 this process also works on imports and sweeps for dead runs. */
  async start(): Promise<void> {
    const { jobs } = this.deps;
    await jobs.defineQueue(DISCOVER_QUEUE, { retryLimit: 2, expireInSeconds: 1800, policy: 'short' });
    await jobs.defineQueue(FILE_QUEUE, { retryLimit: 2, expireInSeconds: 3 * 3600, policy: 'short' });
    if (this.options.concurrency === 0) return;
    await jobs.work<DiscoverJob>(DISCOVER_QUEUE, 1, (data, meta) => this.discover(data, meta));
    await jobs.work<FileJob>(FILE_QUEUE, this.options.concurrency, (data, meta) => this.processFile(data, meta));
    const everyMs = Math.max(1000, (this.options.staleAfterS * 1000) / 2);
    this.sweeper = setInterval(() => void this.sweep(), everyMs);
    this.sweeper.unref();
    void this.sweep();
  }

  /** Stops sweeping and abandons files in progress (their claims go stale and another run takes them over). */
  stop(): void {
    clearInterval(this.sweeper);
    for (const controller of this.running) controller.abort();
  }

  async startImport(scope: OrgScope, input: BulkImportStart & { provider?: string | undefined }): Promise<BulkImportStarted> {
    const provider = input.provider ?? null;
    if (provider && !this.deps.engines.names.includes(provider)) {
      throw new AppError('unknown_provider', `speech engine ${provider} is not configured here (configured: ${this.deps.engines.names.join(', ')})`);
    }
    const slug = customerSlug(input.customer_name);
    const job = await createBulkImportJob(this.deps.db, scope, { customerName: input.customer_name, customerSlug: slug, sourceUrl: input.source_url, provider });
    await this.deps.jobs.send<DiscoverJob>(DISCOVER_QUEUE, { orgId: scope.orgId, jobId: job.id }, { singletonKey: job.id });
    this.deps.logger.info({ jobId: job.id }, 'bulk import started');
    return {
      success: true,
      job_id: job.id,
      customer_name: job.customerName,
      storage_bucket_name: customerBucket(slug),
      message: 'Import started: looking for audio files at the source',
    };
  }

  async status(scope: OrgScope, jobId: string, includeFiles: boolean): Promise<BulkImportJobStatus | undefined> {
    const job = await getBulkImportJob(this.deps.db, scope, jobId);
    if (!job) return undefined;
    const counts = (await bulkImportFileCounts(this.deps.db, scope, [jobId])).get(jobId)!;
    const status = describeJob(job, counts);
    if (includeFiles) status.files = (await listBulkImportFiles(this.deps.db, scope, jobId)).map(describeFile);
    return status;
  }

  async list(scope: OrgScope, limit: number, offset: number): Promise<BulkImportJobList> {
    const { rows, total } = await listBulkImportJobs(this.deps.db, scope, limit, offset);
    const counts = await bulkImportFileCounts(this.deps.db, scope, rows.map((row) => row.id));
    return { jobs: rows.map((row) => describeJob(row, counts.get(row.id)!)), total, limit, offset };
  }

  async cancel(scope: OrgScope, jobId: string): Promise<BulkImportJobStatus | undefined> {
    const job = await getBulkImportJob(this.deps.db, scope, jobId);
    if (!job) return undefined;
    if (!FINISHED_BULK_IMPORT_STATUSES.includes(job.status)) await cancelBulkImportJob(this.deps.db, scope, jobId);
    await this.publish(scope, jobId);
    return this.status(scope, jobId, false);
  }

  /** Failed (and cancelled) files are tried again; the job runs until they finish. */
  async retryFailed(scope: OrgScope, jobId: string): Promise<{ retried: number; status: BulkImportJobStatus } | undefined> {
    const job = await getBulkImportJob(this.deps.db, scope, jobId);
    if (!job) return undefined;
    if (job.status === 'failed' && job.error) {
      // Discovery itself failed: run it again.
      await setBulkImportJobStatus(this.deps.db, scope, jobId, 'discovering');
      await this.deps.jobs.send<DiscoverJob>(DISCOVER_QUEUE, { orgId: scope.orgId, jobId }, { singletonKey: jobId });
      return { retried: 0, status: (await this.status(scope, jobId, false))! };
    }
    const files = await resetFailedBulkImportFiles(this.deps.db, scope, jobId);
    for (const file of files) await this.enqueueFile(scope, file.id);
    await refreshBulkImportJobStatus(this.deps.db, scope, jobId);
    await this.publish(scope, jobId);
    return { retried: files.length, status: (await this.status(scope, jobId, false))! };
  }

  /** Live progress of one job: `onStatus` gets the status after every change until the job finishes. */
  async watch(scope: OrgScope, jobId: string, onStatus: (status: BulkImportJobStatus) => void): Promise<Unsubscribe> {
    return this.deps.bus.subscribe(bulkImportChannel(jobId), (payload) => {
      const status = JSON.parse(payload) as BulkImportJobStatus & { orgId?: string };
      if (status.orgId !== scope.orgId) return;
      delete status.orgId;
      onStatus(status);
    });
  }

  private async publish(scope: OrgScope, jobId: string): Promise<void> {
    const status = await this.status(scope, jobId, false);
    if (status) await this.deps.bus.publish(bulkImportChannel(jobId), JSON.stringify({ ...status, orgId: scope.orgId }));
  }

  private enqueueFile(scope: OrgScope, fileId: string): Promise<void> {
    return this.deps.jobs.send<FileJob>(FILE_QUEUE, { orgId: scope.orgId, fileId }, { singletonKey: fileId });
  }

  /** Finds the source's audio files and queues each; safe to run again (files are unique per job and URL). */
  private async discover({ orgId, jobId }: DiscoverJob, meta: JobMeta): Promise<void> {
    const scope = { orgId };
    const { db, logger } = this.deps;
    const job = await getBulkImportJob(db, scope, jobId);
    if (!job || job.status !== 'discovering') return;
    const heartbeat = setInterval(() => void touchBulkImportJob(db, scope, jobId).catch(() => {}), (this.options.staleAfterS * 1000) / 3);
    try {
      await touchBulkImportJob(db, scope, jobId);
      const found = await discoverAudio(job.sourceUrl, { policy: this.options.policy, maxDepth: this.options.maxDepth, maxFiles: this.options.maxFiles });
      if (found.files.length === 0) throw new AppError('no_audio_found', 'no audio files were found at the source');
      const pending = await addDiscoveredFiles(db, scope, jobId, found.files);
      // Only a job still discovering moves on (it may have been cancelled meanwhile).
      const [moved] = await db
        .update(bulkImportJobs)
        .set({ status: 'downloading', updatedAt: new Date() })
        .where(and(eq(bulkImportJobs.orgId, orgId), eq(bulkImportJobs.id, jobId), eq(bulkImportJobs.status, 'discovering')))
        .returning({ id: bulkImportJobs.id });
      if (moved) for (const file of pending) await this.enqueueFile(scope, file.id);
      logger.info({ jobId, files: found.files.length, truncated: found.truncated }, 'bulk import discovery done');
    } catch (error) {
      const code = error instanceof AppError ? error.code : undefined;
      const retry = !meta.final && !PERMANENT_ERRORS.has(code ?? '');
      logger.warn({ jobId, attempt: meta.attempt, retry, err: describeError(error) }, 'bulk import discovery failed');
      if (retry) throw error;
      await setBulkImportJobStatus(db, scope, jobId, 'failed', publicReason(error));
    } finally {
      clearInterval(heartbeat);
      await this.publish(scope, jobId);
    }
  }

  /** Download → convert → call → transcribe → analyse one file, if this run wins its claim. */
  private async processFile({ orgId, fileId }: FileJob, meta: JobMeta): Promise<void> {
    const scope = { orgId };
    const { db, logger } = this.deps;
    const claimId = randomUUID();
    const file = await claimBulkImportFile(db, scope, fileId, claimId, this.options.staleAfterS);
    if (!file) return; // finished, cancelled, or another run is on it
    const job = await getBulkImportJob(db, scope, file.jobId);
    if (!job) return;
    logger.info({ jobId: file.jobId, fileId, attempt: file.attempts }, 'bulk import file started');
    const controller = new AbortController();
    this.running.add(controller);
    // Heartbeat: keeps the claim; a lost claim (cancelled, or taken over) stops this run.
    const heartbeat = setInterval(() => {
      void updateClaimedFile(db, scope, fileId, claimId, {}).then(
        (owned) => !owned && controller.abort(new AppError('claim_lost', 'the file was cancelled or taken over')),
        () => {},
      );
    }, (this.options.staleAfterS * 1000) / 3);
    const step = async (fields: Parameters<typeof updateClaimedFile>[4]) => {
      if (controller.signal.aborted || !(await updateClaimedFile(db, scope, fileId, claimId, fields))) {
        throw new AppError('claim_lost', 'the file was cancelled or taken over');
      }
      if (fields.status) {
        metrics.bulkImportFiles.inc({ status: fields.status });
        await this.publish(scope, file.jobId);
      }
    };
    try {
      await this.publish(scope, file.jobId);
      const callId = file.callId ?? (await this.downloadAndStore(scope, job, file, claimId, step, controller.signal));
      const analysed = await analyzeCall(this.deps.analysis, { orgId, callId }, {
        batch: this.deps.engines.batchFor(job.provider),
        onStage: (stage) => step({ status: stage }),
      });
      const key = analysisKey(orgId, job.customerSlug, callId);
      await this.deps.analysis.blobs.put(key, Buffer.from(JSON.stringify({ call_id: callId, source_url: file.url, analyzer: analysed.analyzer, ...analysed.result }, null, 2)));
      await step({ status: 'completed', error: null });
      logger.info({ jobId: file.jobId, fileId, attempt: file.attempts }, 'bulk import file done');
    } catch (error) {
      if (error instanceof AppError && error.code === 'claim_lost') {
        logger.info({ jobId: file.jobId, fileId }, 'bulk import file left to another run');
        return;
      }
      const code = error instanceof AppError ? error.code : undefined;
      const transient = !PERMANENT_ERRORS.has(code ?? '') && (error instanceof ProviderError || code === 'fetch_failed' || code === undefined);
      const reason = publicReason(error);
      logger.warn({ jobId: file.jobId, fileId, attempt: meta.attempt, transient, err: describeError(error) }, 'bulk import file failed');
      const current = await this.currentFile(scope, fileId);
      if (current?.callId) await setAnalysisStatus(db, scope, current.callId, 'failed', reason).catch(() => {});
      if (transient && !meta.final) {
        await releaseClaimedFile(db, scope, fileId, claimId, `attempt ${meta.attempt} failed (${reason}); retrying`);
        throw error;
      }
      await updateClaimedFile(db, scope, fileId, claimId, { status: 'failed', error: reason });
      metrics.bulkImportFiles.inc({ status: 'failed' });
    } finally {
      clearInterval(heartbeat);
      this.running.delete(controller);
      await refreshBulkImportJobStatus(db, scope, file.jobId);
      await this.publish(scope, file.jobId);
    }
  }

  /** The original kept as downloaded; a 16 kHz WAV and a call row made from it (in one transaction with the file). */
  private async downloadAndStore(
    scope: OrgScope,
    job: BulkImportJobRow,
    file: BulkImportFileRow,
    claimId: string,
    step: (fields: Parameters<typeof updateClaimedFile>[4]) => Promise<void>,
    signal: AbortSignal,
  ): Promise<string> {
    const { db, analysis } = this.deps;
    const key = originalFileKey(scope.orgId, job.customerSlug, job.id, file.id, file.name);
    const target = await analysis.blobs.writablePath(key);
    const downloaded = await downloadToFile(file.url, target, this.options.policy, signal);
    await analysis.blobs.commit(key);
    await step({ status: 'converting', bytes: downloaded.bytes, originalKey: key });
    const probe = await probeAudio(target);
    await step({ format: probe.format, durationMs: probe.durationMs });
    const channels = await decodeRecording(target);
    return storeRecording({ db, blobs: analysis.blobs }, scope, channels, {
      title: file.name.slice(0, 200),
      insert: (row) =>
        db.transaction(async (tx) => {
          await tx.insert(calls).values(row);
          const [owned] = await tx
            .update(bulkImportFiles)
            .set({ callId: row.id!, updatedAt: new Date() })
            .where(and(eq(bulkImportFiles.orgId, scope.orgId), eq(bulkImportFiles.id, file.id), eq(bulkImportFiles.claimId, claimId)))
            .returning({ id: bulkImportFiles.id });
          // Rolls the call back: the run that owns the file now makes its own.
          if (!owned) throw new AppError('claim_lost', 'the file was cancelled or taken over');
        }),
    });
  }

  private async currentFile(scope: OrgScope, fileId: string): Promise<BulkImportFileRow | undefined> {
    const [row] = await this.deps.db.select().from(bulkImportFiles).where(and(eq(bulkImportFiles.orgId, scope.orgId), eq(bulkImportFiles.id, fileId)));
    return row;
  }

  /** Re-queues work whose worker died (stale heartbeat) or whose queue entry was lost. */
  private async sweep(): Promise<void> {
    try {
      const { db } = this.deps;
      for (const job of await findStalledDiscoveries(db, this.options.staleAfterS)) {
        await this.deps.jobs.send<DiscoverJob>(DISCOVER_QUEUE, { orgId: job.orgId, jobId: job.id }, { singletonKey: job.id });
      }
      for (const file of await findStalledBulkImportFiles(db, this.options.staleAfterS)) await this.enqueueFile({ orgId: file.orgId }, file.id);
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error) }, 'bulk import sweep failed');
    }
  }
}

/** A reason to show a manager: our own errors say what went wrong; anything else may carry internals (SQL parameters) and is only logged. */
function publicReason(error: unknown): string {
  if (error instanceof AppError || error instanceof ProviderError) return errorMessage(error).slice(0, 500);
  return 'internal error (details in the server log)';
}

function describeJob(job: BulkImportJobRow, counts: FileCounts): BulkImportJobStatus {
  const processed = counts.completed + counts.failed + counts.cancelled;
  return {
    job_id: job.id,
    status: job.status,
    customer_name: job.customerName,
    source_url: job.sourceUrl,
    provider: job.provider,
    storage_bucket_name: customerBucket(job.customerSlug),
    total_files: counts.total,
    processed_files: processed,
    failed_files: counts.failed,
    progress_percentage: counts.total === 0 ? (FINISHED_BULK_IMPORT_STATUSES.includes(job.status) ? 100 : 0) : Math.round((processed / counts.total) * 1000) / 10,
    ...(job.error && { error: job.error }),
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}

function describeFile(file: BulkImportFileRow): BulkImportFile {
  return {
    id: file.id,
    url: file.url,
    name: file.name,
    status: file.status,
    ...(file.error && { error: file.error }),
    ...(file.callId && { call_id: file.callId }),
    ...(file.bytes !== null && { bytes: file.bytes }),
    ...(file.format && { format: file.format }),
    ...(file.durationMs !== null && { duration_ms: file.durationMs }),
    attempts: file.attempts,
    updated_at: file.updatedAt.toISOString(),
  };
}
