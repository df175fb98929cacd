import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from './errors.js';
import type { Logger } from './logger.js';
import { metricsText } from './metrics.js';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own port (METRICS_PORT), for gateways and for workers, which have no other
 * listener. No authentication: bind it to an interface or network only the monitoring system
 * reaches (in docker-compose it is not published, only the compose network sees it).
 */
export async function startMetricsServer(host: string, port: number, logger: Logger): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try GET /metrics\n');
      return;
    }
    metricsText().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      (error: unknown) => {
        logger.error({ err: describeError(error) }, 'could not collect metrics');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('could not collect metrics\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: boundPort } = server.address() as AddressInfo;
  logger.info({ host, port: boundPort }, 'metrics listening');
  return {
    port: boundPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
