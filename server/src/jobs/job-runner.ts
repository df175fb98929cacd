import PgBoss from 'pg-boss';
import type { AnalysisQueue } from '../calls/analysis-queue.js';
import { setAnalysisStatus } from '../db/call-analyses.js';
import type { Db } from '../db/database.js';
import type { OrgScope } from '../db/organisations.js';
import { describeError, errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { metrics, registerQueueDepth } from '../lib/metrics.js';
import { analyzeCall, type AnalyzeCallDeps, type AnalyzeCallJob } from './analyze-call.js';

export const ANALYZE_CALL = 'analyze-call';

export interface JobRunnerOptions {
  databaseUrl: string;
  db: Db;
  logger: Logger;
  /** Jobs this process runs at once; 0 = only enqueue (a gateway with separate workers). */
  concurrency: number;
  /** A job still active after this long (its worker died) is retried by another worker. */
  expireInSeconds: number;
  retryLimit: number;
  analysis?: Omit<AnalyzeCallDeps, 'db' | 'logger'>;
}

export interface QueuePolicy {
  retryLimit: number;
  expireInSeconds: number;
  /**
   * `short`: at most one queued job per singletonKey; a running one does not hold back the next
   * (e.g. one per imported file: a dead worker's job, still active, must not block its takeover).
   */
  policy?: 'standard' | 'short';
}

export interface JobMeta {
  /** 1 on the first run. */
  attempt: number;
  /** No retry follows if this run fails. */
  final: boolean;
}

export interface JobRunner extends AnalysisQueue {
  /** Creates the queue, or applies these settings to it if it exists. */
  defineQueue(name: string, policy: QueuePolicy): Promise<void>;
  /** Runs `concurrency` handlers of the queue in this process; a thrown error retries the job. */
  work<T extends object>(name: string, concurrency: number, handler: (data: T, meta: JobMeta) => Promise<void>): Promise<void>;
  send<T extends object>(name: string, data: T, options?: { singletonKey?: string }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `action` again when PostgreSQL aborts it for a deadlock or a unique-key race: gateways and
 * workers starting together (docker compose up) create the same queues at the same moment, and
 * pg-boss's createQueue deadlocks between them (seen with two gateways and two workers).
 */
async function retryOnConflict(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 6 || (code !== '40P01' && code !== '23505' && code !== '40001')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/**
 * pg-boss on the application's PostgreSQL (schema `pgboss`): retries with backoff, expiry of jobs
 * whose worker died, any number of workers on any machine. The call's analysis status follows the job.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { db, logger } = options;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: 'pgboss',
    max: 4,
    application_name: 'call-assist-jobs',
    // Expired jobs (dead workers) are found by maintenance: run it often enough to retry them promptly.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.expireInSeconds / 2))),
  });
  boss.on('error', (error) => logger.error({ err: describeError(error) }, 'job queue error'));
  await boss.start();
  const stopQueueDepth: (() => void)[] = [];
  const defineQueue = async (name: string, { retryLimit, expireInSeconds, policy = 'standard' }: QueuePolicy) => {
    const settings = { name, policy, retryLimit, retryDelay: 2, retryBackoff: true, expireInSeconds };
    await retryOnConflict(async () => {
      await boss.createQueue(name, settings);
      // createQueue leaves an existing queue as it was: apply this process' settings (every process of a
      // deployment should share the same settings; new jobs take the queue's).
      await boss.updateQueue(name, settings);
    });
    stopQueueDepth.push(
      registerQueueDepth(name, async () => {
        const [queued, notDone] = await Promise.all([boss.getQueueSize(name), boss.getQueueSize(name, { before: 'completed' })]);
        return { queued, active: notDone - queued };
      }),
    );
  };
  await defineQueue(ANALYZE_CALL, { retryLimit: options.retryLimit, expireInSeconds: options.expireInSeconds });

  if (options.concurrency > 0) {
    if (!options.analysis) throw new Error('a worker needs an analyzer');
    const deps: AnalyzeCallDeps = { ...options.analysis, db, logger };
    for (let i = 0; i < options.concurrency; i++) {
      await boss.work<AnalyzeCallJob>(ANALYZE_CALL, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
        if (!job) return;
        const scope: OrgScope = { orgId: job.data.orgId };
        const timer = metrics.jobDuration.startTimer({ queue: ANALYZE_CALL });
        try {
          await analyzeCall(deps, job.data);
          timer({ outcome: 'completed' });
          logger.info({ callId: job.data.callId, attempt: job.retryCount + 1 }, 'call analysed');
        } catch (error) {
          const final = job.retryCount >= job.retryLimit;
          timer({ outcome: 'failed' });
          const reason = errorMessage(error).slice(0, 300);
          logger.warn({ callId: job.data.callId, attempt: job.retryCount + 1, final, err: describeError(error) }, 'call analysis failed');
          await setAnalysisStatus(db, scope, job.data.callId, final ? 'failed' : 'pending', final ? reason : `attempt ${job.retryCount + 1} failed (${reason}); retrying`);
          throw error;
        }
      });
    }
  }

  return {
    enqueueAnalysis: async (scope, callId) => {
      await setAnalysisStatus(db, scope, callId, 'pending');
      await boss.send(ANALYZE_CALL, { orgId: scope.orgId, callId } satisfies AnalyzeCallJob);
    },
    defineQueue,
    work: async <T extends object>(name: string, concurrency: number, handler: (data: T, meta: JobMeta) => Promise<void>) => {
      for (let i = 0; i < concurrency; i++) {
        await boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
          if (!job) return;
          const timer = metrics.jobDuration.startTimer({ queue: name });
          try {
            await handler(job.data, { attempt: job.retryCount + 1, final: job.retryCount >= job.retryLimit });
            timer({ outcome: 'completed' });
          } catch (error) {
            timer({ outcome: 'failed' });
            throw error;
          }
        });
      }
    },
    send: async (name, data, sendOptions) => {
      await boss.send(name, data, sendOptions?.singletonKey ? { singletonKey: sendOptions.singletonKey } : {});
    },
    stop: async () => {
      for (const stop of stopQueueDepth.splice(0)) stop();
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
    },
  };
}
