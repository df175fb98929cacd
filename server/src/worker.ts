// `npm run worker`: analysis and bulk-import workers only (no gateway), against the deployment's PostgreSQL. Run as
// many as needed, on any machine; pg-boss hands each job to one of them.
import path from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createAnalysisDeps } from './jobs/create-analysis-deps.js';
import { startJobRunner } from './jobs/job-runner.js';
import { InProcessHub } from './bus/in-process-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { startBulkImports } from './imports/bulk/create-bulk-imports.js';
import { createLogger } from './lib/logger.js';
import { enableProcessMetrics } from './lib/metrics.js';
import { startMetricsServer } from './lib/metrics-server.js';
import { FsBlobStore } from './storage/fs-blob-store.js';
import { createTranscriber } from './stt/create-transcriber.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
if (!config.DATABASE_URL) {
  logger.fatal('npm run worker needs DATABASE_URL: workers share the gateway\'s PostgreSQL (npm start already runs a worker in-process)');
  process.exit(1);
}
const database = await openDatabase(config.DATABASE_URL, logger);
// Uploaded recordings are transcribed here, with the same engines as live calls.
const transcriber = await createTranscriber(config, logger);
const analysis = createAnalysisDeps(config, logger, transcriber, new FsBlobStore(path.join(config.dataDir, 'blobs')));
const jobs = await startJobRunner({
  databaseUrl: config.DATABASE_URL,
  db: database.db,
  logger,
  concurrency: Math.max(1, config.ANALYSIS_CONCURRENCY),
  expireInSeconds: config.ANALYSIS_JOB_EXPIRE_S,
  retryLimit: config.ANALYSIS_RETRY_LIMIT,
  analysis,
});
// Import progress reaches the gateways' watchers through Redis; without it they still poll.
if (!config.REDIS_URL) logger.warn('no REDIS_URL: bulk import progress from this worker is not pushed live (polling still shows it)');
const bus = config.REDIS_URL ? new RedisBus(config.REDIS_URL, logger) : new InProcessHub().createBus(() => {});
const bulkImports = await startBulkImports(config, {
  db: database.db,
  bus,
  jobs,
  logger,
  analysis: { ...analysis, db: database.db, logger },
  transcriber,
  concurrency: Math.max(1, config.IMPORT_CONCURRENCY),
});
// Job durations and queue depth are measured here; METRICS_PORT is a worker's only listener.
enableProcessMetrics();
const metricsServer = config.METRICS_PORT === undefined ? undefined : await startMetricsServer(config.METRICS_HOST ?? config.HOST, config.METRICS_PORT, logger);
logger.info({ concurrency: Math.max(1, config.ANALYSIS_CONCURRENCY), imports: Math.max(1, config.IMPORT_CONCURRENCY), analyzer: config.ANALYZER }, 'worker ready');
const stop = async () => {
  await metricsServer?.close();
  bulkImports.stop();
  await jobs.stop();
  await bus.close();
  await transcriber.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
