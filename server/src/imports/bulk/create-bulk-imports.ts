import type { Bus } from '../../bus/bus.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { AnalyzeCallDeps } from '../../jobs/analyze-call.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import type { Logger } from '../../lib/logger.js';
import { StreamedBatchTranscriber } from '../../stt/batch/streamed-batch-transcriber.js';
import type { SpeechTranscriber } from '../../stt/speech-transcriber.js';
import { defaultFetchPolicy } from '../web/fetch-policy.js';
import { BulkImports } from './bulk-imports.js';

/** Bulk imports as configured (IMPORT_*), on the process' engines, analyzer and job queue. */
export async function startBulkImports(
  config: Config,
  deps: { db: Db; bus: Bus; jobs: JobRunner; logger: Logger; analysis: AnalyzeCallDeps; transcriber: SpeechTranscriber; concurrency: number },
): Promise<BulkImports> {
  const { transcriber } = deps;
  const bulkImports = new BulkImports(
    {
      db: deps.db,
      bus: deps.bus,
      jobs: deps.jobs,
      logger: deps.logger.child({ component: 'bulk-import' }),
      analysis: deps.analysis,
      engines: {
        names: transcriber.providerNames,
        batchFor: (name) => new StreamedBatchTranscriber(name ? transcriber.preferring(name) : transcriber),
      },
    },
    {
      policy: {
        ...defaultFetchPolicy,
        allowPrivate: config.IMPORT_ALLOW_PRIVATE,
        maxBytes: config.IMPORT_MAX_BYTES,
        connectTimeoutMs: config.IMPORT_CONNECT_TIMEOUT_MS,
        readTimeoutMs: config.IMPORT_READ_TIMEOUT_MS,
      },
      maxFiles: config.IMPORT_MAX_FILES,
      maxDepth: config.IMPORT_MAX_DEPTH,
      concurrency: deps.concurrency,
      staleAfterS: config.IMPORT_STALE_AFTER_S,
    },
  );
  await bulkImports.start();
  return bulkImports;
}
