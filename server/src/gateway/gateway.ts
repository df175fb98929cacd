import { CloseCode, SESSION_COOKIE } from '@call-assist/shared';
import uWS from 'uWebSockets.js';
import type { RulesCache } from '../assist/rules-cache.js';
import type { Accounts } from '../auth/accounts.js';
import { readCookie } from '../auth/cookies.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { AnalysisQueue } from '../calls/analysis-queue.js';
import type { CallTokens } from '../calls/call-tokens.js';
import type { LiveCalls } from '../calls/live-calls.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import { metrics } from '../lib/metrics.js';
import type { BulkImports } from '../imports/bulk/bulk-imports.js';
import type { BlobStore } from '../storage/blob-store.js';
import { registerCallSockets } from './call-sockets.js';
import { registerMetricsRoute } from './metrics-route.js';
import { errorBody, Router } from './http.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerBulkImportRoutes } from './routes/bulk-imports.js';
import { registerCallRoutes } from './routes/calls.js';
import { registerLiveCallRoutes } from './routes/live-calls.js';
import { registerTalkingPointRoutes } from './routes/talking-points.js';
import { registerUserRoutes } from './routes/users.js';
import { registerStaticFiles } from './static-files.js';

export interface GatewayDeps {
  db: Db;
  blobs: BlobStore;
  analysis: AnalysisQueue;
  uploadMaxBytes: number;
  rules: RulesCache;
  calls: LiveCalls;
  bulkImports: BulkImports;
  tokens: CallTokens;
  accounts: Accounts;
  cookieSecure: 'auto' | 'true' | 'false';
  trustProxy: boolean;
  /** API requests per second per user (or address before login), and the burst above it. */
  httpRate: { perSecond: number; burst: number };
  clientDir: string;
  /** METRICS_TOKEN: serve `GET /metrics` to this bearer token; unset: no /metrics on this port. */
  metricsToken?: string | undefined;
  logger: Logger;
}

export interface Gateway {
  port: number;
  /** Stops accepting connections, then closes the sockets still open (1001, retryable elsewhere). */
  stopListening(): void;
  closeSockets(): void;
  /** Closes a user's sockets on this gateway (they were disabled or deleted). */
  closeUserSockets(userId: string): void;
}

/**
 * The prebuilt binary must match this Node; otherwise the package silently falls back to a slow
 * JavaScript implementation, which we refuse.
 */
function assertNativeUws(): void {
  if (!/\[native code\]/.test(Function.prototype.toString.call(uWS.App))) {
    throw new Error(`uWebSockets.js has no native binary for Node ${process.version} (${process.platform}-${process.arch}); use Node 20`);
  }
}

/** uWS `ListenOptions.LIBUS_LISTEN_EXCLUSIVE_PORT` (the enum is declared in its types but not exported at run time). */
const LISTEN_EXCLUSIVE_PORT = 1;

export async function startGateway(deps: GatewayDeps, host: string, port: number): Promise<Gateway> {
  assertNativeUws();
  const app = uWS.App();
  let healthy = true;
  app.get('/healthz', (res) => {
    res.onAborted(() => {});
    res.cork(() => {
      res.writeStatus(healthy ? '200 OK' : '503 Service Unavailable').writeHeader('content-type', 'application/json').end(JSON.stringify({ status: healthy ? 'ok' : 'stopping' }));
    });
  });
  const httpLimiter = new RateLimiter(deps.httpRate.burst, deps.httpRate.perSecond);
  const router = new Router(app, deps.logger, {
    authenticate: async (headers) => {
      const token = readCookie(headers.cookie, SESSION_COOKIE);
      return token ? deps.accounts.authenticate(token) : undefined;
    },
    rateLimit: (key) => {
      const taken = httpLimiter.take(key);
      return taken.ok ? undefined : taken.retryAfterS;
    },
    trustProxy: deps.trustProxy,
  });
  registerAuthRoutes(router, deps);
  registerUserRoutes(router, deps);
  registerTalkingPointRoutes(router, deps);
  registerLiveCallRoutes(router, deps);
  registerCallRoutes(router, deps);
  registerBulkImportRoutes(router, deps);
  app.any('/api/*', (res) => {
    res.onAborted(() => {});
    metrics.apiErrors.inc({ code: 'not_found', status: '404' });
    res.cork(() => res.writeStatus('404 Not Found').writeHeader('content-type', 'application/json').end(JSON.stringify(errorBody('not_found', 'no such API route'))));
  });
  const sockets = registerCallSockets(app, deps);
  registerMetricsRoute(app, deps.metricsToken, deps.logger);
  registerStaticFiles(app, deps.clientDir);

  const listenSocket = await new Promise<uWS.us_listen_socket>((resolve, reject) => {
    // Exclusive: uWS otherwise binds with SO_REUSEPORT, so a second server started on the same port
    // would silently share its connections with the first (tokens, calls and data split in two).
    const listen = app.listen as unknown as (host: string, port: number, options: number, cb: (socket: uWS.us_listen_socket | false) => void) => void;
    listen.call(app, host, port, LISTEN_EXCLUSIVE_PORT, (socket) =>
      socket ? resolve(socket) : reject(new Error(`could not listen on ${host}:${port}: is another server using the port?`)),
    );
  });
  return {
    port: uWS.us_socket_local_port(listenSocket),
    stopListening: () => {
      healthy = false;
      uWS.us_listen_socket_close(listenSocket);
    },
    closeUserSockets: (userId) => sockets.closeUser(userId, CloseCode.unauthorized, 'access revoked'),
    closeSockets: () => {
      sockets.closeAll(1001, 'server shutting down');
      sockets.stop();
      httpLimiter.stop();
    },
  };
}
