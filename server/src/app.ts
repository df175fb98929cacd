import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIO_SAMPLE_RATE_HZ } from '@call-assist/shared';
import { RulesCache } from './assist/rules-cache.js';
import { Accounts } from './auth/accounts.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { channels, type Bus } from './bus/bus.js';
import { BusRpc } from './bus/bus-rpc.js';
import { InProcessHub } from './bus/in-process-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { CallTokens, loadTokenSecret } from './calls/call-tokens.js';
import { LiveCalls } from './calls/live-calls.js';
import type { Config } from './config.js';
import { PgCallStore } from './db/call-store.js';
import { openDatabase, type Database } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { ensureDefaultOrganisation, getRulesVersion } from './db/organisations.js';
import { listTalkingPoints } from './db/talking-points.js';
import { startGateway, type Gateway } from './gateway/gateway.js';
import { startBatchWork } from './jobs/start-batch-work.js';
import type { Logger } from './lib/logger.js';
import { FsBlobStore } from './storage/fs-blob-store.js';
import { createTranscriber } from './stt/create-transcriber.js';
import { describeError } from './lib/errors.js';
import { enableProcessMetrics } from './lib/metrics.js';
import { startMetricsServer } from './lib/metrics-server.js';

/** The built client; before the client has a build, its static placeholder page. */
const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));
const CLIENT_PLACEHOLDER = fileURLToPath(new URL('../../client/public', import.meta.url));
const clientDir = () => (existsSync(path.join(CLIENT_DIST, 'index.html')) ? CLIENT_DIST : CLIENT_PLACEHOLDER);

export interface App {
  port: number;
  /** The METRICS_PORT listener's port, when there is one. */
  metricsPort?: number;
  database: Database;
  tokens: CallTokens;
  /** Set when this start created the first admin (empty database); the password only if it was generated. */
  firstAdmin?: { email: string; generatedPassword?: string };
  /** Ids of the calls live on this gateway (streaming or awaiting a reconnect). */
  liveCallIds(): string[];
  stop(): Promise<void>;
}

async function openBus(config: Config, logger: Logger): Promise<Bus> {
  if (!config.REDIS_URL) return new InProcessHub().createBus((error) => logger.error({ err: describeError(error) }, 'bus handler failed'));
  const bus = new RedisBus(config.REDIS_URL, logger);
  await bus.ready();
  return bus;
}

/**
 * Wires the whole service: database (embedded unless DATABASE_URL), bus (in-process unless
 * REDIS_URL), speech engine, rules, live calls, gateway. Resources opened so far are released if a
 * later step fails.
 */
export async function startApp(config: Config, logger: Logger): Promise<App> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.error({ err: describeError(error) }, 'shutdown step failed'));
    cleanups.length = 0;
  };
  try {
    mkdirSync(config.dataDir, { recursive: true });
    let embedded: EmbeddedDatabase | undefined;
    if (!config.DATABASE_URL) {
      embedded = await startEmbeddedPostgres(config.dataDir, logger);
      cleanups.push(() => embedded!.stop());
    }
    const database = await openDatabase(config.DATABASE_URL ?? embedded!.url, logger);
    cleanups.push(() => database.close());
    const defaultScope = await ensureDefaultOrganisation(database.db);
    const firstAdmin = await ensureFirstAdmin(database.db, defaultScope, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    const bus = await openBus(config, logger);
    cleanups.push(() => bus.close());

    const accounts = new Accounts(
      database.db,
      {
        sessionIdleMs: config.SESSION_IDLE_H * 3600_000,
        sessionMaxMs: config.SESSION_MAX_H * 3600_000,
        maxLoginFailures: config.LOGIN_MAX_FAILURES,
        allowRegistration: config.ALLOW_REGISTRATION,
        loginAttemptsPerMin: config.LOGIN_ATTEMPTS_PER_MIN,
        // Every gateway closes the user's sockets, wherever they are connected.
        onAccessRevoked: async (userId) => {
          await bus.publish(channels.accessRevoked, JSON.stringify({ userId }));
        },
      },
      logger,
    );
    cleanups.push(async () => accounts.stop());

    const transcriber = await createTranscriber(config, logger);
    cleanups.push(() => transcriber.close());

    const rules = new RulesCache(
      async (orgId) => {
        const scope = { orgId };
        const version = await getRulesVersion(database.db, scope);
        return { version, talkingPoints: await listTalkingPoints(database.db, scope) };
      },
      bus,
      logger,
    );
    await rules.start();
    cleanups.push(() => rules.stop());

    const blobs = new FsBlobStore(path.join(config.dataDir, 'blobs'));
    const { jobs, bulkImports, analysis, stop: stopBatchWork } = await startBatchWork(config, {
      databaseUrl: config.DATABASE_URL ?? embedded!.url,
      db: database.db,
      bus,
      logger,
      transcriber,
      blobs,
    });
    cleanups.push(stopBatchWork);

    const tokens = new CallTokens(loadTokenSecret(config.CALL_TOKEN_SECRET, config.dataDir), config.CALL_TOKEN_TTL_S);
    // Gateways ask each other about the live calls they run (snapshots for watchers, forwarded feedback).
    const rpc = new BusRpc(bus, logger);
    await rpc.start();
    cleanups.push(() => rpc.close());
    const calls = new LiveCalls({
      store: new PgCallStore(database.db, { ...(analysis.redact && { redact: analysis.redact }) }),
      tokens,
      transcriber,
      rules,
      blobs,
      bus,
      rpc,
      logger,
      stability: config.MATCH_STABILITY,
      sampleRateHz: AUDIO_SAMPLE_RATE_HZ,
      analysis: jobs,
      resumeGraceMs: config.CALL_RESUME_GRACE_MS,
    });

    const gateway: Gateway = await startGateway(
      {
        db: database.db,
        blobs,
        analysis: jobs,
        bulkImports,
        uploadMaxBytes: config.UPLOAD_MAX_BYTES,
        rules,
        calls,
        tokens,
        accounts,
        cookieSecure: config.COOKIE_SECURE,
        trustProxy: config.TRUST_PROXY,
        httpRate: { perSecond: config.HTTP_RATE_PER_S, burst: config.HTTP_RATE_BURST },
        clientDir: clientDir(),
        metricsToken: config.METRICS_TOKEN,
        logger,
      },
      config.HOST,
      config.PORT,
    );
    const unsubscribeRevocations = await bus.subscribe(channels.accessRevoked, (payload) => {
      const { userId } = JSON.parse(payload) as { userId: string };
      gateway.closeUserSockets(userId);
    });
    cleanups.push(unsubscribeRevocations);
    // Shutdown: stop accepting, let live calls flush and record, then close what is left.
    cleanups.push(async () => {
      gateway.stopListening();
      await calls.suspendAll();
      gateway.closeSockets();
    });
    enableProcessMetrics();
    const metricsServer = config.METRICS_PORT === undefined ? undefined : await startMetricsServer(config.METRICS_HOST ?? config.HOST, config.METRICS_PORT, logger);
    if (metricsServer) cleanups.push(() => metricsServer.close());
    logger.info({ host: config.HOST, port: gateway.port, database: embedded ? 'embedded' : 'external', bus: config.REDIS_URL ? 'redis' : 'in-process', stt: config.sttProviders.join(' → ') }, 'call assist ready');
    return {
      port: gateway.port,
      ...(metricsServer && { metricsPort: metricsServer.port }),
      ...(firstAdmin && { firstAdmin }),
      database,
      tokens,
      liveCallIds: () => calls.liveCallIds(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
