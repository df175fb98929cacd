import type { Bus } from '../bus/bus.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { startBulkImports } from '../imports/bulk/create-bulk-imports.js';
import type { BulkImports } from '../imports/bulk/bulk-imports.js';
import type { Logger } from '../lib/logger.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { SpeechTranscriber } from '../stt/speech-transcriber.js';
import type { AnalyzeCallDeps } from './analyze-call.js';
import { createAnalysisDeps } from './create-analysis-deps.js';
import { startJobRunner, type JobRunner } from './job-runner.js';

/** The batch half of the system, running. */
export interface BatchWork {
  jobs: JobRunner;
  bulkImports: BulkImports;
  /** What analysis runs with (analyzers, redaction, …), for the live path to share. */
  analysis: Omit<AnalyzeCallDeps, 'db' | 'logger'>;
  stop(): Promise<void>;
}

export interface BatchWorkDeps {
  databaseUrl: string;
  db: Db;
  bus: Bus;
  logger: Logger;
  /** Uploaded and imported recordings are transcribed with the same engines as live calls. */
  transcriber: SpeechTranscriber;
  blobs: BlobStore;
}

/**
 * Analysis jobs and bulk imports as configured. The gateway runs them in-process (`npm start`;
 * concurrency 0 only enqueues, for deployments with separate workers) and `npm run worker` runs
 * them alone.
 */
export async function startBatchWork(
  config: Config,
  deps: BatchWorkDeps,
  concurrency = { analysis: config.ANALYSIS_CONCURRENCY, imports: config.IMPORT_CONCURRENCY },
): Promise<BatchWork> {
  const { db, logger, transcriber } = deps;
  const analysis = createAnalysisDeps(config, logger, transcriber, deps.blobs);
  const jobs = await startJobRunner({
    databaseUrl: deps.databaseUrl,
    db,
    logger,
    concurrency: concurrency.analysis,
    expireInSeconds: config.ANALYSIS_JOB_EXPIRE_S,
    retryLimit: config.ANALYSIS_RETRY_LIMIT,
    analysis,
  });
  const bulkImports = await startBulkImports(config, {
    db,
    bus: deps.bus,
    jobs,
    logger,
    analysis: { ...analysis, db, logger },
    transcriber,
    concurrency: concurrency.imports,
  });
  return {
    jobs,
    bulkImports,
    analysis,
    stop: async () => {
      bulkImports.stop();
      await jobs.stop();
    },
  };
}
