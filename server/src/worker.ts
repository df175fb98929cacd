// `npm run worker`: analysis and bulk-import workers only (no gateway), against the deployment's PostgreSQL. Run as
// many as needed, on any machine; pg-boss hands each job to one of them.
import path from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { InProcessHub } from './bus/in-process-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { startBatchWork } from './jobs/start-batch-work.js';
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
// Import progress reaches the gateways' watchers through Redis; without it they still poll.
if (!config.REDIS_URL) logger.warn('no REDIS_URL: bulk import progress from this worker is not pushed live (polling still shows it)');
const bus = config.REDIS_URL ? new RedisBus(config.REDIS_URL, logger) : new InProcessHub().createBus(() => {});
const transcriber = await createTranscriber(config, logger);
const concurrency = { analysis: Math.max(1, config.ANALYSIS_CONCURRENCY), imports: Math.max(1, config.IMPORT_CONCURRENCY) };
const batchWork = await startBatchWork(
  config,
  { databaseUrl: config.DATABASE_URL, db: database.db, bus, logger, transcriber, blobs: new FsBlobStore(path.join(config.dataDir, 'blobs')) },
  concurrency,
);
// Job durations and queue depth are measured here; METRICS_PORT is a worker's only listener.
enableProcessMetrics();
const metricsServer = config.METRICS_PORT === undefined ? undefined : await startMetricsServer(config.METRICS_HOST ?? config.HOST, config.METRICS_PORT, logger);
logger.info({ concurrency: concurrency.analysis, imports: concurrency.imports, analyzer: config.ANALYZER }, 'worker ready');
const stop = async () => {
  await metricsServer?.close();
  await batchWork.stop();
  await bus.close();
  await transcriber.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
